import { defineAdminModule } from '../admin-module.ts'

export default defineAdminModule({
  id: 'core.account',
  title: 'nav.profile',
  order: 60,
  routes: [{ path: '/profile', name: 'profile', title: 'nav.profile', icon: 'pi pi-user', component: () => import('../../pages/account/ProfilePage.vue') }],
})
