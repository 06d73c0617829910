import { describe, expect, it } from 'vitest'
import { PluginConfigValidator } from './plugin-config.ts'

const schema = {
  type: 'object',
  properties: {
    greeting: { type: 'string', default: 'hi' },
    maxPerHour: { type: 'integer', minimum: 1 },
    webhook: { type: 'object', properties: { url: { type: 'string', format: 'uri' } }, required: ['url'], additionalProperties: false },
  },
  additionalProperties: false,
}

describe('PluginConfigValidator', () => {
  const validator = new PluginConfigValidator(schema)

  it('applies declared defaults and keeps given values', () => {
    expect(validator.check({}, 'plugins.greeter')).toEqual({ ok: true, value: { greeting: 'hi' } })
    expect(validator.check(undefined, 'plugins.greeter')).toEqual({ ok: true, value: { greeting: 'hi' } })
    expect(validator.check({ greeting: 'salam', maxPerHour: 3 }, 'plugins.greeter')).toEqual({ ok: true, value: { greeting: 'salam', maxPerHour: 3 } })
  })

  it('does not change the settings it was given', () => {
    const given = { maxPerHour: 2 }
    validator.check(given, 'settings')
    expect(given).toEqual({ maxPerHour: 2 })
  })

  it('names each failing field under the prefix', () => {
    const checked = validator.check({ maxPerHour: 0, colour: 'blue', greeting: 7 }, 'plugins.greeter')
    expect(checked.ok).toBe(false)
    if (checked.ok) return
    expect(checked.issues.map((issue) => issue.field).sort()).toEqual(['plugins.greeter.colour', 'plugins.greeter.greeting', 'plugins.greeter.maxPerHour'])
    expect(checked.issues).toContainEqual({ field: 'plugins.greeter.colour', message: 'is not an allowed setting' })
  })

  it('names nested fields, missing required ones and formats', () => {
    const missing = validator.check({ webhook: {} }, 'body.settings')
    expect(missing).toEqual({ ok: false, issues: [{ field: 'body.settings.webhook.url', message: 'is required' }] })
    const badFormat = validator.check({ webhook: { url: 'not a url' } }, 'body.settings')
    expect(badFormat.ok ? [] : badFormat.issues.map((issue) => issue.field)).toEqual(['body.settings.webhook.url'])
  })

  it('does not coerce types', () => {
    expect(validator.check({ maxPerHour: '5' }, 'settings').ok).toBe(false)
  })

  it('accepts any object when the plugin declares no configSchema', () => {
    expect(new PluginConfigValidator(undefined).check({ anything: [1, 2] }, 'settings')).toEqual({ ok: true, value: { anything: [1, 2] } })
  })
})
