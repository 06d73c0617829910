import ConfirmDialog from 'primevue/confirmdialog'
import Toast from 'primevue/toast'
import { defineComponent, h, type Component } from 'vue'
import { useI18n } from 'vue-i18n'
import { moduleRoutes } from '../../../../admin-ui/src/modules/module-routes.ts'
import { mountPage, type MountPageOptions } from '../../../../admin-ui/src/testing/mount-page.ts'
import webhooksModule from '../index.ts'

/**
 * Mounts a webhooks page as the panel shows it: the module's strings merged under `webhooks`
 * (as the router guard does when the module loads), its routes known to the router, and the
 * confirmation dialog and toasts of the panel's shell.
 */
export function mountWebhooksPage(page: Component, options: MountPageOptions = {}) {
  const withMessages = defineComponent({
    setup() {
      const i18n = useI18n({ useScope: 'global' })
      i18n.mergeLocaleMessage('en', { webhooks: webhooksModule.messages!.en })
      i18n.mergeLocaleMessage('ar', { webhooks: webhooksModule.messages!.ar! })
      // The panel's App mounts these once; pages only ask for them.
      return () => h('div', [h(page), h(ConfirmDialog), h(Toast)])
    },
  })
  return mountPage(withMessages, {
    routes: [...moduleRoutes(webhooksModule, true), { path: '/:pathMatch(.*)*', component: { render: () => null } }],
    ...options,
  })
}
