import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { configSchema, envNames } from './config-schema.ts'

// Operators learn the settings from docs/configuration.md: a setting missing there does not exist for them.
const guide = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/configuration.md'), 'utf8')

describe('docs/configuration.md', () => {
  it('documents every setting by its config-file key and its environment variable', () => {
    const names = [...Object.keys(configSchema.shape), ...Object.values(envNames)]
    expect(names.filter((name) => !guide.includes(`\`${name}\``))).toEqual([])
  })
})
