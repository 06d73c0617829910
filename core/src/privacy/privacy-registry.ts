import { z } from 'zod'
import type { Logger } from '../logging/create-logger.ts'
import { PluginError } from '../plugins/plugin-error.ts'
import type { PluginRecord } from '../plugins/plugin-record.ts'
import type { CoreContactData } from './core-contact-data.ts'
import type { CoreUserData } from './core-user-data.ts'
import { toPrivacySubject } from './privacy-subject.ts'
import type { EraseCounts, PrivacyFailure, PrivacyHooks, SubjectErasure, SubjectExport } from './privacy-types.ts'

const counts = z.record(z.string().min(1).max(100), z.number().int().min(0))
const eraseCountsSchema = z.object({ deleted: counts.optional(), anonymized: counts.optional(), kept: counts.optional() }).strict()

/**
 * Every holder of personal data in one place: the kernel's own tables and each plugin's hooks.
 * `exportSubject` gathers a person's data, `eraseSubject` removes it; the GDPR pack builds its
 * requests on these. Hooks of every plugin run, whether or not it is on for the subject's session.
 */
export class PrivacyRegistry {
  private readonly hooks = new Map<string, PrivacyHooks>()

  constructor(
    private readonly core: { contact: CoreContactData; user: CoreUserData },
    private readonly plugins: () => readonly PluginRecord[],
    private readonly logger: Logger,
  ) {}

  /** Called through `plugin.privacy.register()`; the returned disposer runs when the plugin stops. */
  register(pluginId: string, hooks: PrivacyHooks): () => void {
    if (typeof hooks !== 'object' || hooks === null || typeof hooks.export !== 'function' || typeof hooks.erase !== 'function') {
      throw new PluginError('PRIVACY_HOOKS_INVALID', pluginId, 'privacy.register() needs { export(subject), erase(subject) }, both functions', [
        { field: 'hooks.export', message: 'must be a function' },
        { field: 'hooks.erase', message: 'must be a function' },
      ])
    }
    if (this.hooks.has(pluginId)) throw new PluginError('PRIVACY_HOOKS_DUPLICATE', pluginId, 'privacy.register() may be called once')
    this.hooks.set(pluginId, hooks)
    return () => {
      if (this.hooks.get(pluginId) === hooks) this.hooks.delete(pluginId)
    }
  }

  /** Ids of plugins whose hooks are registered now. */
  registered(): string[] {
    return [...this.hooks.keys()].sort()
  }

  /** `field` names the input in a 400 (`body.subject` from a route). */
  async exportSubject(input: unknown, field = 'subject'): Promise<SubjectExport> {
    const subject = toPrivacySubject(input, field)
    const core = subject.kind === 'contact' ? await this.core.contact.export(subject) : await this.core.user.export(subject)
    const plugins: Record<string, Record<string, unknown>> = {}
    const failures: Record<string, PrivacyFailure> = {}
    for (const [pluginId, hooks] of this.hooks) {
      try {
        const sections = await hooks.export(Object.freeze({ ...subject }))
        if (typeof sections !== 'object' || sections === null || Array.isArray(sections)) throw new Error('export() must return an object of sections')
        // A deep copy through JSON: what cannot be serialized fails here, not in the GDPR pack's download.
        plugins[pluginId] = JSON.parse(JSON.stringify(sections)) as Record<string, unknown>
      } catch (error) {
        failures[pluginId] = this.failure(pluginId, 'export', error)
      }
    }
    return { subject, exportedAt: new Date().toISOString(), core, plugins, failures, unavailable: this.unavailable() }
  }

  async eraseSubject(input: unknown, field = 'subject'): Promise<SubjectErasure> {
    const subject = toPrivacySubject(input, field)
    // Refusals (unknown user, last admin) come before any plugin erases anything.
    if (subject.kind === 'user') await this.core.user.assertErasable(subject)
    const plugins: Record<string, EraseCounts> = {}
    const failures: Record<string, PrivacyFailure> = {}
    // Plugins first: their hooks may still look at the kernel's rows (messages, contact) to find theirs.
    for (const [pluginId, hooks] of this.hooks) {
      try {
        const result = eraseCountsSchema.safeParse(await hooks.erase(Object.freeze({ ...subject })))
        if (!result.success) throw new Error(`erase() must return { deleted?, anonymized?, kept? } of counts: ${result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`)
        plugins[pluginId] = result.data
      } catch (error) {
        failures[pluginId] = this.failure(pluginId, 'erase', error)
      }
    }
    const core = subject.kind === 'contact' ? await this.core.contact.erase(subject) : await this.core.user.erase(subject)
    this.logger.info({ kind: subject.kind, plugins: Object.keys(plugins), failures: Object.keys(failures) }, 'personal data erased')
    return { subject, erasedAt: new Date().toISOString(), core, plugins, failures, unavailable: this.unavailable() }
  }

  /** Plugins that declare personal data but whose hooks are not running: their data was not reached. */
  private unavailable(): string[] {
    return this.plugins()
      .filter((record) => record.manifest?.personalData === true && !this.hooks.has(record.id))
      .map((record) => record.id)
      .sort()
  }

  private failure(pluginId: string, hook: string, error: unknown): PrivacyFailure {
    this.logger.error({ err: error, plugin: pluginId }, `privacy ${hook}() of a plugin failed`)
    const code = error instanceof PluginError ? error.code : `PRIVACY_${hook.toUpperCase()}_FAILED`
    return { code, message: error instanceof Error ? error.message : String(error) }
  }
}
