import type { Component } from 'vue'
import type { Role } from '../api/types.ts'
import type { MessageTree } from '../i18n/message-tree.ts'

/** A message key of the panel (`nav.sessions`), or the text in each language. */
export type LocalizedText = string | { en: string; ar?: string }

export type LazyComponent = () => Promise<Component | { default: Component }>

export interface AdminPage {
  /** Relative to the module's base path: '' for the module's first page, 'deliveries/:id'. */
  path: string
  /** Route name, unique in the panel. Plugin page names should start with the plugin id. */
  name: string
  component: LazyComponent
  title: LocalizedText
  /** A PrimeIcons class, e.g. `pi pi-send`. */
  icon?: string
  /** Listed in the side menu. */
  menu?: boolean
  /** Who may open the page (everyone signed in by default). */
  roles?: Role[]
  /** Shows a "New" tag beside the menu entry. */
  isNew?: boolean
  /** Open without signing in (legal pages). */
  public?: boolean
}

export interface AdminModule {
  /** The plugin id for plugin modules; `core.<area>` for the panel's own. */
  id: string
  title: LocalizedText
  icon?: string
  /** Menu position: lower first. Core modules use 0–99, plugins default to 500. */
  order?: number
  /** Where the module's pages live: core modules choose; plugin modules are always under /plugins/<id>. */
  basePath?: string
  /** Strings of the module, merged into the panel's messages under the module id (`webhooks.title`). */
  messages?: { en: MessageTree; ar?: MessageTree }
  routes: AdminPage[]
}

/** Declares an admin module. It only checks and returns its argument (and gives it types). */
export function defineAdminModule(module: AdminModule): AdminModule {
  if (!module.id || !Array.isArray(module.routes)) throw new TypeError('defineAdminModule needs an id and routes')
  return module
}
