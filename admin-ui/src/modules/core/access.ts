import { defineAdminModule } from '../admin-module.ts'

export default defineAdminModule({
  id: 'core.access',
  title: 'nav.users',
  order: 40,
  routes: [
    { path: '/users', name: 'users', title: 'nav.users', icon: 'pi pi-users', menu: true, roles: ['admin'], component: () => import('../../pages/access/UsersPage.vue') },
    { path: '/api-keys', name: 'api-keys', title: 'nav.apiKeys', icon: 'pi pi-key', menu: true, roles: ['admin'], component: () => import('../../pages/access/ApiKeysPage.vue') },
  ],
})
