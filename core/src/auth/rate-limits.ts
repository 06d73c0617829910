import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { TooManyRequestsError } from '../errors/app-error.ts'
import type { ApiContext } from '../http/api-context.ts'
import type { Principal } from './principal.ts'

export interface RateLimitSettings {
  perMinute: number
  loginPerMinute: number
}

/**
 * Fixed one-minute windows per caller and per login target. In-memory today; the limiter type is
 * rate-limiter-flexible's, so cluster mode swaps in its Redis store without touching callers.
 */
export class RateLimits {
  private readonly perCaller: RateLimiterAbstract
  private readonly perLogin: RateLimiterAbstract
  private readonly limit: number

  constructor(settings: RateLimitSettings) {
    this.limit = settings.perMinute
    this.perCaller = new RateLimiterMemory({ keyPrefix: 'caller', points: settings.perMinute, duration: 60 })
    this.perLogin = new RateLimiterMemory({ keyPrefix: 'login', points: settings.loginPerMinute, duration: 60 })
  }

  async consumeForPrincipal(ctx: ApiContext, principal: Principal): Promise<void> {
    const result = await consume(this.perCaller, `${principal.kind}:${principal.id}`)
    ctx.set('RateLimit-Limit', String(this.limit))
    ctx.set('RateLimit-Remaining', String(result.remainingPoints))
    ctx.set('RateLimit-Reset', String(Math.ceil(result.msBeforeNext / 1000)))
  }

  /** Slows password guessing: per client address and e-mail, counted before the password is checked. */
  async consumeForLogin(ip: string, email: string): Promise<void> {
    await consume(this.perLogin, `${ip}|${email.toLowerCase()}`)
  }
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes> {
  try {
    return await limiter.consume(key)
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      throw new TooManyRequestsError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)))
    }
    throw rejection
  }
}
