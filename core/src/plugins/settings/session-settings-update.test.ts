import { describe, expect, it } from 'vitest'
import { nextSessionSettings, type SessionSettingsUpdate } from './session-settings-update.ts'

const base: Omit<SessionSettingsUpdate, 'incoming' | 'clear' | 'role'> = {
  pluginId: 'crm-sync',
  secrets: ['crm.apiKey', 'token'],
  stored: { crm: { apiKey: 'stored-key', endpoint: 'https://a' }, token: 'stored-token', greeting: 'hi' },
}

describe('nextSessionSettings', () => {
  it('keeps stored secrets a PUT leaves out, and replaces everything else', () => {
    expect(nextSessionSettings({ ...base, incoming: { greeting: 'salam' }, clear: undefined, role: 'agent' })).toEqual({ greeting: 'salam', crm: { apiKey: 'stored-key' }, token: 'stored-token' })
  })

  it('keeps everything when no settings are sent', () => {
    expect(nextSessionSettings({ ...base, incoming: undefined, clear: undefined, role: 'agent' })).toEqual(base.stored)
  })

  it('lets an admin replace or clear secrets', () => {
    expect(nextSessionSettings({ ...base, incoming: { crm: { apiKey: 'new-key' } }, clear: ['token'], role: 'admin' })).toEqual({ crm: { apiKey: 'new-key' } })
  })

  it('does not turn a non-object parent into an object to restore a secret', () => {
    expect(nextSessionSettings({ ...base, incoming: { crm: 'off' }, clear: undefined, role: 'admin' })).toEqual({ crm: 'off', token: 'stored-token' })
  })

  it('refuses anyone but an admin writing or clearing a secret, naming each field', () => {
    const attempt = () => nextSessionSettings({ ...base, incoming: { token: 'mine' }, clear: ['crm.apiKey'], role: 'agent' })
    expect(attempt).toThrow(expect.objectContaining({ code: 'PLUGIN_SECRET_ADMIN_ONLY', status: 403, details: [
      { field: 'body.settings.token', message: 'only an admin may set a secret setting' },
      { field: 'body.clearSecrets.0', message: 'only an admin may clear the secret setting crm.apiKey' },
    ] }))
  })

  it('refuses clearing what is not a secret, and setting and clearing one at once', () => {
    expect(() => nextSessionSettings({ ...base, incoming: undefined, clear: ['greeting'], role: 'admin' })).toThrow(expect.objectContaining({ code: 'PLUGIN_SECRET_UNKNOWN', status: 400 }))
    expect(() => nextSessionSettings({ ...base, incoming: { token: 'x' }, clear: ['token'], role: 'admin' })).toThrow(expect.objectContaining({ code: 'PLUGIN_SECRET_CONFLICT', status: 400 }))
  })
})
