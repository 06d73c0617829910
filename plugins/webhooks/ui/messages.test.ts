import { describe, expect, it } from 'vitest'
import { flattenKeys, type MessageTree } from '../../../admin-ui/src/i18n/message-tree.ts'
import webhooksModule from './index.ts'
import messages from './messages.ts'

function lookup(tree: MessageTree, key: string): string {
  return key.split('.').reduce<MessageTree | string>((node, part) => (node as MessageTree)[part]!, tree) as string
}

describe('webhooks module strings', () => {
  it('has every string in English and Arabic, and the Arabic is Arabic', () => {
    expect(flattenKeys(messages.ar).sort()).toEqual(flattenKeys(messages.en).sort())
    const untranslated = flattenKeys(messages.ar).filter((key) => {
      const text = lookup(messages.ar, key)
      return /[a-z]{3}/i.test(text) && !/[\u0600-\u06FF]/.test(text) && text === lookup(messages.en, key)
    })
    // Product names stay as they are.
    expect(untranslated).toEqual(['form.coreEvents'])
  })

  it('names its pages after the plugin, as the menu and the browser tests expect', () => {
    expect(webhooksModule.id).toBe('webhooks')
    expect(webhooksModule.routes.map((page) => page.name)).toEqual(['webhooks-subscriptions', 'webhooks-deliveries', 'webhooks-stats'])
    for (const page of webhooksModule.routes) expect(flattenKeys(messages.en)).toContain(String(page.title).replace(/^webhooks\./, ''))
  })
})
