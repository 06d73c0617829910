import { defineAdminModule } from '../admin-module.ts'

export default defineAdminModule({
  id: 'core.messages',
  title: 'nav.messages',
  order: 20,
  basePath: '/messages',
  routes: [
    { path: ':clientId?/:chatId?', name: 'messages', title: 'nav.messages', icon: 'pi pi-comments', menu: true, component: () => import('../../pages/messages/MessagesPage.vue') },
  ],
})
