/**
 * The live on-sale page in a real browser (Debian's Chromium through playwright-core): the API and
 * a partition worker run in-process on this file's own database and Redis. The page is opened
 * during a small rush; its counters must move, and its buyer's panel must buy, show the hold and
 * confirm it (screenshot: test-results/live-page.png). A seated event's page draws its seat map,
 * whose seats change colour as they are held and sold; a buyer queued behind a backlog sees their
 * position and ETA counting down (screenshots in the OS temporary directory, their paths printed).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, loadWorkerConfig, type ReservationView } from '@onsale/shared';
import { startWorker } from '@onsale/worker/worker';
import type { Page } from 'playwright-core';
import { startTestApi, type TestApi } from '../support/api-app';
import { eventBody } from '../support/event-requests';
import { chromiumAvailable, launchChromium } from '../support/chromium';
import { httpClient, type HttpClient } from '../support/http-client';
import { createTestEnvironment, waitUntil, type TestEnvironment } from '../support/test-environment';
import { adminToken, newCustomer } from '../support/tokens';

const SCREENSHOT = path.resolve(__dirname, '../../test-results/live-page.png');
const RUSH = 300;
const logger = createLogger({ name: 'test', level: 'silent' });

/** Where a screenshot goes: the OS temporary directory, its path printed for whoever looks at it. */
function screenshotPath(name: string): string {
  const file = path.join(tmpdir(), `onsale-${name}-${Date.now()}.png`);
  process.stdout.write(`screenshot: ${file}\n`);
  return file;
}

/** The colours live.css gives held and sold seats (--held, --sold). */
const HELD = 'rgb(240, 160, 32)';
const SOLD = 'rgb(47, 111, 222)';
type InPage = { getComputedStyle(element: unknown): { backgroundColor: string } };
const seatColour = (page: Page, label: string) =>
  page.locator(`[data-seat="${label}"]`).evaluate((seat) => (globalThis as unknown as InPage).getComputedStyle(seat).backgroundColor);
/** Waits for the seat's colour (it changes over a short transition). */
const untilColoured = (page: Page, label: string, colour: string) => waitUntil(async () => (await seatColour(page, label)) === colour, 5_000);

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

/** A reservation request sent again after a 503 (the API's answer when PostgreSQL is slow on a loaded machine). */
async function reserve(call: HttpClient, token: string, eventId: string, json: unknown) {
  for (let attempt = 1; ; attempt++) {
    const reply = await call<ReservationView>('POST', `/v1/events/${eventId}/reservations`, { token, json });
    if (reply.status !== 503 || attempt === 20) {
      expect(reply.status).toBe(202);
      return reply.body;
    }
    await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
  }
}

describeInBrowser('the live page in Chromium', () => {
  let env: TestEnvironment;
  let app: TestApi;
  /** Stopped by the queue test, to leave its buyer waiting, then started again. */
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  const startPartitionWorker = async () => {
    worker = await startWorker(loadWorkerConfig({ ...env.env, LOG_LEVEL: 'silent', WORKER_ID: 'browser-worker', SWEEP_INTERVAL_MS: '200' }), logger);
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    [app, browser] = await Promise.all([startTestApi(env), launchChromium()]);
    await startPartitionWorker();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await worker?.close();
    await env?.dispose();
  });

  /** The event's live page, with its script errors collected. */
  async function openLivePage(eventId: string, token?: string): Promise<{ page: Page; pageErrors: string[] }> {
    const page = await browser.context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${app.baseUrl}/live/${eventId}${token ? `#token=${token}` : ''}`);
    await page.locator('#connection[data-state="live"]').waitFor();
    return { page, pageErrors };
  }

  const queuedOf = async (eventId: string) => {
    const [row] = await env.database.sql<{ queued: number }[]>`
      SELECT count(*)::int AS queued FROM reservations WHERE event_id = ${eventId} AND status = 'queued'`;
    return row!.queued;
  };

  it('shows the counters move during a rush, and buys, holds and confirms from the buyer panel', async () => {
    const call = httpClient(app.baseUrl);
    const created = await call<{ id: string }>('POST', '/v1/events', {
      token: adminToken(),
      json: eventBody({ name: 'Browser rush', ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5_000, capacity: 1_000 }] }),
    });
    expect(created.status).toBe(201);
    const eventId = created.body.id;
    const buyer = newCustomer();
    const { page, pageErrors } = await openLivePage(eventId, buyer.token);
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
  it("draws a seated event's seat map, and its seats change colour as they are held and sold", async () => {
    const call = httpClient(app.baseUrl);
    const created = await call<{ id: string }>('POST', '/v1/events', {
      token: adminToken(),
      json: {
        ...eventBody({ name: 'Browser seats', ticketTypes: [{ code: 'SEAT', name: 'Stalls', priceCents: 9_000, capacity: 240 }] }),
        // Two sections of 8 rows, each row 1–7, an aisle, 8–15 (accessible in A).
        seatMap: {
          sections: ['A', 'B'].map((code) => ({
            code,
            ticketType: 'SEAT',
            rows: [{ labels: { from: 1, to: 8 }, seats: [{ from: 1, to: 7 }, { from: 8, to: 15, accessible: code === 'A' }] }],
          })),
        },
      },
    });
    expect(created.status).toBe(201);
    const eventId = created.body.id;
    const { page, pageErrors } = await openLivePage(eventId);
    const seatAnswers: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith(`/v1/events/${eventId}/seats`)) seatAnswers.push(response.status());
    });
    await page.locator('#seat-map[data-free="240"]').waitFor();
    expect(await page.locator('#seat-map .seat').count()).toBe(240);
    expect(await page.locator('[data-seat="B-4-7"]').getAttribute('data-state')).toBe('free');

    // Three buyers of two exact seats each, twenty of three seats side by side: 66 held.
    const exact = [
      ['B-4-7', 'B-4-8'],
      ['A-1-1', 'A-1-2'],
      ['B-8-14', 'B-8-15'],
    ];
    const reserved = (requests: { token: string; json: unknown }[]) =>
      Promise.all(requests.map(async ({ token, json }) => ({ token, id: (await reserve(call, token, eventId, json)).id })));
    // The exact ones first (queued first, decided first): best available must not take their seats.
    const accepted = await reserved(exact.map((seats) => ({ token: newCustomer().token, json: { seats } })));
    const bestAvailable = { items: [{ ticketType: 'SEAT', quantity: 3, together: true }], allowSplit: true };
    accepted.push(...(await reserved(Array.from({ length: 20 }, () => ({ token: newCustomer().token, json: bestAvailable })))));
    await page.locator('#seat-map[data-held="66"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-seat="B-4-7"]').getAttribute('data-state')).toBe('held');
    await untilColoured(page, 'B-4-7', HELD);

    // The exact buyers and ten others confirm: 36 sold, 30 still held.
    const confirming = [...accepted.slice(0, 3), ...accepted.slice(3, 13)];
    const confirms = await Promise.all(confirming.map(({ id, token }) => call('POST', `/v1/reservations/${id}/confirm`, { token })));
    expect(confirms.map((reply) => reply.status)).toEqual(confirming.map(() => 200));
    await page.locator('#seat-map[data-sold="36"][data-held="30"][data-free="174"]').waitFor({ timeout: 30_000 });
    for (const label of exact.flat()) await untilColoured(page, label, SOLD);
    expect(await page.locator('#seat-map-counts').textContent()).toBe('174 free · 30 held · 36 sold');
    // The page keeps polling with If-None-Match: once nothing changes, it is answered 304.
    await waitUntil(() => seatAnswers.includes(304), 5_000);
    expect(seatAnswers).toContain(200);

    await page.screenshot({ path: screenshotPath('live-seat-map'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 90_000);

  it("shows a queued buyer's position and an ETA that counts down, until the decision", async () => {
    const call = httpClient(app.baseUrl);
    const created = await call<{ id: string }>('POST', '/v1/events', {
      token: adminToken(),
      json: eventBody({ name: 'Browser queue', ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5_000, capacity: 5_000 }] }),
    });
    const eventId = created.body.id;
    const buyer = newCustomer();
    const { page, pageErrors } = await openLivePage(eventId, buyer.token);
    await page.locator('[data-ticket-type="GA"]').waitFor();

    // Decisions in several batches over more than a second, so that the event has a decision rate…
    for (let wave = 0; wave < 4; wave++) {
      expect(await rush(call, eventId, 50)).toHaveLength(50);
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    await waitUntil(async () => (await queuedOf(eventId)) === 0, 30_000);
    // …then no worker: 300 requests wait, and the buyer's comes after them.
    await worker!.close();
    worker = undefined;
    expect(await rush(call, eventId, 300)).toHaveLength(300);

    await page.locator('#quantity').fill('2');
    await page.locator('#buy').click();
    await page.locator('#reservation-status[data-status="queued"]').waitFor();
    await page.locator('#queue-place:not([hidden])').waitFor();
    expect(await page.locator('#queue-position').textContent()).toBe('301');
    expect(await page.locator('#queue-ahead').textContent()).toBe('300 requests (300 tickets) ahead');
    await page.locator('#queue-eta[data-seconds]').waitFor();
    const etaNow = async () => Number(await page.locator('#queue-eta').getAttribute('data-seconds'));
    const first = await etaNow();
    expect(first).toBeGreaterThan(1);
    expect(await page.locator('#queue-eta').textContent()).toBe(`${first} s`);
    // Counted down in the page, with no new update from the server (the position does not move).
    await waitUntil(async () => (await etaNow()) < first, 5_000);
    await page.screenshot({ path: screenshotPath('live-queue-place'), fullPage: true });

    // A worker again: the backlog is decided, and the panel shows the hold instead of a place.
    await startPartitionWorker();
    await page.locator('#reservation-status[data-status="held"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('#queue-place').isHidden()).toBe(true);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 90_000);
});
