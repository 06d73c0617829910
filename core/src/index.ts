// Public API of @waqtor/core: what plugins and embedders import.
export { createKernel, Kernel, type KernelOptions, type KernelState } from './kernel/create-kernel.ts'
export { SystemClock, ManualClock, type Clock, type TimerHandle, type TimerOptions, type Settler } from './clock/index.ts'
export { JobAbortedError } from './jobs/job-runner.ts'
export type {
  PluginJobs, JobRun, JobHandler, JobRecord, JobStatus, JobBackoff, JobDefinitionOptions, EnqueueOptions, EnqueuedJob, ScheduleOptions,
} from './jobs/job-types.ts'
export { kernelVersion } from './kernel/kernel-paths.ts'
export { loadConfig, ConfigError, type LoadedConfig } from './config/load-config.ts'

export { definePlugin, type PluginDefinition } from './plugins/define-plugin.ts'
export type { PluginContext, PluginBus, PluginDb } from './plugins/plugin-context.ts'
export type { PluginResponders, ResponderHandler, ResponderResult, ResponderTurn, ChatOwner, Claim, OwnOptions } from './responders/index.ts'
export type { SessionDataDeclaration, SessionDataPolicy } from './plugins/session-data.ts'
export type { SessionDeletedHandler, SessionDeletedInfo } from './plugins/session-deletion.ts'
export type { PluginManifest, PluginPermission, PluginEventDeclaration } from './plugins/plugin-manifest.ts'
export { PluginError } from './plugins/plugin-error.ts'
export type { PluginStatus } from './plugins/plugin-record.ts'
export type { PluginMetrics } from './plugins/plugin-metrics.ts'
export type { PluginDirectory, PublicEventInfo } from './plugins/plugin-directory.ts'
export type { PluginOutbound } from './http/outbound/plugin-outbound.ts'
export type { Counter, Gauge, Histogram } from 'prom-client'

export * from './bus/index.ts'

export { defineMigration, type MigrationDefinition, type MigrationTools, type DatabasePlatform } from './db/migration.ts'
// What plugins need from MikroORM and zod, so they never bring their own copies (docs/plugins.md).
export { EntitySchema } from '@mikro-orm/core'
export { z } from 'zod'
export { roles, type Role } from './db/entities/user.ts'

export {
  AppError,
  InputError,
  NotFoundError,
  ConflictError,
  ForbiddenError,
  UnauthorizedError,
  TooManyRequestsError,
  type FieldIssue,
  type ErrorDetails,
} from './errors/app-error.ts'
export { ApiRouter, type RouteSpec, type RouteAccess, type RouteInput, type HttpMethod } from './http/api-router.ts'
export type { ApiContext, WaqtorState } from './http/api-context.ts'
export { assertSessionAccess, assertRole, canAccessSession, requirePrincipal, type Principal } from './auth/principal.ts'
export type { SessionDirectory, SessionSummary } from './sessions/session-directory.ts'
export { NotificationService } from './notifications/notification-service.ts'
export { notificationCreated, type NotificationCreatedPayload } from './notifications/notification-events.ts'
export type { NotificationInput } from './notifications/notification-input.ts'
export type { Notification, NotificationSeverity } from './notifications/notification-entity.ts'
export type { PluginNotifications, PluginNotifyInput, PluginNotifyResult } from './notifications/plugin-notifications.ts'
export type { PluginMessages } from './messages/plugin-messages.ts'
export type { PluginMessageContent, PluginSendOptions } from './messages/plugin-message-content.ts'
export type { MessageView } from './messages/message-view.ts'
export { SendingGovernor, type GovernorPermit, type GovernorStatus, type SendingGovernorOptions } from './messages/governor/sending-governor.ts'
export type { GovernorSettings, GovernorOverride } from './messages/governor/governor-settings.ts'
export type { Logger } from './logging/create-logger.ts'
export type { PluginIo, PluginSocket, PluginSocketHandler } from './realtime/plugin-io.ts'
export type { RealtimeServer } from './realtime/realtime-server.ts'
export type { RealtimeStatsSnapshot } from './realtime/realtime-stats.ts'
export { signHandshake } from './realtime/signed-handshake.ts'

export { safeFetch, type SafeFetchOptions, type SafeResponse } from './http/outbound/safe-fetch.ts'
export { OutboundError, type OutboundErrorCode } from './http/outbound/outbound-error.ts'
export { checkAddress, type AddressPolicy, type AddressVerdict } from './http/outbound/address-policy.ts'
export type { HostResolver, ResolvedAddress } from './http/outbound/vet-host.ts'
export type { ContactView } from './contacts/contact-view.ts'
export type { PluginContacts, PluginContactQuery } from './contacts/plugin-contacts.ts'
export type { PluginFiles, PluginFile, PluginFilePut } from './files/plugin-files.ts'
export type { FileInfo } from './files/file-service.ts'
export type { FileStore, StoredBytes } from './files/file-store.ts'
export { LocalFileStore } from './files/local-file-store.ts'
export type { PluginPrivacy } from './privacy/plugin-privacy.ts'
export type { PrivacySubject, ContactSubject, UserSubject } from './privacy/privacy-subject.ts'
export type { PrivacyHooks, EraseCounts, SubjectExport, SubjectErasure, PrivacyFailure } from './privacy/privacy-types.ts'
export type { PrivacyRegistry } from './privacy/privacy-registry.ts'
