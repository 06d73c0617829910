import { defineAdminModule } from '../admin-module.ts'

export default defineAdminModule({
  id: 'core.info',
  title: 'nav.about',
  order: 90,
  routes: [
    { path: '/about', name: 'about', title: 'nav.about', icon: 'pi pi-info-circle', menu: true, public: true, component: () => import('../../pages/info/AboutPage.vue') },
    { path: '/privacy', name: 'privacy', title: 'nav.privacy', public: true, component: () => import('../../pages/info/PrivacyPage.vue') },
    { path: '/terms', name: 'terms', title: 'nav.terms', public: true, component: () => import('../../pages/info/TermsPage.vue') },
  ],
})
