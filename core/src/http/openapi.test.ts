import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestKernel, type TestKernel } from '../testing/index.ts'

interface Operation {
  summary?: string
  security?: unknown[]
  parameters?: Array<{ name: string; in: string; required: boolean }>
  requestBody?: { content: { 'application/json': { schema: { required?: string[]; properties?: Record<string, unknown> } } } }
  responses?: Record<string, unknown>
}

interface OpenApiDocument {
  openapi: string
  info: { title: string; version: string }
  paths: Record<string, Record<string, Operation>>
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> }
}

describe('the OpenAPI document and Swagger UI', () => {
  let harness: TestKernel
  let document: OpenApiDocument

  beforeAll(async () => {
    harness = await createTestKernel()
    const response = await harness.request<OpenApiDocument>('GET', '/api/openapi.json')
    expect(response.status).toBe(200)
    document = response.body
  })
  afterAll(async () => {
    await harness.close()
  })

  it('is OpenAPI 3.1 and lists the core paths in OpenAPI syntax', () => {
    expect(document.openapi).toBe('3.1.0')
    expect(document.info.title).toBe('WaQtor API')
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users/{id}', '/api/keys', '/api/plugins', '/api/sessions/{clientId}/plugins/{pluginId}']),
    )
    expect(Object.keys(document.paths).filter((path) => path.includes(':'))).toEqual([])
  })

  it('gives every operation a summary, responses and its path parameters', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const name = `${method} ${path}`
        expect(operation.summary, name).toEqual(expect.any(String))
        expect(Object.keys(operation.responses ?? {}).length, name).toBeGreaterThan(0)
        const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name)
        const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1])
        expect(declared.sort(), name).toEqual(inPath.sort())
      }
    }
  })

  it('documents the login body with email and password required, and no credentials needed', () => {
    const login = document.paths['/api/auth/login']?.post
    expect(login?.security).toEqual([])
    const schema = login?.requestBody?.content['application/json'].schema
    expect(schema?.required).toEqual(expect.arrayContaining(['email', 'password']))
    expect(Object.keys(schema?.properties ?? {})).toEqual(expect.arrayContaining(['email', 'password']))
    expect(Object.keys(login?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401']))
  })

  it('documents credentials and the error shape on protected operations', () => {
    const createUser = document.paths['/api/users']?.post
    expect(createUser?.security).toEqual(expect.arrayContaining([{ bearerAuth: [] }, { apiKey: [] }]))
    expect(Object.keys(createUser?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409']))
    expect(document.components.securitySchemes).toHaveProperty('apiKey', { type: 'apiKey', in: 'header', name: 'X-Api-Key' })
    expect(document.components.schemas.Error).toMatchObject({ required: ['error'] })
  })

  it('serves a Swagger UI page that loads the bundle and points at the document', async () => {
    const page = await harness.request<string>('GET', '/docs', { anonymous: true })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.body).toContain('<script src="/docs/swagger-ui-bundle.js"></script>')
    expect(page.body).toContain('id="swagger-ui"')

    const bundle = await harness.request<string>('GET', '/docs/swagger-ui-bundle.js', { anonymous: true })
    expect(bundle.status).toBe(200)
    expect(bundle.headers.get('content-type')).toContain('javascript')
    expect(bundle.body).toContain('SwaggerUIBundle')

    const init = await harness.request<string>('GET', '/docs/swagger-init.js', { anonymous: true })
    expect(init.body).toContain("url: '/api/openapi.json'")
    const css = await harness.request('GET', '/docs/swagger-ui.css', { anonymous: true })
    expect(css.headers.get('content-type')).toContain('text/css')
  })

  it('does not serve other files from the Swagger UI package', async () => {
    const response = await harness.request('GET', '/docs/package.json', { anonymous: true })
    expect(response.status).toBe(404)
    expect(response.body).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } })
  })
})
