/**
 * Bare module names a plugin's admin module may import, and the entry of the panel that provides
 * each. At build time each becomes `/shared/<name>.js`; the import map in index.html points the
 * bare names there, so a plugin module loaded with import() shares the panel's Vue instance.
 */
export const sharedModules = {
  vue: 'src/shared/vue.ts',
  'vue-router': 'src/shared/vue-router.ts',
  '@waqtor/admin-kit': 'src/kit/index.ts',
  // defineAdminModule alone: a module's index imports it to declare its menu without loading the
  // whole kit (tables, dialogs, forms) on every page; its pages import the kit when opened.
  '@waqtor/admin-kit/module': 'src/modules/admin-module.ts',
} as const

export type SharedModuleName = keyof typeof sharedModules

/** The file name of a shared module in the build, e.g. `@waqtor/admin-kit/module` → `admin-kit-module`. */
export function sharedFileName(name: SharedModuleName): string {
  return name.replace(/^@waqtor\//, '').replaceAll('/', '-')
}
