import type { Request } from 'express';

/**
 * Whether the browser reached us over https: directly, or through a proxy that says so. Trusting
 * `X-Forwarded-Proto` here only ever adds `Secure` to a cookie, which a client could at worst use
 * to make its own cookie unusable over plain http.
 */
export function cameOverHttps(req: Request): boolean {
  return req.secure || req.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}
