/**
 * A storefront on its own origin, in a real browser (Debian's Chromium through playwright-core):
 * the API allows one origin (CORS_ORIGINS). A page served from that origin reserves and polls
 * through the API, its script reading the headers the API exposes; the same page from an origin
 * not in the list is refused by the browser, and nothing is recorded for its buyer.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, loadWorkerConfig } from '@onsale/shared';
import { startWorker } from '@onsale/worker/worker';
import { startTestApi, type TestApi } from '../support/api-app';
import { chromiumAvailable, launchChromium } from '../support/chromium';
import { eventBody } from '../support/event-requests';
import { httpClient } from '../support/http-client';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { adminToken, newCustomer } from '../support/tokens';

const logger = createLogger({ name: 'test', level: 'silent' });

/**
 * The storefront's page: reserves one GA ticket, then polls the Location with the ETag it was
 * given until the request is decided, and writes what it saw into `body[data-result]`.
 */
const STOREFRONT = `<!doctype html><html><body><script>
(async () => {
  const given = new URLSearchParams(location.hash.slice(1));
  const auth = { Authorization: 'Bearer ' + given.get('token') };
  try {
    const asked = await fetch(given.get('api') + '/v1/events/' + given.get('event') + '/reservations', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ items: [{ ticketType: 'GA', quantity: 1 }] }),
    });
    const seen = { accepted: asked.status, location: asked.headers.get('Location'), etag: asked.headers.get('ETag'), polls: 0 };
    let view = await asked.json();
    let etag = seen.etag;
    while (view.status === 'queued' && seen.polls < 100) {
      const polled = await fetch(given.get('api') + seen.location, { headers: { ...auth, 'If-None-Match': etag } });
      seen.polls++;
      seen.pollEtag = polled.headers.get('ETag');
      if (polled.status === 200) view = await polled.json();
      etag = seen.pollEtag ?? etag;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    document.body.dataset.result = JSON.stringify({ ...seen, status: view.status });
  } catch (error) {
    document.body.dataset.result = JSON.stringify({ refused: String(error) });
  }
})();
</script></body></html>`;

/** A server of the storefront's page on a port of its own: an origin of its own. */
async function startStorefront(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(STOREFRONT));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const describeInBrowser = chromiumAvailable() ? describe : describe.skip;

describeInBrowser('a storefront on another origin, in Chromium', () => {
  let env: TestEnvironment;
  let api: TestApi;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let allowed: Awaited<ReturnType<typeof startStorefront>>;
  let other: Awaited<ReturnType<typeof startStorefront>>;
  let eventId: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    [allowed, other] = await Promise.all([startStorefront(), startStorefront()]);
    [api, browser] = await Promise.all([startTestApi(env, { CORS_ORIGINS: `https://shop.example, ${allowed.origin}` }), launchChromium()]);
    worker = await startWorker(loadWorkerConfig({ ...env.env, LOG_LEVEL: 'silent', WORKER_ID: 'cors-worker' }), logger);
    const created = await httpClient(api.baseUrl)<{ id: string }>('POST', '/v1/events', { token: adminToken(), json: eventBody({ name: 'Storefront sale' }) });
    expect(created.status).toBe(201);
    eventId = created.body.id;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await worker?.close();
    allowed?.server.close();
    other?.server.close();
    await env?.dispose();
  });

  /** Opens the storefront of `origin` for a new buyer and waits for what its script saw. */
  async function shop(origin: string) {
    const buyer = newCustomer();
    const page = await browser.context.newPage();
    await page.goto(`${origin}/#api=${encodeURIComponent(api.baseUrl)}&event=${eventId}&token=${buyer.token}`);
    await page.locator('body[data-result]').waitFor({ state: 'attached', timeout: 20_000 });
    const result = JSON.parse((await page.locator('body').getAttribute('data-result'))!) as Record<string, unknown>;
    await page.close();
    return { buyer, result };
  }

  const recordedFor = async (customerId: string) => {
    const [row] = await env.database.sql<{ count: number }[]>`SELECT count(*)::int AS count FROM reservations WHERE customer_id = ${customerId}`;
    return row!.count;
  };

  it('lets a page of an allowed origin reserve and poll, and read Location and ETag', async () => {
    const { buyer, result } = await shop(allowed.origin);
    expect(result).toMatchObject({ accepted: 202, location: expect.stringMatching(/^\/v1\/reservations\/[0-9a-f-]{36}$/), etag: expect.stringMatching(/^"\d+/), status: 'held' });
    expect(await recordedFor(buyer.sub)).toBe(1);
  });

  it('refuses a page of an origin not in the list: the browser sends nothing past the preflight', async () => {
    const { buyer, result } = await shop(other.origin);
    expect(result.refused).toMatch(/Failed to fetch/);
    expect(await recordedFor(buyer.sub)).toBe(0);
  });

  it('answers a preflight with the methods and headers the API takes, for allowed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${api.baseUrl}/v1/events/${eventId}/reservations`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key' },
      });
    const yes = await preflight(allowed.origin);
    expect(yes.status).toBe(204);
    expect(yes.headers.get('access-control-allow-origin')).toBe(allowed.origin);
    expect(yes.headers.get('access-control-allow-methods')).toContain('POST');
    expect(yes.headers.get('access-control-allow-headers')?.split(',')).toEqual(
      expect.arrayContaining(['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match']),
    );
    expect(yes.headers.get('vary')).toMatch(/Origin/);
    const no = await preflight(other.origin);
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await fetch(`${api.baseUrl}/v1/events/${eventId}`, { headers: { Origin: allowed.origin } });
    expect(answer.headers.get('access-control-expose-headers')?.split(',')).toEqual(
      expect.arrayContaining(['Location', 'ETag', 'Retry-After', 'RateLimit', 'RateLimit-Policy']),
    );
  });
});
