import { fixtureLog } from '../../../plugins/test-fixtures/fixture-helpers.ts'
import type { ResponderTurn } from '../../responder-types.ts'

/** Writes what a responder saw: `<plugin>:<body>:claimedBy=<plugin|->:owner=<plugin/kind|->`. */
export function recordTurn(pluginId: string, turn: ResponderTurn, outcome: string): void {
  const claimed = turn.claimedBy ? `${turn.claimedBy.pluginId}/${turn.claimedBy.responderId}` : '-'
  const owner = turn.owner ? `${turn.owner.pluginId}/${turn.owner.kind}` : '-'
  fixtureLog().push(`turn ${turn.message.body} | ${pluginId} | claimedBy=${claimed} | owner=${owner} | ${outcome}`)
}
