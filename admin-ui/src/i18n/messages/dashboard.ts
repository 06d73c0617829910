import type { LocalizedMessages } from '../message-tree.ts'

export default {
  en: {
    dashboard: {
      subtitle: 'Your sessions and their traffic at a glance',
      sessions: {
        title: 'Sessions by status',
        total: 'Total: {count}',
        empty: 'There are no sessions yet.',
        manage: 'Manage sessions',
        distribution: 'Share of sessions by status',
      },
      status: {
        ready: 'Ready',
        starting: 'Starting',
        authenticated: 'Signing in',
        qr: 'Waiting for a QR scan',
        disconnected: 'Disconnected',
        failed: 'Failed',
        stopped: 'Stopped',
      },
      chart: {
        title: 'Messages per hour',
        period: 'Last 24 hours',
        sent: 'Sent',
        received: 'Received',
        failed: 'Failed',
        empty: 'No messages were sent or received in the last 24 hours.',
        stale: 'Could not refresh; showing the figures of {time}.',
        summary: 'Messages per hour over the last 24 hours: {sent} sent, {received} received, {failed} failed.',
      },
      notifications: {
        title: 'Recent notifications',
        empty: 'No notifications.',
        viewAll: 'All notifications',
        unread: 'Unread',
        severity: { info: 'Information', warning: 'Warning', error: 'Error' },
      },
    },
  },
  ar: {
    dashboard: {
      subtitle: 'نظرة سريعة على جلساتك وحركة رسائلها',
      sessions: {
        title: 'الجلسات حسب الحالة',
        total: 'الإجمالي: {count}',
        empty: 'لا توجد جلسات بعد.',
        manage: 'إدارة الجلسات',
        distribution: 'توزيع الجلسات حسب الحالة',
      },
      status: {
        ready: 'جاهزة',
        starting: 'قيد التشغيل',
        authenticated: 'جارٍ تسجيل الدخول',
        qr: 'بانتظار مسح رمز QR',
        disconnected: 'غير متصلة',
        failed: 'متعطلة',
        stopped: 'متوقفة',
      },
      chart: {
        title: 'الرسائل في الساعة',
        period: 'آخر 24 ساعة',
        sent: 'المُرسلة',
        received: 'المُستلمة',
        failed: 'الفاشلة',
        empty: 'لم تُرسل أو تُستلم أي رسائل خلال آخر 24 ساعة.',
        stale: 'تعذّر التحديث؛ الأرقام المعروضة من الساعة {time}.',
        summary: 'الرسائل في الساعة خلال آخر 24 ساعة: {sent} مُرسلة، و{received} مُستلمة، و{failed} فاشلة.',
      },
      notifications: {
        title: 'أحدث الإشعارات',
        empty: 'لا توجد إشعارات.',
        viewAll: 'كل الإشعارات',
        unread: 'غير مقروء',
        severity: { info: 'معلومة', warning: 'تحذير', error: 'خطأ' },
      },
    },
  },
} satisfies LocalizedMessages
