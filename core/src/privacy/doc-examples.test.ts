import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MessageView } from '../messages/message-view.ts'
import { createTestKernel, type TestKernel } from '../testing/index.ts'
import type { SubjectErasure, SubjectExport } from './privacy-types.ts'

const docsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/plugin-api')

/** The plugin a page documents, copied verbatim from its `<!-- example: <tag> <file> -->` blocks. */
async function installExample(root: string, page: string, tag: string): Promise<void> {
  const text = await readFile(path.join(docsDir, page), 'utf8')
  const block = (file: string) => {
    const match = new RegExp(`<!-- example: ${tag} ${file.replace('.', '\\.')} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``).exec(text)
    if (!match?.[1]) throw new Error(`${page} has no example block for ${tag} ${file}`)
    return match[1]
  }
  const manifest = JSON.parse(block('plugin.json')) as { id: string }
  const dir = path.join(root, manifest.id)
  await mkdir(path.join(dir, 'server'), { recursive: true })
  await writeFile(path.join(dir, 'plugin.json'), JSON.stringify(manifest))
  await writeFile(path.join(dir, 'server', 'index.js'), block('server/index.js'))
}

describe('the plain-JavaScript examples of docs/plugin-api/{privacy,contacts,files}.md run as written', () => {
  let harness: TestKernel
  let pluginsDir: string

  const inbound = async (from: string, text: string) => expect((await harness.request('POST', '/api/sessions/shop/sandbox/inbound', { body: { from, text } })).status).toBe(201)
  /** Outbound messages to a chat, once at least `count` have been sent (plugins answer asynchronously). */
  const repliesTo = async (phone: string, count: number) => {
    let replies: MessageView[] = []
    for (let attempt = 0; attempt < 600 && replies.length < count; attempt++) {
      const page = await harness.request<{ items: MessageView[] }>('GET', `/api/messages?clientId=shop&chatId=${phone}@c.us`)
      replies = page.body.items.filter((message) => message.fromMe)
      if (replies.length < count) await new Promise((resolve) => setTimeout(resolve, 25))
    }
    return replies
  }

  beforeAll(async () => {
    pluginsDir = await mkdtemp(path.join(tmpdir(), 'waqtor-doc-examples-'))
    await installExample(pluginsDir, 'privacy.md', 'privacy')
    await installExample(pluginsDir, 'contacts.md', 'contacts')
    await installExample(pluginsDir, 'files.md', 'files')
    harness = await createTestKernel({ pluginDirs: [pluginsDir], config: { governorJitterMinMs: 0, governorJitterMaxMs: 0 } })
    await harness.createSession('shop')
    const plugins = await harness.request<Array<{ id: string; status: string }> | { items: Array<{ id: string; status: string }> }>('GET', '/api/plugins')
    const list = Array.isArray(plugins.body) ? plugins.body : plugins.body.items
    expect(list.filter((plugin) => ['contact-notes', 'greeter', 'brochures'].includes(plugin.id)).map((plugin) => plugin.status)).toEqual(['started', 'started', 'started'])
  })
  afterAll(async () => {
    await harness?.close()
    await rm(pluginsDir, { recursive: true, force: true })
  })

  it('privacy.md: the notes plugin exports and erases a contact\'s notes', async () => {
    expect((await harness.request('POST', '/api/plugins/contact-notes/notes', { body: { sessionId: 'shop', phone: '+966501230000', text: 'Wants a 3-room flat' } })).status).toBe(201)
    const subject = { kind: 'contact', sessionId: 'shop', phone: '+966501230000' }
    const exported = await harness.request<SubjectExport>('POST', '/api/privacy/export', { body: { subject } })
    expect(exported.body.plugins['contact-notes']).toEqual({ notes: ['Wants a 3-room flat'] })
    const erased = await harness.request<SubjectErasure>('POST', '/api/privacy/erase', { body: { subject } })
    expect(erased.body.plugins['contact-notes']).toEqual({ deleted: { notes: 1 } })
    expect((await harness.request<SubjectExport>('POST', '/api/privacy/export', { body: { subject } })).body.plugins['contact-notes']).toEqual({ notes: [] })
  })

  it('contacts.md: the greeter answers a new contact once, in their language, and tags them', async () => {
    await inbound('966501231111', 'السلام عليكم')
    const [greeting] = await repliesTo('966501231111', 1)
    expect(greeting?.body).toBe('أهلًا وسهلًا! وصلتنا رسالتك وبنرد عليك قريب.')
    await inbound('447700901111', 'Good morning')
    expect((await repliesTo('447700901111', 1))[0]?.body).toBe('Hello and welcome! We got your message and will answer shortly.')
    const contact = await harness.request<{ tags: string[] }>('GET', '/api/contacts/966501231111?clientId=shop')
    expect(contact.body.tags).toContain('greeted')
  })

  it('files.md: the brochure plugin sends a signed link anyone can download from', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(500, 0x42), Buffer.from('\n%%EOF\n')])
    const uploaded = await harness.request<{ id: string }>('PUT', '/api/plugins/brochures/brochure', { body: { name: 'brochure.pdf', type: 'application/pdf', base64: pdf.toString('base64') } })
    expect(uploaded.status).toBe(200)
    await inbound('966501232222', 'ممكن الكتيب؟')
    const replies = await repliesTo('966501232222', 2)
    const link = replies.map((reply) => /(\/api\/files\/signed\/\S+)/.exec(reply.body)?.[1]).find(Boolean)
    expect(link).toBeDefined()
    const download = await fetch(`${harness.url}${link}`)
    expect(download.status).toBe(200)
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf)
  })
})
