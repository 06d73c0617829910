import { schemaFields, leafFields, type JsonSchema } from './schema-model.ts'
import { setAt, type SchemaValues } from './schema-values.ts'

/**
 * What the server says of each secret setting (`writeOnly` or `x-secret` in the schema): whether
 * it is set and where. The value itself never reaches the panel.
 */
export interface SecretState {
  set: boolean
  source: 'session' | 'global' | null
}

export type SecretStates = Record<string, SecretState>

/** A property the server keeps secret: never answered, only whether it is set. */
export function isSecretSchema(schema: JsonSchema): boolean {
  return schema.writeOnly === true || schema['x-secret'] === true
}

/**
 * `inherited` with a stand-in for every secret that is set, so a required secret left empty (to
 * keep the stored value) is not reported missing. The stand-in is never shown nor sent.
 */
export function withSetSecrets(schema: JsonSchema | null | undefined, inherited: SchemaValues, secrets: SecretStates): SchemaValues {
  let result = inherited
  for (const field of leafFields(schemaFields(schema))) {
    if (field.kind === 'secret' && secrets[field.path]?.set) result = setAt(result, field.path, 'set')
  }
  return result
}
