import { defineAdminModule } from '../admin-module.ts'

export default defineAdminModule({
  id: 'core.system',
  title: 'nav.plugins',
  order: 50,
  routes: [
    { path: '/plugins', name: 'plugins', title: 'nav.plugins', icon: 'pi pi-th-large', menu: true, component: () => import('../../pages/system/PluginsPage.vue') },
    { path: '/realtime', name: 'realtime', title: 'nav.realtime', icon: 'pi pi-bolt', menu: true, roles: ['admin'], isNew: true, component: () => import('../../pages/system/RealtimePage.vue') },
    { path: '/jobs', name: 'jobs', title: 'nav.jobs', icon: 'pi pi-clock', menu: true, roles: ['admin'], isNew: true, component: () => import('../../pages/system/JobsPage.vue') },
  ],
})
