import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's headers for a JSON API that also serves a few pages (/docs, /live, /admin): scripts
 * only from our origin, no framing, no MIME sniffing, no referrer leaking ids across origins.
 * Pages with an inline script set their own, narrower policy (the live page, the login page).
 * bull-board's stylesheet loads its fonts from Google Fonts: `https:` for styles and fonts.
 */
export const securityPolicy = helmet({
  contentSecurityPolicy: {
    useDefaults: true,
    directives: {
      // A deployment reached over plain http (a laptop, a private network) must still load its pages.
      upgradeInsecureRequests: null,
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
});

/** The headers a helmet policy sets, recorded once: with no per-request directive, they are the same for every response. */
function headersSetBy(middleware: typeof securityPolicy): [string, string][] {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return [...headers];
}

const SECURITY_HEADERS = headersSetBy(securityPolicy);

/** Sets helmet's headers from the recorded list: one loop, where helmet runs a dozen middlewares per response. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  next();
};

/**
 * What a JSON answer needs of those (OWASP's REST Security Cheat Sheet): no sniffing, no
 * framing, nothing loaded, HTTPS only. The rest of helmet's set is for documents; the lean routes
 * (buy, poll, the seat map) send these four, and the bytes of a dozen more headers an answer are saved.
 */
const JSON_SECURITY_HEADERS: [string, string][] = [
  ...SECURITY_HEADERS.filter(([name]) => ['x-content-type-options', 'x-frame-options', 'strict-transport-security'].includes(name.toLowerCase())),
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
];

export function setJsonSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of JSON_SECURITY_HEADERS) res.setHeader(name, value);
}
