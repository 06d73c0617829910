import { defineAdminModule } from '@waqtor/admin-kit/module'
import messages from './messages.ts'

/**
 * The webhooks plugin's pages in the admin panel, under /plugins/webhooks. Everyone signed in may
 * look; the pages hide what changes things from viewers, as the plugin's routes refuse them.
 */
export default defineAdminModule({
  id: 'webhooks',
  title: 'webhooks.title',
  icon: 'pi pi-send',
  order: 100,
  messages,
  routes: [
    { path: '', name: 'webhooks-subscriptions', title: 'webhooks.nav.subscriptions', icon: 'pi pi-send', menu: true, component: () => import('./pages/SubscriptionsPage.vue') },
    { path: 'deliveries', name: 'webhooks-deliveries', title: 'webhooks.nav.deliveries', icon: 'pi pi-list', menu: true, component: () => import('./pages/DeliveriesPage.vue') },
    { path: 'stats', name: 'webhooks-stats', title: 'webhooks.nav.stats', icon: 'pi pi-chart-bar', menu: true, component: () => import('./pages/StatsPage.vue') },
  ],
})
