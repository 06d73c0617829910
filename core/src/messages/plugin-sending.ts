import type { MikroORM } from '@mikro-orm/core'
import { sessionDeleted } from '../bus/core-events.ts'
import type { EventBus } from '../bus/event-bus.ts'
import type { Clock } from '../clock/index.ts'
import type { WaqtorConfig } from '../config/config-schema.ts'
import { Session } from '../db/entities/index.ts'
import { NotFoundError } from '../errors/app-error.ts'
import { effectiveGovernorSettings, governorDefaultsFrom, type GovernorDefaults, type GovernorSettings } from './governor/governor-settings.ts'
import { SendingGovernor } from './governor/sending-governor.ts'
import { ListReplies } from './lists/list-replies.ts'
import type { MessageSender } from './message-sender.ts'
import { PluginMessageService } from './plugin-message-service.ts'

export interface PluginSending {
  service: PluginMessageService
  governor: SendingGovernor
  defaults: GovernorDefaults
  /** The settings in force for a session (its override over its driver's defaults). */
  settingsFor(sessionId: string): Promise<GovernorSettings>
  /** Stops the governor's timers and refuses waiting sends (kernel shutdown). */
  close(): void
}

/** The kernel's sending for plugins: governor, list replies and the send service, wired to the bus. */
export function createPluginSending(options: { orm: MikroORM; bus: EventBus; clock: Clock; config: WaqtorConfig; sender: MessageSender }): PluginSending {
  const { orm, bus, clock, config, sender } = options
  const defaults = governorDefaultsFrom(config)
  const settingsFor = async (sessionId: string): Promise<GovernorSettings> => {
    const session = await orm.em.fork().findOne(Session, { clientId: sessionId }, { fields: ['clientId', 'driver', 'governor'] })
    if (!session) throw new NotFoundError('SESSION_NOT_FOUND', `session ${sessionId}`)
    return effectiveGovernorSettings(defaults, session.driver, session.governor)
  }
  const governor = new SendingGovernor({ clock, settingsFor })
  const lists = new ListReplies(orm, clock, config.listReplyWindowMinutes * 60_000)
  const detachLists = lists.attach(bus)
  const detachDeleted = bus.on(
    sessionDeleted,
    async ({ sessionId }) => {
      governor.forget(sessionId, new NotFoundError('SESSION_NOT_FOUND', `session ${sessionId}`))
      await lists.forgetSession(sessionId)
    },
    { id: 'core.plugin-sending.session-deleted', owner: 'core' },
  )
  const service = new PluginMessageService({ orm, sender, governor, lists, media: { maxBytes: config.mediaMaxMb * 1024 * 1024, allowPrivate: config.outboundAllowPrivate } })
  return {
    service,
    governor,
    defaults,
    settingsFor,
    close() {
      detachLists()
      detachDeleted()
      governor.close()
    },
  }
}
