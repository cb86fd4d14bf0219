/**
 * The live page of an event with a pre-queue, in a real browser (Chromium through playwright-core):
 * its fair-draw panel shows the commitment while the pre-queue is open, the buyer's panel shows a
 * request waiting for the draw, and after the draw the panel shows the seed (whose SHA-256 is the
 * commitment) and the buyer their hold. Screenshot in the OS temporary directory, its path printed.
 */
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, loadWorkerConfig } from '@onsale/shared';
import { startWorker } from '@onsale/worker/worker';
import { startTestApi, type TestApi } from '../support/api-app';
import { eventBody } from '../support/event-requests';
import { chromiumAvailable, launchChromium } from '../support/chromium';
import { httpClient } from '../support/http-client';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { adminToken, newCustomer } from '../support/tokens';

const logger = createLogger({ name: 'test', level: 'silent' });
const describeInBrowser = chromiumAvailable() ? describe : describe.skip;

describeInBrowser('the live page of an event with a fair draw, in Chromium', () => {
  let env: TestEnvironment;
  let app: TestApi;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    env = await createTestEnvironment();
    [app, browser] = await Promise.all([startTestApi(env), launchChromium()]);
    worker = await startWorker(loadWorkerConfig({ ...env.env, LOG_LEVEL: 'silent', WORKER_ID: 'draw-browser-worker', SWEEP_INTERVAL_MS: '200' }), logger);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await worker?.close();
    await env?.dispose();
  });

  it('shows the commitment, a buyer waiting for the draw, then the seed and the hold', async () => {
    const call = httpClient(app.baseUrl);
    const created = await call<{ id: string; salesStartAt: string }>('POST', '/v1/events', {
      token: adminToken(),
      json: { ...eventBody({ name: 'Browser opening' }), preQueueOpensAt: new Date(Date.now() - 60_000).toISOString(), salesStartAt: new Date(Date.now() + 6_000).toISOString() },
    });
    expect(created.status).toBe(201);
    const eventId = created.body.id;
    const buyer = newCustomer();
    const page = await browser.context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${app.baseUrl}/live/${eventId}#token=${buyer.token}`);
    await page.locator('#connection[data-state="live"]').waitFor();

    await page.locator('#draw-status[data-status="open"]').waitFor();
    const commitment = await page.locator('#draw-commitment').textContent();
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.locator('#draw-seed').textContent()).toBe('revealed after the draw');

    await page.locator('[data-ticket-type="GA"]').waitFor();
    await page.locator('#buy:not([disabled])').click();
    await page.locator('#reservation-status[data-status="queued"]').waitFor();
    await page.locator('#queue-position').filter({ hasText: 'not drawn yet' }).waitFor();

    await page.locator('#draw-status[data-status="drawn"]').waitFor({ timeout: 20_000 });
    const seed = (await page.locator('#draw-seed').textContent()) ?? '';
    expect(createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex')).toBe(commitment);
    expect(await page.locator('#draw-entries').textContent()).toBe('1');
    await page.locator('#reservation-status[data-status="held"]').waitFor({ timeout: 20_000 });

    const screenshot = path.join(tmpdir(), `onsale-draw-page-${Date.now()}.png`);
    await page.screenshot({ path: screenshot, fullPage: true });
    process.stdout.write(`screenshot: ${screenshot}\n`);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
