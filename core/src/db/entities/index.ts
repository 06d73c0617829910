import { ApiKeySchema } from './api-key.ts'
import { AuthTokenSchema } from './auth-token.ts'
import { PluginSessionSettingSchema } from './plugin-session-setting.ts'
import { SessionSchema } from './session.ts'
import { UserSchema } from './user.ts'

export { ApiKey } from './api-key.ts'
export { AuthToken } from './auth-token.ts'
export { PluginSessionSetting } from './plugin-session-setting.ts'
export { Session } from './session.ts'
export { User, roles, type Role } from './user.ts'

export const coreEntities = [UserSchema, AuthTokenSchema, ApiKeySchema, SessionSchema, PluginSessionSettingSchema]
