/** A settings form generated from a JSON Schema, its checks and its error mapping. */
export { default as JsonSchemaForm } from './JsonSchemaForm.vue'
export { useSchemaFormErrors } from './use-schema-form-errors.ts'
export { cleanValues, validateValues, type SchemaIssue, type SchemaValues } from './schema-values.ts'
export { mapServerErrors } from './schema-errors.ts'
export { hasSettings, schemaFields, type JsonSchema, type SchemaField } from './schema-model.ts'
export { isSecretSchema, withSetSecrets, type SecretState, type SecretStates } from './secret-states.ts'
