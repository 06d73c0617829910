import { Agent } from 'undici'

export interface ApiResponse<T> {
  status: number
  body: T
}

/** JSON over HTTP with one keep-alive pool sized for the bench's concurrency. */
export class ApiClient {
  private readonly agent: Agent
  private token = ''

  constructor(
    private readonly baseUrl: string,
    connections: number,
  ) {
    this.agent = new Agent({ connections, pipelining: 1, keepAliveTimeout: 60_000 })
  }

  async login(email: string, password: string): Promise<void> {
    const response = await this.request<{ token: string }>('POST', '/api/auth/login', { email, password })
    if (response.status !== 200) throw new Error(`bench login failed: ${response.status}`)
    this.token = response.body.token
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const response = await this.agent.request({
      origin: this.baseUrl,
      method: method as 'GET',
      path,
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.body.text()
    return { status: response.statusCode, body: (text ? JSON.parse(text) : undefined) as T }
  }

  close(): Promise<void> {
    return this.agent.close()
  }
}
