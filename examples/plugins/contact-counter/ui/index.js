// The admin panel module of the contact counter: a browser-ready ES module written without a
// build step. The kernel serves this folder at /plugin-ui/contact-counter/ while the plugin is
// started, and the panel import()s this file at run time. It may import only `vue`, `vue-router`
// and `@waqtor/admin-kit`: the panel's import map points those names at its own copies.
import { defineAdminModule } from '@waqtor/admin-kit/module'
import messages from './messages.js'

export default defineAdminModule({
  // Must be the plugin id: pages live under /plugins/contact-counter, strings under `contact-counter.`.
  id: 'contact-counter',
  title: 'contact-counter.title',
  icon: 'pi pi-chart-bar',
  messages,
  routes: [
    {
      path: '',
      name: 'contact-counter-overview',
      title: 'contact-counter.title',
      icon: 'pi pi-chart-bar',
      menu: true,
      // Loaded when the page is first opened, from the same folder (/plugin-ui/contact-counter/overview-page.js).
      component: () => import('./overview-page.js'),
    },
  ],
})
