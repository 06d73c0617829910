import type { LocalizedMessages } from '../message-tree.ts'

export default {
  en: {
    legal: {
      effectiveDate: 'Effective date: {date}',
      contents: 'Contents',
      cookiePreferences: 'Cookie preferences',
      cookiePreferencesHelp: 'Review or change what this panel may store in your browser.',
      seeTerms: 'Read the Terms of Service',
      seePrivacy: 'Read the Privacy Policy',
    },
  },
  ar: {
    legal: {
      effectiveDate: 'تاريخ السريان: {date}',
      contents: 'المحتويات',
      cookiePreferences: 'تفضيلات ملفات تعريف الارتباط',
      cookiePreferencesHelp: 'راجع ما يجوز لهذه اللوحة تخزينه في متصفحك أو غيّره.',
      seeTerms: 'اقرأ شروط الخدمة',
      seePrivacy: 'اقرأ سياسة الخصوصية',
    },
  },
} satisfies LocalizedMessages
