import { defineAdminModule } from '../admin-module.ts'

export default defineAdminModule({
  id: 'core.sessions',
  title: 'nav.sessions',
  order: 10,
  basePath: '/sessions',
  routes: [
    { path: '', name: 'sessions', title: 'nav.sessions', icon: 'pi pi-mobile', menu: true, component: () => import('../../pages/sessions/SessionsPage.vue') },
    { path: ':clientId', name: 'session-detail', title: 'sessions.detail.title', component: () => import('../../pages/sessions/SessionDetailPage.vue') },
  ],
})
