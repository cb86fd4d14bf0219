import { allowedNetworks, isAddressAllowed } from './network-guard';
import { outcomeOf } from './outcome';
import { RETRY_DELAYS_MS, retryAfterMs, retryDelayMs } from './retry-schedule';

/* The pure rules of delivery: the retry schedule, Retry-After, what an answer means, and which addresses are refused. */

const HOUR = 3_600_000;

describe('the retry schedule', () => {
  it('is immediate, 5 s, 5 min, 30 min, 2 h, 5 h, then 10 h, over about three days, and then ends', () => {
    expect(RETRY_DELAYS_MS.slice(0, 6)).toEqual([5_000, 300_000, 1_800_000, 2 * HOUR, 5 * HOUR, 10 * HOUR]);
    const total = RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);
    expect(total / (24 * HOUR)).toBeGreaterThan(2.5);
    expect(total / (24 * HOUR)).toBeLessThan(3.1);
    expect(retryDelayMs(RETRY_DELAYS_MS.length, { scale: 1 })).toBeUndefined();
  });

  it('jitters each delay by at most 20 %, and scales it', () => {
    expect(retryDelayMs(1, { scale: 1, random: () => 0 })).toBe(240_000);
    expect(retryDelayMs(1, { scale: 1, random: () => 1 })).toBe(360_000);
    expect(retryDelayMs(1, { scale: 0.001, random: () => 0.5 })).toBe(300);
  });

  it('waits at least what Retry-After asks, at most 24 h', () => {
    expect(retryDelayMs(0, { scale: 1, random: () => 0.5, retryAfterMs: 60_000 })).toBe(60_000);
    expect(retryDelayMs(3, { scale: 1, random: () => 0.5, retryAfterMs: 60_000 })).toBe(2 * HOUR);
    expect(retryDelayMs(0, { scale: 1, random: () => 0.5, retryAfterMs: 48 * HOUR })).toBe(24 * HOUR);
    expect(retryAfterMs('120', 0)).toBe(120_000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30_000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs(undefined, 0)).toBeUndefined();
  });
});

describe('what an answer means', () => {
  const result = (statusCode: number | null, retryAfter?: string) => ({ startedAt: new Date(0), latencyMs: 10, statusCode, retryAfter, error: statusCode === null ? 'ECONNREFUSED' : null });

  it('only a 2xx delivers; 410 kills and disables; the rest retry until the schedule ends', () => {
    expect(outcomeOf(result(200), 0, { scale: 1 }).next).toEqual({ state: 'delivered' });
    expect(outcomeOf(result(299), 0, { scale: 1 }).next).toEqual({ state: 'delivered' });
    expect(outcomeOf(result(410), 0, { scale: 1 })).toMatchObject({ next: { state: 'dead' }, disableEndpoint: true });
    for (const status of [301, 400, 404, 500, null]) expect(outcomeOf(result(status), 0, { scale: 1 }).next.state).toBe('retry');
    expect(outcomeOf(result(500), RETRY_DELAYS_MS.length, { scale: 1 }).next).toEqual({ state: 'dead' });
  });

  it('honours Retry-After on 429, 502 and 504 only', () => {
    const at = (status: number) => {
      const next = outcomeOf(result(status, '3600'), 0, { scale: 1, random: () => 0.5 }).next;
      return next.state === 'retry' ? next.nextAttemptAt.getTime() - 10 : undefined;
    };
    expect([at(429), at(502), at(504)]).toEqual([HOUR, HOUR, HOUR]);
    expect([at(500), at(503)]).toEqual([5_000, 5_000]);
  });
});

describe('the SSRF guard', () => {
  const none = allowedNetworks(undefined);

  it('refuses loopback, link-local, private, shared, unspecified and mapped private addresses', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1', '224.0.0.1']) {
      expect({ address, allowed: isAddressAllowed(address, { allowPrivate: false, allowed: none }) }).toEqual({ address, allowed: false });
    }
  });

  it('allows public addresses, and private ones for an allowed endpoint or an allowed network', () => {
    for (const address of ['93.184.216.34', '172.32.0.1', '2606:4700::1111', '8.8.8.8']) expect(isAddressAllowed(address, { allowPrivate: false, allowed: none })).toBe(true);
    expect(isAddressAllowed('10.1.2.3', { allowPrivate: true, allowed: none })).toBe(true);
    const allowed = allowedNetworks(' 10.1.0.0/16 , ::1/128');
    expect(isAddressAllowed('10.1.2.3', { allowPrivate: false, allowed })).toBe(true);
    expect(isAddressAllowed('10.2.0.1', { allowPrivate: false, allowed })).toBe(false);
    expect(isAddressAllowed('::1', { allowPrivate: false, allowed })).toBe(true);
  });
});
