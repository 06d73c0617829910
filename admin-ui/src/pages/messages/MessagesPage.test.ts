import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Message, Session } from '../../api/types.ts'
import { fakeApi, flushPromises, mountPage, type FakeRoute } from '../../testing/mount-page.ts'
import type { ChatSummary } from './message-model.ts'
import MessagesPage from './MessagesPage.vue'
import { emitEvent, resetRealtime, subscribedTopics } from '../../testing/realtime-test-double.ts'

vi.mock('../../realtime/use-realtime.ts', async () => await import('../../testing/realtime-test-double.ts'))

const ada = '966501234567@c.us'
const omar = '966509876543@c.us'

function session(overrides: Partial<Session> = {}): Session {
  return {
    clientId: 'shop', name: 'Shop', driver: 'sandbox', status: 'ready', desiredState: 'running', phone: '966500000000', lastError: null,
    createdAt: '2026-11-20T08:00:00.000Z', startedAt: null, readyAt: null, uptimeSeconds: null, reconnects: 0, nextRetryAt: null, qrPending: false, governor: null,
    ...overrides,
  }
}

function message(overrides: Partial<Message> = {}): Message {
  return {
    id: 'm1', sessionId: 'shop', chatId: ada, from: ada, to: '966500000000@c.us', fromMe: false, direction: 'in', type: 'text', body: 'Hello',
    timestamp: '2026-11-25T09:00:00.000Z', ack: 0, ackName: 'pending', ackAt: null, media: null, location: null, quotedMessageId: null, senderName: null,
    ...overrides,
  }
}

function outgoing(overrides: Partial<Message> = {}): Message {
  return message({ fromMe: true, direction: 'out', from: '966500000000@c.us', to: ada, ...overrides })
}

function chat(chatId: string, name: string, lastMessage: Message, messageCount = 1): ChatSummary {
  return { chatId, name, phone: chatId.replace('@c.us', ''), lastMessage, messageCount }
}

const routes = [{ path: '/messages/:clientId?/:chatId?', name: 'messages', component: { render: () => null } }]

function api(extra: FakeRoute[] = [], options: { sessions?: Session[]; chats?: ChatSummary[]; messages?: Message[] } = {}) {
  return fakeApi([
    ...extra,
    { path: '/api/sessions/list', body: { items: options.sessions ?? [session()] } },
    { path: /^\/api\/chats\?clientId=shop/, body: { items: options.chats ?? [], nextCursor: null } },
    { path: /^\/api\/messages\?clientId=shop&chatId=/, body: { items: options.messages ?? [], nextCursor: null } },
  ])
}

/** Records the headers of every request, on top of the fake API's record of bodies. */
function recordHeaders(): Array<{ url: string; headers: Record<string, string> }> {
  const seen: Array<{ url: string; headers: Record<string, string> }> = []
  const inner = globalThis.fetch
  vi.stubGlobal('fetch', (input: string, init: RequestInit = {}) => {
    seen.push({ url: input, headers: (init.headers ?? {}) as Record<string, string> })
    return inner(input, init)
  })
  return seen
}

const bubbles = (wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper']) => wrapper.findAll('[data-testid=chat-view] [data-direction]')

afterEach(resetRealtime)

describe('MessagesPage', () => {
  it('lists the conversations of the session and moves a chat to the top when a message arrives', async () => {
    api([], { chats: [chat(ada, 'Ada', message({ body: 'Is it available?' }), 4), chat(omar, 'Omar', outgoing({ id: 'm0', chatId: omar, body: 'Price list', ack: 3, ackName: 'read', timestamp: '2026-11-25T08:00:00.000Z' }), 2)] })
    const { wrapper } = await mountPage(MessagesPage, { routes, path: '/messages/shop' })

    const items = () => wrapper.findAll('[data-testid^="chat-9"]')
    expect(items().map((item) => item.attributes('data-testid'))).toEqual([`chat-${ada}`, `chat-${omar}`])
    expect(items()[1]!.text()).toContain('Price list')
    expect(items()[1]!.get('[data-testid=ack-icon]').attributes('data-ack')).toBe('read')
    expect(subscribedTopics.filter((topic) => topic.startsWith('messages:'))).toEqual(['messages:shop'])

    emitEvent('message.received', { sessionId: 'shop', messageId: 'm9', chatId: omar, from: omar, to: '966500000000@c.us', type: 'text', body: 'Thanks, I will call you', timestamp: '2026-11-25T10:00:00.000Z', fromMe: false })
    await flushPromises()

    expect(items().map((item) => item.attributes('data-testid'))).toEqual([`chat-${omar}`, `chat-${ada}`])
    expect(items()[0]!.text()).toContain('Thanks, I will call you')
    expect(items()[0]!.text()).toContain('3')
  })

  it('opens the first ready session in the address when none is given', async () => {
    api([], { sessions: [session({ clientId: 'old', name: 'Old', status: 'stopped' }), session()] })
    const { router } = await mountPage(MessagesPage, { routes, path: '/messages' })
    expect(router.currentRoute.value.fullPath).toBe('/messages/shop')
  })

  it('takes a chat named by its number in the address to its chat id', async () => {
    api([])
    const { router } = await mountPage(MessagesPage, { routes, path: '/messages/shop/+966501234567' })
    expect(router.currentRoute.value.path).toBe(`/messages/shop/${ada}`)
  })

  it('shows the chat oldest first, with incoming and outgoing bubbles and live arrivals', async () => {
    api([], { messages: [outgoing({ id: 'm2', body: 'Yes, come tomorrow', timestamp: '2026-11-25T09:05:00.000Z', ack: 2, ackName: 'device' }), message({ id: 'm1', body: 'Is it available?' })] })
    const { wrapper } = await mountPage(MessagesPage, { routes, path: `/messages/shop/${ada}` })

    expect(bubbles(wrapper).map((bubble) => [bubble.attributes('data-testid'), bubble.attributes('data-direction')])).toEqual([
      ['message-m1', 'in'],
      ['message-m2', 'out'],
    ])
    expect(bubbles(wrapper)[0]!.find('[data-testid=ack-icon]').exists()).toBe(false)
    expect(bubbles(wrapper)[1]!.get('[data-testid=ack-icon]').attributes('data-ack')).toBe('device')

    emitEvent('message.received', { sessionId: 'shop', messageId: 'm3', chatId: ada, from: ada, to: '966500000000@c.us', type: 'text', body: 'See you then', timestamp: '2026-11-25T09:10:00.000Z', fromMe: false })
    // Another chat's message stays out of this one.
    emitEvent('message.received', { sessionId: 'shop', messageId: 'x1', chatId: omar, from: omar, to: '966500000000@c.us', type: 'text', body: 'Elsewhere', timestamp: '2026-11-25T09:11:00.000Z', fromMe: false })
    await flushPromises()
    expect(bubbles(wrapper).map((bubble) => bubble.attributes('data-testid'))).toEqual(['message-m1', 'message-m2', 'message-m3'])
  })

  it('completes a live media message with its file details', async () => {
    const doc = message({ id: 'm5', type: 'document', body: 'The contract', media: { mimetype: 'application/pdf', filename: 'contract.pdf', size: 2048 } })
    const calls = api([{ path: '/api/messages/m5?clientId=shop', body: doc }])
    const { wrapper } = await mountPage(MessagesPage, { routes, path: `/messages/shop/${ada}` })
    emitEvent('message.received', { sessionId: 'shop', messageId: 'm5', chatId: ada, from: ada, to: '966500000000@c.us', type: 'document', body: 'The contract', timestamp: '2026-11-25T09:20:00.000Z', fromMe: false })
    await flushPromises()
    expect(calls.some((call) => call.url === '/api/messages/m5?clientId=shop')).toBe(true)
    const bubble = wrapper.get('[data-testid=message-m5]')
    expect(bubble.get('[data-testid=message-media]').text()).toContain('contract.pdf')
    expect(bubble.text()).toContain('application/pdf')
    expect(bubble.text()).toContain('The contract')
  })

  it('keeps the ACK of a chat’s last message live in the list', async () => {
    api([], { chats: [chat(ada, 'Ada', outgoing({ id: 'm2', ack: 1, ackName: 'server' }))] })
    const { wrapper } = await mountPage(MessagesPage, { routes, path: '/messages/shop' })
    const ack = () => wrapper.get(`[data-testid="chat-${ada}"] [data-testid=ack-icon]`).attributes('data-ack')
    emitEvent('message.ack', { sessionId: 'shop', messageId: 'm2', chatId: ada, ack: 3, ackName: 'read' })
    await flushPromises()
    expect(ack()).toBe('read')
    emitEvent('message.ack', { sessionId: 'shop', messageId: 'm2', chatId: ada, ack: 2, ackName: 'device' })
    await flushPromises()
    expect(ack()).toBe('read')
  })

  it('moves the ACK icon forward on message.ack and ignores a lower one arriving late', async () => {
    api([], { messages: [outgoing({ id: 'm2', ack: 1, ackName: 'server' })] })
    const { wrapper } = await mountPage(MessagesPage, { routes, path: `/messages/shop/${ada}` })
    const ack = () => wrapper.get('[data-testid=message-m2] [data-testid=ack-icon]').attributes('data-ack')
    expect(ack()).toBe('server')

    emitEvent('message.ack', { sessionId: 'shop', messageId: 'm2', chatId: ada, ack: 3, ackName: 'read' })
    await flushPromises()
    expect(ack()).toBe('read')

    emitEvent('message.ack', { sessionId: 'shop', messageId: 'm2', chatId: ada, ack: 2, ackName: 'device' })
    await flushPromises()
    expect(ack()).toBe('read')
  })

  it('sends a text with an Idempotency-Key, showing it pending at once', async () => {
    let answer: (value: Response) => void = () => {}
    const calls = api([])
    const inner = globalThis.fetch
    vi.stubGlobal('fetch', (input: string, init: RequestInit = {}) => {
      if (input.startsWith('/api/messages/send-text')) {
        calls.push({ method: init.method ?? 'GET', url: input, body: JSON.parse(String(init.body)) })
        return new Promise<Response>((resolve) => (answer = resolve))
      }
      return inner(input, init)
    })
    const { wrapper } = await mountPage(MessagesPage, { routes, path: `/messages/shop/${ada}` })

    await wrapper.get('[data-testid=composer-text]').setValue('See you at 5')
    await wrapper.get('[data-testid=composer-text]').trigger('keydown', { key: 'Enter' })
    // A second click finds the composer empty: nothing is sent twice.
    await wrapper.get('[data-testid=composer-send]').trigger('click')
    await flushPromises()

    const sends = calls.filter((call) => call.url.startsWith('/api/messages/send-text'))
    expect(sends).toEqual([{ method: 'POST', url: '/api/messages/send-text?clientId=shop', body: { to: ada, text: 'See you at 5' } }])
    const pending = bubbles(wrapper).at(-1)!
    expect(pending.text()).toContain('See you at 5')
    expect(pending.attributes('data-direction')).toBe('out')
    expect(pending.get('[data-testid=ack-icon]').attributes('data-ack')).toBe('pending')
    expect((wrapper.get('[data-testid=composer-text]').element as HTMLTextAreaElement).value).toBe('')

    answer(new Response(JSON.stringify(outgoing({ id: 'true_sent_1', body: 'See you at 5', timestamp: new Date().toISOString() })), { status: 201 }))
    await flushPromises()
    expect(bubbles(wrapper).map((bubble) => bubble.attributes('data-testid'))).toEqual(['message-true_sent_1'])
    emitEvent('message.ack', { sessionId: 'shop', messageId: 'true_sent_1', chatId: ada, ack: 1, ackName: 'server' })
    await flushPromises()
    expect(wrapper.get('[data-testid=message-true_sent_1] [data-testid=ack-icon]').attributes('data-ack')).toBe('server')
  })

  it('puts the Idempotency-Key header on the send request', async () => {
    api([{ method: 'POST', path: '/api/messages/send-text?clientId=shop', status: 201, body: outgoing({ id: 'true_sent_2', body: 'Hi' }) }])
    const seen = recordHeaders()
    const { wrapper } = await mountPage(MessagesPage, { routes, path: `/messages/shop/${ada}` })
    await wrapper.get('[data-testid=composer-text]').setValue('Hi')
    await wrapper.get('[data-testid=composer-send]').trigger('click')
    await flushPromises()
    const send = seen.find((call) => call.url.startsWith('/api/messages/send-text'))
    expect(send?.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('keeps a failed text with its reason and sends it again under the same Idempotency-Key', async () => {
    let status = 409
    const seen: string[] = []
    api([])
    const inner = globalThis.fetch
    vi.stubGlobal('fetch', (input: string, init: RequestInit = {}) => {
      if (!input.startsWith('/api/messages/send-text')) return inner(input, init)
      seen.push((init.headers as Record<string, string>)['Idempotency-Key']!)
      const body = status === 409 ? { error: { code: 'SESSION_NOT_READY', message: 'session shop is not ready' } } : outgoing({ id: 'true_ok', body: 'Hi' })
      return Promise.resolve(new Response(JSON.stringify(body), { status }))
    })
    const { wrapper } = await mountPage(MessagesPage, { routes, path: `/messages/shop/${ada}` })
    await wrapper.get('[data-testid=composer-text]').setValue('Hi')
    await wrapper.get('[data-testid=composer-send]').trigger('click')
    await flushPromises()
    expect(bubbles(wrapper).at(-1)!.get('[role=alert]').text()).toContain('session shop is not ready')

    status = 201
    await bubbles(wrapper).at(-1)!.findAll('button')[0]!.trigger('click')
    await flushPromises()
    expect(seen).toHaveLength(2)
    expect(seen[1]).toBe(seen[0])
    expect(bubbles(wrapper).map((bubble) => bubble.attributes('data-testid'))).toEqual(['message-true_ok'])
  })

  it('uploads a file as multipart with its caption and shows the server refusing a file too large', async () => {
    const calls = api([{ method: 'POST', path: '/api/messages/send-media?clientId=shop', status: 413, body: { error: { code: 'MEDIA_TOO_LARGE', message: 'body.file: the file is larger than the 16 MB (16777216 bytes) allowed', details: [{ field: 'body.file', message: 'must be at most 16 MB (16777216 bytes)' }] } } }])
    const { wrapper } = await mountPage(MessagesPage, { routes, path: `/messages/shop/${ada}` })
    const input = wrapper.get('[data-testid=composer-file]')
    Object.defineProperty(input.element, 'files', { value: [new File(['x'.repeat(2048)], 'plan.pdf', { type: 'application/pdf' })] })
    await input.trigger('change')
    expect(wrapper.get('[data-testid=composer-attachment]').text()).toContain('plan.pdf')
    await wrapper.get('[data-testid=composer-text]').setValue('The floor plan')
    await wrapper.get('[data-testid=composer-send]').trigger('click')
    await flushPromises()

    const upload = calls.find((call) => call.url.startsWith('/api/messages/send-media'))!
    expect(upload.body).toBeInstanceOf(FormData)
    const form = upload.body as FormData
    expect(form.get('to')).toBe(ada)
    expect(form.get('caption')).toBe('The floor plan')
    expect((form.get('file') as File).name).toBe('plan.pdf')
    const error = wrapper.get('[data-testid=composer-error]').text()
    expect(error).toContain('The file is too large.')
    expect(error).toContain('16 MB')
    // The file stays, to pick another or send it differently; no bubble is left behind.
    expect(wrapper.find('[data-testid=composer-attachment]').exists()).toBe(true)
    expect(bubbles(wrapper)).toHaveLength(0)
  })

  it('shows a viewer the conversation without any way to send', async () => {
    api([], { messages: [message()] })
    const { wrapper } = await mountPage(MessagesPage, { routes, path: `/messages/shop/${ada}`, role: 'viewer' })
    expect(wrapper.find('[data-testid=chat-view]').exists()).toBe(true)
    expect(bubbles(wrapper)).toHaveLength(1)
    expect(wrapper.find('[data-testid=composer-text]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=composer-send]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=composer-file]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=new-chat]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=read-only-note]').exists()).toBe(true)
  })

  it('turns sending off with a note while the session is not ready', async () => {
    api([], { sessions: [session({ status: 'disconnected' })] })
    const { wrapper } = await mountPage(MessagesPage, { routes, path: `/messages/shop/${ada}` })
    expect(wrapper.get('[data-testid=composer-disabled-note]').text()).toContain('Disconnected')
    expect(wrapper.get('[data-testid=composer-text]').attributes('disabled')).toBeDefined()

    emitEvent('session.status', { sessionId: 'shop', status: 'ready', previous: 'disconnected', error: null })
    await flushPromises()
    expect(wrapper.find('[data-testid=composer-disabled-note]').exists()).toBe(false)
  })

  it('says so when there are no sessions', async () => {
    api([], { sessions: [] })
    const { wrapper } = await mountPage(MessagesPage, { routes, path: '/messages' })
    expect(wrapper.get('[data-testid=state-empty]').text()).toContain('There are no sessions yet')
  })

  it('opens a new conversation for a number the server accepts, and shows its refusal on the field', async () => {
    fakeApi([
      { path: /^\/api\/messages\?clientId=shop&chatId=12ab/, status: 400, body: { error: { code: 'INVALID_PHONE', message: 'Invalid input', details: [{ field: 'query.chatId', message: 'must be a phone number in international format' }] } } },
      { path: '/api/sessions/list', body: { items: [session()] } },
      { path: /^\/api\/chats\?/, body: { items: [], nextCursor: null } },
      { path: /^\/api\/messages\?clientId=shop&chatId=/, body: { items: [], nextCursor: null } },
    ])
    const { wrapper, router } = await mountPage(MessagesPage, { routes, path: '/messages/shop' })
    await wrapper.get('[data-testid=new-chat]').trigger('click')
    await flushPromises()
    const phone = document.querySelector<HTMLInputElement>('#new-chat-to')!
    phone.value = '12ab'
    phone.dispatchEvent(new Event('input'))
    document.querySelector<HTMLButtonElement>('[data-testid=new-chat-submit]')!.click()
    await flushPromises()
    expect(document.querySelector('[data-testid=field-error]')?.textContent).toBe('must be a phone number in international format')

    phone.value = '+966 55 000 1111'
    phone.dispatchEvent(new Event('input'))
    document.querySelector<HTMLButtonElement>('[data-testid=new-chat-submit]')!.click()
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/messages/shop/966550001111@c.us')
  })
})
