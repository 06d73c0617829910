import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import { fixtureDir } from './test-fixtures/fixture-dir.ts'

// The plain-JavaScript plugin of docs/plugin-api/messages.md, run as an operator would.
describe('the coffee-menu example plugin', () => {
  let harness: TestKernel
  const customer = '966500000009'

  beforeAll(async () => {
    harness = await createTestKernel({ pluginDirs: [fixtureDir('examples')], config: { sandboxAckDelaysMs: [5, 10, 15, 20] } })
    await harness.createSession('cafe')
    const enabled = await harness.request('PUT', '/api/sessions/cafe/plugins/coffee-menu', { body: { enabled: true } })
    expect(enabled.status).toBe(200)
  })
  afterAll(() => harness.close())

  it('answers "menu" with a numbered list and confirms the option the customer picks', async () => {
    await harness.inbound('cafe', customer, 'menu')
    const list = await harness.waitForReply('cafe', customer)
    expect(list.body).toContain('1. Espresso\n2. Latte — With oat milk on request')
    expect(list.body).toContain('3. Iced tea')
    expect(list.body.endsWith('_Reply with the number of your choice._')).toBe(true)

    await harness.inbound('cafe', customer, '2')
    expect((await harness.waitForReply('cafe', customer)).body).toBe('You chose: Latte ☕')
  })

  it('speaks Arabic when asked in Arabic, and takes Arabic-Indic digits', async () => {
    await harness.inbound('cafe', customer, 'القائمة')
    const list = await harness.waitForReply('cafe', customer)
    expect(list.body).toContain('1. إسبريسو')
    expect(list.body.endsWith('_للاختيار، أرسل رقم الخيار._')).toBe(true)

    await harness.inbound('cafe', customer, '٣')
    expect((await harness.waitForReply('cafe', customer)).body).toBe('تم اختيار: شاي مثلج ☕')
  })
})
