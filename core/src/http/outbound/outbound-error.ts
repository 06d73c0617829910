/** Why an outbound request made on a user's behalf did not give a usable response. */
export type OutboundErrorCode =
  /** Not an absolute http(s) URL. */
  | 'OUTBOUND_URL_INVALID'
  /** The host is, or resolves to, an address the policy forbids (private, loopback, ...). */
  | 'OUTBOUND_ADDRESS_REFUSED'
  /** The host name does not resolve. */
  | 'OUTBOUND_DNS_FAILED'
  /** No complete answer within the time allowed (redirects and body included). */
  | 'OUTBOUND_TIMEOUT'
  /** The response body is larger than allowed. */
  | 'OUTBOUND_TOO_LARGE'
  | 'OUTBOUND_TOO_MANY_REDIRECTS'
  /** Connection refused or reset, TLS failure, malformed response. */
  | 'OUTBOUND_NETWORK_ERROR'

/**
 * A refused or failed outbound request. `url` is the URL that failed (after redirects, the last
 * one), so callers can tell the user which hop was refused.
 */
export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'OutboundError'
  }
}
