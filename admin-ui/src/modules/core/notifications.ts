import { defineAdminModule } from '../admin-module.ts'

export default defineAdminModule({
  id: 'core.notifications',
  title: 'nav.notifications',
  order: 30,
  routes: [{ path: '/notifications', name: 'notifications', title: 'nav.notifications', icon: 'pi pi-bell', menu: true, component: () => import('../../pages/notifications/NotificationsPage.vue') }],
})
