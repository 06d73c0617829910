import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import path from 'node:path'
import type { Middleware } from 'koa'
import helmet from 'koa-helmet'

/**
 * Hashes of the inline scripts in the panel's index.html (its import map), for the
 * Content-Security-Policy: every other script must come from WaQtor's own origin.
 */
export function inlineScriptHashes(panelDir: string | undefined): string[] {
  const index = panelDir === undefined ? undefined : path.join(panelDir, 'index.html')
  if (!index || !existsSync(index)) return []
  const html = readFileSync(index, 'utf8')
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (match) => `'sha256-${createHash('sha256').update(match[1] ?? '').digest('base64')}'`,
  )
}

/**
 * The hashes, read again whenever index.html changes (the panel rebuilt while the kernel runs).
 * Only answers outside the API look at the file: API calls, the hot path, are JSON that no browser
 * renders, so they carry the hashes last read.
 */
function currentInlineScriptHashes(panelDir: string | undefined): (request: IncomingMessage) => string {
  const index = panelDir === undefined ? undefined : path.join(panelDir, 'index.html')
  let seen: { modifiedMs: number; hashes: string } | undefined
  return (request) => {
    if (seen && /^\/(api|socket\.io|metrics|health|ready)(\/|\?|$)/.test(request.url ?? '')) return seen.hashes
    const modifiedMs = index && existsSync(index) ? statSync(index).mtimeMs : -1
    if (seen?.modifiedMs !== modifiedMs) seen = { modifiedMs, hashes: inlineScriptHashes(panelDir).join(' ') }
    return seen.hashes
  }
}

/**
 * Browser security headers on every answer (helmet): a Content-Security-Policy that allows only
 * WaQtor's own scripts, styles, images and connections (PrimeVue sets inline styles; QR codes and
 * previews are data: and blob: images), no framing by other sites, no MIME sniffing, no referrer
 * sent elsewhere, and a window of its own (Cross-Origin-Opener-Policy).
 */
export function securityHeadersMiddleware(panelDir: string | undefined): Middleware {
  const panelScripts = currentInlineScriptHashes(panelDir)
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (request) => panelScripts(request)],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
    // Plugins' browser modules and media are fetched by the panel on the same origin; API clients
    // elsewhere are not browsers loading resources, so same-site is what this protects.
    crossOriginResourcePolicy: { policy: 'same-site' },
    referrerPolicy: { policy: 'no-referrer' },
    // HTTPS ends at the reverse proxy in front of WaQtor: HSTS belongs there, where the domain's
    // owner decides how long and for which subdomains.
    strictTransportSecurity: false,
  })
}
