// The lead form's admin panel module: a browser-ready ES module without a build step. The kernel
// serves this folder at /plugin-ui/lead-form/ while the plugin is started; the panel import()s it.
import { defineAdminModule } from '@waqtor/admin-kit/module'
import messages from './messages.js'

export default defineAdminModule({
  id: 'lead-form',
  title: 'lead-form.title',
  icon: 'pi pi-id-card',
  messages,
  routes: [
    {
      path: '',
      name: 'lead-form-leads',
      title: 'lead-form.title',
      icon: 'pi pi-id-card',
      menu: true,
      component: () => import('./leads-page.js'),
    },
  ],
})
