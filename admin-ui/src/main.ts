import { waqtorPreset } from './theme/waqtor-preset.ts'
import { createPinia } from 'pinia'
import 'primeicons/primeicons.css'
import PrimeVue from 'primevue/config'
import ConfirmationService from 'primevue/confirmationservice'
import ToastService from 'primevue/toastservice'
import Tooltip from 'primevue/tooltip'
import { createApp } from 'vue'
import App from './App.vue'
import { onUnauthorized } from './api/client.ts'
import { createPanelI18n } from './i18n/i18n.ts'
import { initialLocale, localeStorageKey } from './i18n/locales.ts'
import { primeVueLocales } from './i18n/primevue-locales.ts'
import { disconnectAll } from './realtime/core-socket.ts'
import { createPanelRouter } from './router/create-panel-router.ts'
import { installGuards } from './router/install-guards.ts'
import { useAuthStore } from './stores/auth-store.ts'
import { useLocaleStore } from './stores/locale-store.ts'
import { useModulesStore } from './stores/modules-store.ts'
import './styles/panel.css'

function storedLocale(): string | null {
  try {
    return localStorage.getItem(localeStorageKey)
  } catch {
    return null
  }
}

const locale = initialLocale(window.location.search, storedLocale(), navigator.languages)
const i18n = createPanelI18n(locale)
const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
app.use(PrimeVue, { theme: { preset: waqtorPreset, options: { darkModeSelector: '.waqtor-dark', cssLayer: false } }, locale: primeVueLocales[locale] })
app.use(ToastService)
app.use(ConfirmationService)
app.directive('tooltip', Tooltip)

const localeStore = useLocaleStore()
localeStore.onChange((next) => {
  i18n.global.locale.value = next
  app.config.globalProperties.$primevue.config.locale = { ...primeVueLocales[next] }
})
localeStore.setLocale(locale)

const router = createPanelRouter()
const auth = useAuthStore()
installGuards(router, { auth, modules: useModulesStore(), locale: localeStore, i18n: i18n.global })

onUnauthorized(() => {
  if (auth.state !== 'signed-in') return
  auth.markExpired()
  disconnectAll()
  void router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } })
})

app.use(router)
app.mount('#app')
