import { describe, expect, it } from 'vitest'
import { mergeSettings } from './merge-settings.ts'
import { secretPaths, secretStates, withoutSecrets } from './secret-settings.ts'

describe('mergeSettings', () => {
  it('merges nested objects key by key at every depth, later layers winning', () => {
    const global = { crm: { endpoint: 'https://a', retry: { attempts: 5, delayMs: 100 } }, greeting: 'hi' }
    const session = { crm: { retry: { delayMs: 50 } } }
    expect(mergeSettings(global, session)).toEqual({ crm: { endpoint: 'https://a', retry: { attempts: 5, delayMs: 50 } }, greeting: 'hi' })
  })

  it('replaces arrays and scalars instead of merging them', () => {
    expect(mergeSettings({ tags: ['a', 'b'], limit: 3 }, { tags: ['c'], limit: null })).toEqual({ tags: ['c'], limit: null })
    expect(mergeSettings({ crm: { endpoint: 'x' } }, { crm: 'off' })).toEqual({ crm: 'off' })
  })

  it('leaves its inputs unchanged', () => {
    const global = { crm: { retry: { attempts: 5 } } }
    mergeSettings(global, { crm: { retry: { attempts: 1 } } })
    expect(global).toEqual({ crm: { retry: { attempts: 5 } } })
  })
})

describe('secret settings', () => {
  const schema = {
    type: 'object',
    properties: {
      crm: { type: 'object', properties: { apiKey: { type: 'string', writeOnly: true }, endpoint: { type: 'string' } } },
      token: { type: 'string', 'x-secret': true },
      plain: { type: 'string', writeOnly: false },
    },
  }

  it('finds properties marked writeOnly or x-secret at any depth', () => {
    expect(secretPaths(schema)).toEqual(['crm.apiKey', 'token'])
    expect(secretPaths(undefined)).toEqual([])
  })

  it('removes secret values from a copy and says which are set, and where', () => {
    const session = { crm: { apiKey: 'session-key', endpoint: 'https://crm' } }
    expect(withoutSecrets(session, ['crm.apiKey', 'token'])).toEqual({ crm: { endpoint: 'https://crm' } })
    expect(session.crm.apiKey).toBe('session-key')
    expect(secretStates(['crm.apiKey', 'token'], session, { token: 't' })).toEqual({
      'crm.apiKey': { set: true, source: 'session' },
      token: { set: true, source: 'global' },
    })
    expect(secretStates(['token'], {}, {})).toEqual({ token: { set: false, source: null } })
  })
})
