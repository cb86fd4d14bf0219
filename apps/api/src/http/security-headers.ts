import helmet from 'helmet';

/**
 * helmet's headers for a JSON API that also serves a few pages (/docs, /live, /admin): scripts
 * only from our origin, no framing, no MIME sniffing, no referrer leaking ids across origins.
 * Pages with an inline script set their own, narrower policy (the live page, the login page).
 * bull-board's stylesheet loads its fonts from Google Fonts: `https:` for styles and fonts.
 */
export const securityHeaders = helmet({
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
