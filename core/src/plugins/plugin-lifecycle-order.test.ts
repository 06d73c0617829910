import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { fixtureLog, fixturePath, type PluginList } from './test-fixtures/fixture-helpers.ts'

// alpha-top needs mid-layer and zeta-base; mid-layer needs zeta-base; beta-solo needs nothing.
// Alphabetical order is the opposite of dependency order, so only a real sort passes.
describe('plugin lifecycle order', () => {
  let harness: TestKernel
  const steps = (kind: string) => fixtureLog().filter((entry) => entry.startsWith(`${kind}:`)).map((entry) => entry.slice(kind.length + 1))
  const ids = ['alpha-top', 'beta-solo', 'mid-layer', 'zeta-base']

  beforeAll(async () => {
    fixtureLog().length = 0
    harness = await createTestKernel({ pluginDirs: [fixturePath('lifecycle')] })
  })
  afterAll(async () => {
    await harness.close()
  })

  it('starts every plugin once', async () => {
    const listed = await harness.request<PluginList>('GET', '/api/plugins')
    expect(listed.body.items.map((item) => [item.id, item.status]).sort()).toEqual(ids.map((id) => [id, 'started']))
    expect(steps('register').sort()).toEqual(ids)
    expect(steps('start').sort()).toEqual(ids)
  })

  it('registers and starts each plugin after its dependencies', () => {
    for (const kind of ['register', 'start']) {
      const order = steps(kind)
      expect(order.indexOf('zeta-base'), kind).toBeLessThan(order.indexOf('mid-layer'))
      expect(order.indexOf('mid-layer'), kind).toBeLessThan(order.indexOf('alpha-top'))
    }
  })

  it('starts plugins only once every plugin is registered', () => {
    const lastRegister = fixtureLog().findLastIndex((entry) => entry.startsWith('register:'))
    const firstStart = fixtureLog().findIndex((entry) => entry.startsWith('start:'))
    expect(lastRegister).toBeLessThan(firstStart)
  })

  it('stops plugins in the reverse order on close', async () => {
    expect(steps('stop')).toEqual([])
    await harness.close()
    expect(steps('stop')).toEqual(steps('start').reverse())
  })
})
