import type { RouteLocationNormalizedLoaded, Router } from 'vue-router'
import type { Ref } from 'vue'
import { isLocale } from '../i18n/locales.ts'
import { resolveLocalizedText } from '../i18n/localized-text.ts'
import { moduleRoutes, type PageMeta } from '../modules/module-routes.ts'
import type { useAuthStore } from '../stores/auth-store.ts'
import type { useLocaleStore } from '../stores/locale-store.ts'
import type { useModulesStore } from '../stores/modules-store.ts'
import { shellRouteName } from './create-panel-router.ts'

/** The parts of the panel's i18n the guards use. */
interface GuardI18n {
  locale: Ref<string>
  t: (key: string) => string
  mergeLocaleMessage(locale: string, messages: Record<string, unknown>): void
}

interface GuardDeps {
  auth: ReturnType<typeof useAuthStore>
  modules: ReturnType<typeof useModulesStore>
  locale: ReturnType<typeof useLocaleStore>
  i18n: GuardI18n
}

/**
 * Before each page: `?lang=` switches the language; the first visit asks who is signed in; once
 * signed in, the running plugins' modules are loaded and their pages added; pages need a login
 * unless public, and the roles they name.
 */
export function installGuards(router: Router, { auth, modules, locale, i18n }: GuardDeps): void {
  router.beforeEach(async (to) => {
    const lang = to.query.lang
    if (isLocale(lang) && lang !== locale.locale) locale.setLocale(lang)
    if (auth.state === 'unknown') await auth.refresh()
    const meta = to.meta as Partial<PageMeta>
    if (auth.state === 'signed-in' && !modules.loaded) {
      const added = await addPluginRoutes(router, modules, i18n)
      // The page may be a plugin's, unknown until now: resolve the address again.
      if (added && to.name === 'not-found') return to.fullPath
    }
    if (to.name === 'login' && auth.state === 'signed-in') return typeof to.query.redirect === 'string' ? to.query.redirect : '/'
    if (meta.public) return true
    if (auth.state !== 'signed-in') return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    if (!auth.hasRole(meta.roles)) return { name: 'not-found', params: { pathMatch: to.path.slice(1).split('/') }, query: { denied: '1' } }
    return true
  })

  router.afterEach((to) => applyDocumentTitle(to, i18n))
  // The tab's title follows a language switch at once, not at the next page.
  locale.onChange(() => applyDocumentTitle(router.currentRoute.value, i18n))
}

function applyDocumentTitle(route: RouteLocationNormalizedLoaded, i18n: GuardI18n): void {
  const meta = route.meta as Partial<PageMeta>
  const title = meta.title ? resolveLocalizedText(meta.title, i18n.locale.value, i18n.t) : ''
  document.title = title ? `${title} · WaQtor` : 'WaQtor'
}

async function addPluginRoutes(router: Router, modules: GuardDeps['modules'], i18n: GuardI18n): Promise<boolean> {
  try {
    const loaded = await modules.loadPlugins()
    for (const module of loaded) {
      if (module.messages) {
        i18n.mergeLocaleMessage('en', { [module.id]: module.messages.en })
        if (module.messages.ar) i18n.mergeLocaleMessage('ar', { [module.id]: module.messages.ar })
      }
      for (const route of moduleRoutes(module, true)) {
        if (route.name && router.hasRoute(route.name)) continue
        router.addRoute(shellRouteName, route)
      }
    }
    return loaded.length > 0
  } catch (error) {
    // The plugin list could not be read: the core pages still work; try again on the next page.
    console.error('plugin modules not loaded', error)
    return false
  }
}
