import { defineAdminModule } from '../admin-module.ts'

export default defineAdminModule({
  id: 'core.dashboard',
  title: 'nav.dashboard',
  order: 0,
  routes: [{ path: '/', name: 'dashboard', title: 'nav.dashboard', icon: 'pi pi-home', menu: true, component: () => import('../../pages/dashboard/DashboardPage.vue') }],
})
