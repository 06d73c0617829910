import { describe, expect, it } from 'vitest'
import { mapServerErrors } from './schema-errors.ts'
import { humanize, schemaFields, type JsonSchema } from './schema-model.ts'
import { cleanValues, setAt, validateValues } from './schema-values.ts'

const schema: JsonSchema = {
  type: 'object',
  required: ['greeting', 'mode'],
  properties: {
    greeting: { type: 'string', minLength: 2, maxLength: 40, pattern: '^[A-Za-z ,!]+$', default: 'Hello' },
    mode: { type: 'string', enum: ['quiet', 'loud'] },
    delaySeconds: { type: 'integer', minimum: 0, maximum: 60 },
    ratio: { type: 'number', exclusiveMinimum: 0 },
    onlyNew: { type: 'boolean', default: false },
    keywords: { type: 'array', items: { type: 'string', maxLength: 5 }, maxItems: 3, uniqueItems: true },
    channels: { type: 'array', items: { type: 'string', enum: ['sms', 'mail'] } },
    contact: { type: 'string', format: 'email' },
    notes: { type: 'string', maxLength: 2000 },
    apiToken: { type: 'string', writeOnly: true },
    retry: {
      type: 'object',
      required: ['attempts'],
      properties: { attempts: { type: 'integer', minimum: 1 }, deep: { type: 'object', properties: { x: { type: 'string' } } } },
    },
    rules: { type: 'array', items: { type: 'object' } },
  },
}

describe('schemaFields', () => {
  it('gives each type the control that fits it, in the schema’s order', () => {
    const fields = schemaFields(schema)
    expect(fields.map((field) => [field.path, field.kind])).toEqual([
      ['greeting', 'text'],
      ['mode', 'select'],
      ['delaySeconds', 'number'],
      ['ratio', 'number'],
      ['onlyNew', 'boolean'],
      ['keywords', 'string-list'],
      ['channels', 'multi-select'],
      ['contact', 'text'],
      ['notes', 'textarea'],
      ['apiToken', 'secret'],
      ['retry', 'group'],
      ['rules', 'unsupported'],
    ])
    const retry = fields.find((field) => field.key === 'retry')!
    // One level of nesting: an object inside the group is not made into a form.
    expect(retry.children.map((field) => [field.path, field.kind, field.required])).toEqual([
      ['retry.attempts', 'number', true],
      ['retry.deep', 'unsupported', false],
    ])
    expect(fields.filter((field) => field.required).map((field) => field.key)).toEqual(['greeting', 'mode'])
    expect(fields.find((field) => field.key === 'contact')!.inputType).toBe('email')
    expect(fields.find((field) => field.key === 'delaySeconds')!.integer).toBe(true)
    expect(fields.find((field) => field.key === 'mode')!.options).toEqual([{ value: 'quiet', label: 'quiet' }, { value: 'loud', label: 'loud' }])
  })

  it('labels a property by its title, else by its name in words', () => {
    expect(humanize('maxPerHour')).toBe('Max per hour')
    expect(humanize('ignore_groups')).toBe('Ignore groups')
    expect(humanize('webhookURLPath')).toBe('Webhook URL path')
    expect(schemaFields({ properties: { a: { type: 'string', title: 'Greeting text' } } })[0]!.label).toBe('Greeting text')
  })
})

describe('validateValues', () => {
  it('asks for a required setting only when nothing else fills it in', () => {
    expect(validateValues(schema, {})).toEqual([{ path: 'mode', key: 'required' }])
    expect(validateValues(schema, {}, { mode: 'quiet' })).toEqual([])
  })

  it('checks lengths, patterns, ranges, formats and lists', () => {
    const issues = validateValues(schema, {
      mode: 'loud',
      greeting: 'Hi 9',
      delaySeconds: 61,
      ratio: 0,
      keywords: ['a', 'a'],
      contact: 'not-an-address',
      retry: { attempts: 0 },
    })
    expect(issues).toEqual([
      { path: 'greeting', key: 'pattern' },
      { path: 'delaySeconds', key: 'maximum', params: { max: 60 } },
      { path: 'ratio', key: 'exclusiveMinimum', params: { min: 0 } },
      { path: 'keywords', key: 'uniqueItems' },
      { path: 'contact', key: 'email' },
      { path: 'retry.attempts', key: 'minimum', params: { min: 1 } },
    ])
    expect(validateValues(schema, { mode: 'loud', keywords: ['toolong'] })).toEqual([{ path: 'keywords', key: 'item', params: { item: 'toolong', problem: 'maxLength', max: 5 } }])
  })

  it('does not ask for the members of an optional group left out', () => {
    expect(validateValues(schema, { mode: 'loud' }).some((issue) => issue.path.startsWith('retry'))).toBe(false)
    expect(validateValues(schema, { mode: 'loud', retry: { deep: { x: 'y' } } })).toEqual([{ path: 'retry.attempts', key: 'required' }])
  })
})

describe('cleanValues and setAt', () => {
  it('leaves out what was emptied, so the inherited value applies again', () => {
    expect(cleanValues(schema, { greeting: '', delaySeconds: 5, keywords: [], retry: { attempts: null }, onlyNew: false })).toEqual({ delaySeconds: 5, onlyNew: false })
    expect(setAt({ retry: { attempts: 2 } }, 'retry.attempts', undefined)).toEqual({})
    expect(setAt({}, 'retry.attempts', 3)).toEqual({ retry: { attempts: 3 } })
  })
})

describe('mapServerErrors', () => {
  it('puts each server error on its field, inside lists too, and words the usual ones itself', () => {
    const mapped = mapServerErrors(
      schema,
      {
        'settings.delaySeconds': 'must be <= 60',
        'settings.keywords.2': 'must NOT have more than 5 characters',
        'settings.retry.attempts': 'must be >= 1',
        'settings.greeting': 'a message the form has no words for',
        'settings.colour': 'is not an allowed setting',
        name: 'ignored: not a setting',
      },
      'settings',
    )
    expect(mapped.fields).toEqual({
      delaySeconds: { path: 'delaySeconds', key: 'maximum', params: { max: 60 } },
      keywords: { path: 'keywords', key: 'maxLength', params: { max: 5 } },
      'retry.attempts': { path: 'retry.attempts', key: 'minimum', params: { min: 1 } },
      greeting: 'a message the form has no words for',
    })
    expect(mapped.other).toEqual([{ path: 'colour', key: 'unknownSetting' }])
  })
})
