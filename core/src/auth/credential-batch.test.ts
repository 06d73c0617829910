import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiKey, AuthToken, User } from '../db/entities/index.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { credentialKey, principalsByCredential, type HashedCredential } from './credential-batch.ts'
import { sha256Hex } from './secrets.ts'

describe('principalsByCredential', () => {
  let harness: TestKernel

  beforeAll(async () => {
    harness = await createTestKernel()
  })
  afterAll(async () => {
    await harness.close()
  })

  const fork = () => harness.kernel.orm.em.fork()
  const login = (token: string): HashedCredential => ({ kind: 'login', hash: sha256Hex(token) })
  const apiKey = (key: string): HashedCredential => ({ kind: 'api-key', hash: sha256Hex(key) })

  it('finds live logins and keys, and leaves out expired, revoked, disabled and unknown ones', async () => {
    const agent = await harness.createUser('agent', [])
    const disabled = await harness.createUser('viewer', [])
    const expiring = await harness.createUser('viewer', [])
    const live = await harness.createApiKey('viewer', [])
    const revoked = await harness.createApiKey('viewer', [])
    const expired = await harness.createApiKey('viewer', [])
    await fork().nativeUpdate(User, { id: disabled.id }, { disabled: true })
    await fork().nativeUpdate(AuthToken, { tokenHash: sha256Hex(expiring.token) }, { expiresAt: new Date(Date.now() - 1000) })
    await fork().nativeUpdate(ApiKey, { id: revoked.id }, { revokedAt: new Date() })
    await fork().nativeUpdate(ApiKey, { id: expired.id }, { expiresAt: new Date(Date.now() - 1000) })
    await fork().nativeUpdate(ApiKey, { id: live.id }, { lastUsedAt: null })

    const asked = [login(agent.token), login(disabled.token), login(expiring.token), login('never-issued'), apiKey(live.key), apiKey(revoked.key), apiKey(expired.key), apiKey('wqk_unknown')]
    const found = await principalsByCredential(fork(), asked)

    expect([...found.keys()].sort()).toEqual([credentialKey(login(agent.token)), credentialKey(apiKey(live.key))].sort())
    expect(found.get(credentialKey(login(agent.token)))).toMatchObject({ kind: 'user', id: agent.id, role: 'agent' })
    expect(found.get(credentialKey(apiKey(live.key)))).toMatchObject({ kind: 'api-key', id: live.id, role: 'viewer' })
    expect(await fork().count(AuthToken, { tokenHash: sha256Hex(expiring.token) })).toBe(0)
    expect((await fork().findOneOrFail(ApiKey, { id: live.id })).lastUsedAt).not.toBeNull()
  })

  it('answers for more credentials than one query may name', async () => {
    const agent = await harness.createUser('agent', [])
    const unknown = Array.from({ length: 2500 }, (_, index): HashedCredential => ({ kind: index % 2 ? 'login' : 'api-key', hash: sha256Hex(`unknown-${index}`) }))
    const found = await principalsByCredential(fork(), [...unknown, login(agent.token)])
    expect([...found.keys()]).toEqual([credentialKey(login(agent.token))])
  })
})
