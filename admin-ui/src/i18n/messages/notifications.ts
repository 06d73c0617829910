import type { LocalizedMessages } from '../message-tree.ts'

// Counted messages list their forms with "|": English zero | one | many; Arabic zero | one | two |
// few (3–10) | many (11–99) | other (100 and up). See i18n/arabic-plural.ts.
export default {
  en: {
    notifications: {
      unreadCount: 'No unread notifications | {n} unread notification | {n} unread notifications',
      markedRead: 'Nothing was unread | {n} notification marked as read | {n} notifications marked as read',
      subtitle: 'What WaQtor and its plugins want you to know, newest first.',
      markRead: 'Mark as read',
      markUnread: 'Mark as unread',
      markAllRead: 'Mark all as read',
      delete: 'Delete notification',
      deleteHeader: 'Delete this notification?',
      deleteMessage: '“{title}” will be removed from your notifications. This cannot be undone.',
      deleted: 'Notification deleted',
      unread: 'Unread',
      details: 'Details',
      session: 'Session {id}',
      source: 'From {source}',
      core: 'WaQtor core',
      newArrived: 'New',
      severity: { info: 'Information', warning: 'Warning', error: 'Error' },
      filter: { label: 'Show', all: 'All', unread: 'Unread', read: 'Read', type: 'Type', allTypes: 'All types' },
      empty: {
        all: 'No notifications yet. Failing sessions and plugins that need your attention will tell you here.',
        unread: 'You are all caught up: nothing is unread.',
        read: 'No read notifications.',
      },
      bell: {
        title: 'Notifications',
        empty: 'You are all caught up.',
        seeAll: 'See all notifications',
      },
    },
  },
  ar: {
    notifications: {
      unreadCount:
        'لا توجد إشعارات غير مقروءة | إشعار واحد غير مقروء | إشعاران غير مقروءين | {n} إشعارات غير مقروءة | {n} إشعارًا غير مقروء | {n} إشعار غير مقروء',
      markedRead:
        'لم يكن هناك إشعار غير مقروء | عُلِّم إشعار واحد كمقروء | عُلِّم إشعاران كمقروءين | عُلِّمت {n} إشعارات كمقروءة | عُلِّم {n} إشعارًا كمقروء | عُلِّم {n} إشعار كمقروء',
      subtitle: 'ما يريد WaQtor وإضافاته إبلاغك به، الأحدث أولًا.',
      markRead: 'تعليم كمقروء',
      markUnread: 'تعليم كغير مقروء',
      markAllRead: 'تعليم الكل كمقروء',
      delete: 'حذف الإشعار',
      deleteHeader: 'حذف هذا الإشعار؟',
      deleteMessage: 'سيُحذف «{title}» من إشعاراتك. لا يمكن التراجع عن ذلك.',
      deleted: 'حُذف الإشعار',
      unread: 'غير مقروء',
      details: 'التفاصيل',
      session: 'الجلسة {id}',
      source: 'من {source}',
      core: 'نواة WaQtor',
      newArrived: 'جديد',
      severity: { info: 'معلومة', warning: 'تحذير', error: 'خطأ' },
      filter: { label: 'عرض', all: 'الكل', unread: 'غير المقروءة', read: 'المقروءة', type: 'النوع', allTypes: 'كل الأنواع' },
      empty: {
        all: 'لا توجد إشعارات بعد. ستُبلَّغ هنا بالجلسات المتعطلة وبما تحتاج الإضافات إلى انتباهك إليه.',
        unread: 'لا جديد: قرأت كل إشعاراتك.',
        read: 'لا توجد إشعارات مقروءة.',
      },
      bell: {
        title: 'الإشعارات',
        empty: 'لا جديد، قرأت كل شيء.',
        seeAll: 'عرض كل الإشعارات',
      },
    },
  },
} satisfies LocalizedMessages
