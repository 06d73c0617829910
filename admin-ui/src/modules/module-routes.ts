import type { RouteRecordRaw } from 'vue-router'
import type { AdminModule, AdminPage, LocalizedText } from './admin-module.ts'

export interface PageMeta {
  title: LocalizedText
  moduleId: string
  roles?: AdminPage['roles']
  public?: boolean
}

/** Where a module's pages live: plugins under /plugins/<id>, core modules where they say. */
export function moduleBasePath(module: AdminModule, isPlugin: boolean): string {
  if (isPlugin) return `/plugins/${module.id}`
  return (module.basePath ?? '').replace(/\/$/, '')
}

export function pagePath(module: AdminModule, page: AdminPage, isPlugin: boolean): string {
  const base = moduleBasePath(module, isPlugin)
  const path = [base, page.path.replace(/^\//, '')].filter(Boolean).join('/')
  return path.startsWith('/') ? path : `/${path}`
}

export function moduleRoutes(module: AdminModule, isPlugin: boolean): RouteRecordRaw[] {
  return module.routes.map((page) => ({
    path: pagePath(module, page, isPlugin),
    name: page.name,
    component: page.component,
    meta: { title: page.title, moduleId: module.id, roles: page.roles, public: page.public } satisfies PageMeta,
  }))
}
