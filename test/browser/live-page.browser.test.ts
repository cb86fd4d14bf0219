/**
 * The live on-sale page in a real browser (Debian's Chromium through playwright-core): the API and
 * a partition worker run in-process on this file's own database and Redis. The page is opened
 * during a small rush; its counters must move, and its buyer's panel must buy, show the hold and
 * confirm it. A screenshot is saved as test-results/live-page.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startApiWithWorker, type ApiWithWorker } from '../support/api-app';
import { eventBody } from '../support/event-requests';
import { chromiumAvailable, launchChromium } from '../support/chromium';
import { httpClient, type HttpClient } from '../support/http-client';
import { waitUntil } from '../support/test-environment';
import { adminToken, newCustomer } from '../support/tokens';

const SCREENSHOT = path.resolve(__dirname, '../../test-results/live-page.png');
const RUSH = 300;

const describeInBrowser = chromiumAvailable() ? describe : describe.skip;

/** A counter of the GA row as the page shows it. */
async function shown(page: Page, field: 'sold' | 'held' | 'available'): Promise<number> {
  const text = await page.locator(`[data-ticket-type="GA"] [data-field="${field}"]`).textContent();
  return Number((text ?? '').replace(/,/g, ''));
}

/** Waits until the page shows a GA counter that satisfies `until`. */
async function untilShown(page: Page, field: 'sold' | 'held', until: (value: number) => boolean): Promise<void> {
  await waitUntil(async () => until(await shown(page, field)), 20_000);
}

/** `count` buyers ask for one GA ticket each, 50 at a time; the ids of those accepted. */
async function rush(call: HttpClient, eventId: string, count: number) {
  const buyers = Array.from({ length: count }, () => newCustomer());
  const accepted: { id: string; token: string }[] = [];
  for (let start = 0; start < count; start += 50) {
    const replies = await Promise.all(
      buyers.slice(start, start + 50).map((buyer) =>
        call<{ id: string }>('POST', `/v1/events/${eventId}/reservations`, { token: buyer.token, json: { items: [{ ticketType: 'GA', quantity: 1 }] } }),
      ),
    );
    replies.forEach((reply, index) => reply.status === 202 && accepted.push({ id: reply.body.id, token: buyers[start + index]!.token }));
  }
  return accepted;
}

describeInBrowser('the live page in Chromium', () => {
  let app: ApiWithWorker;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApiWithWorker(), launchChromium()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the counters move during a rush, and buys, holds and confirms from the buyer panel', async () => {
    const call = httpClient(app.baseUrl);
    const created = await call<{ id: string }>('POST', '/v1/events', {
      token: adminToken(),
      json: eventBody({ name: 'Browser rush', ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5_000, capacity: 1_000 }] }),
    });
    expect(created.status).toBe(201);
    const eventId = created.body.id;
    const buyer = newCustomer();
    const page = await browser.context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(`${app.baseUrl}/live/${eventId}#token=${buyer.token}`);
    await page.locator('#connection[data-state="live"]').waitFor();
    await page.locator('[data-ticket-type="GA"]').waitFor();
    expect(await shown(page, 'held')).toBe(0);
    expect(await shown(page, 'sold')).toBe(0);
    // The token went from the fragment into the page, and out of the address bar.
    expect(page.url()).not.toContain('token=');

    // The rush: held climbs as the worker decides, sold as some buyers confirm.
    const accepted = await rush(call, eventId, RUSH);
    expect(accepted).toHaveLength(RUSH);
    await untilShown(page, 'held', (held) => held > 0);
    const confirms = await Promise.all(accepted.slice(0, 40).map(({ id, token }) => call('POST', `/v1/reservations/${id}/confirm`, { token })));
    expect(confirms.every((reply) => reply.status === 200)).toBe(true);
    await untilShown(page, 'sold', (sold) => sold >= 40);
    expect(Number(await page.locator('#decisions-per-second').textContent())).toBeGreaterThan(0);
    await page.locator('#latency-p99').filter({ hasText: /\d/ }).waitFor();

    // The buyer's panel: two tickets, held with a countdown, then confirmed.
    await page.locator('#quantity').fill('2');
    await page.locator('#buy').click();
    await page.locator('#reservation-status[data-status="held"]').waitFor();
    await page.locator('#reservation-detail').filter({ hasText: /expires in \d+:\d\d/ }).waitFor();
    await page.locator('#confirm:not([disabled])').click();
    await page.locator('#reservation-status[data-status="confirmed"]').waitFor();
    await expect(page.locator('#reservation-history li').allTextContents()).resolves.toEqual([
      expect.stringMatching(/queued$/),
      expect.stringMatching(/held$/),
      expect.stringMatching(/confirmed$/),
    ]);
    // 40 from the rush and the panel's 2; the page shows them once the next tick arrives.
    await untilShown(page, 'sold', (sold) => sold === 42);
    expect(await shown(page, 'held')).toBe(RUSH - 40);
    expect(await shown(page, 'available')).toBe(1_000 - RUSH - 2);

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
