import { createRouter, createWebHistory, type Router, type RouteRecordRaw } from 'vue-router'
import AppLayout from '../layout/AppLayout.vue'
import { moduleRoutes, type PageMeta } from '../modules/module-routes.ts'
import { coreModules } from '../stores/modules-store.ts'

export const shellRouteName = 'shell'

export function createPanelRouter(): Router {
  const routes: RouteRecordRaw[] = [
    { path: '/login', name: 'login', component: () => import('../pages/auth/LoginPage.vue'), meta: { title: 'auth.signIn', moduleId: 'core', public: true } satisfies PageMeta },
    {
      path: '/',
      name: shellRouteName,
      component: AppLayout,
      children: [
        ...coreModules.flatMap((module) => moduleRoutes(module, false)),
        { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('../pages/errors/NotFoundPage.vue'), meta: { title: 'errors.notFoundTitle', moduleId: 'core', public: true } satisfies PageMeta },
      ],
    },
  ]
  return createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
}
