import type { LocalizedMessages } from '../message-tree.ts'

export default {
  en: {
    consent: {
      bannerLabel: 'Cookies and browser storage',
      title: 'Your privacy choices',
      text: 'WaQtor uses a login cookie that it needs to work. With your permission it also remembers your language in this browser. It sets no analytics or advertising cookies, though plugins installed by your administrator may ask to.',
      acceptAll: 'Accept all',
      rejectNonEssential: 'Reject non-essential',
      preferences: 'Preferences',
      readPolicy: 'Read the Privacy Policy',
      dialogTitle: 'Cookie preferences',
      dialogIntro: 'Choose what this panel may store in your browser. You can change your choice at any time from the "Cookie preferences" link on the Privacy Policy page.',
      alwaysOn: 'Always on',
      save: 'Save my choices',
      decidedAt: 'Your current choice was saved on {date}.',
      categories: {
        necessary: {
          title: 'Strictly necessary',
          text: 'The login cookie (waqtor_token) keeps you signed in and protects your account; it cannot be read by scripts and ends when you sign out or your login expires. Your choice on this banner is also recorded (waqtor.consent) so that we do not ask again on every page. The panel cannot work without these.',
        },
        preferences: {
          title: 'Preferences',
          text: 'Remembers the language you chose (waqtor.locale in this browser\'s local storage), so the panel opens in it next time. If you turn this off, the panel forgets the stored language and picks one from your browser settings.',
        },
        analytics: {
          title: 'Analytics',
          text: 'WaQtor itself collects no analytics. Plugins installed by your administrator may offer usage measurement; they may only do so if you allow it here.',
        },
      },
    },
  },
  ar: {
    consent: {
      bannerLabel: 'ملفات تعريف الارتباط والتخزين في المتصفح',
      title: 'خياراتك بشأن الخصوصية',
      text: 'يستخدم WaQtor ملف تعريف ارتباط لتسجيل الدخول لا يعمل بدونه. وبإذنك يتذكّر أيضًا لغتك في هذا المتصفح. لا يضع أي ملفات تعريف ارتباط للتحليلات أو الإعلانات، لكن الإضافات التي يثبّتها المسؤول قد تطلب ذلك.',
      acceptAll: 'قبول الكل',
      rejectNonEssential: 'رفض غير الضروري',
      preferences: 'التفضيلات',
      readPolicy: 'اقرأ سياسة الخصوصية',
      dialogTitle: 'تفضيلات ملفات تعريف الارتباط',
      dialogIntro: 'اختر ما يجوز لهذه اللوحة تخزينه في متصفحك. يمكنك تغيير اختيارك في أي وقت من رابط «تفضيلات ملفات تعريف الارتباط» في صفحة سياسة الخصوصية.',
      alwaysOn: 'مفعّل دائمًا',
      save: 'حفظ اختياراتي',
      decidedAt: 'حُفظ اختيارك الحالي في {date}.',
      categories: {
        necessary: {
          title: 'ضرورية للغاية',
          text: 'ملف تعريف ارتباط تسجيل الدخول (waqtor_token) يُبقيك مسجّلًا ويحمي حسابك؛ لا تستطيع البرامج النصية قراءته، وينتهي عند تسجيل خروجك أو انتهاء صلاحية دخولك. ويُسجَّل كذلك اختيارك في هذا الشريط (waqtor.consent) حتى لا نسألك مجددًا في كل صفحة. لا تعمل اللوحة بدون هذه العناصر.',
        },
        preferences: {
          title: 'التفضيلات',
          text: 'تتذكّر اللغة التي اخترتها (waqtor.locale في التخزين المحلي لهذا المتصفح) لتُفتح اللوحة بها في المرة القادمة. إذا عطّلت هذا الخيار، تنسى اللوحة اللغة المحفوظة وتختار لغة وفق إعدادات متصفحك.',
        },
        analytics: {
          title: 'التحليلات',
          text: 'لا يجمع WaQtor بنفسه أي بيانات تحليلية. قد تقدّم إضافات يثبّتها المسؤول قياسًا للاستخدام، ولا يحق لها ذلك إلا إذا سمحت به هنا.',
        },
      },
    },
  },
} satisfies LocalizedMessages
