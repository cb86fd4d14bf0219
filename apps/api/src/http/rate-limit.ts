/*
 * Rate limits, counted two ways (docs/guarantees.md#rate-limits):
 *
 * - Writes (every method but GET and HEAD) are counted in Redis, one atomic script per request,
 *   a count every API instance shares: exactly the quota is served. With `writesCountedHere`
 *   (RATE_LIMIT_WRITES_COUNTED_HERE, on as Onsale ships) they are counted as reads are, below,
 *   within the same bound: the buy path then makes no Redis round trip for its limits.
 * - Reads (GET, HEAD: a poller's `GET /v1/reservations/:id` every two seconds) are counted in
 *   this process's memory, with no Redis round trip. Every `reconcileMs` each instance sends, in
 *   one pipelined write per policy, what it counted since its last exchange for each key, added
 *   to the same Redis counter the writes use, and reads back the cluster-wide total; it admits a
 *   read while that total plus what it counted since is under the quota.
 *
 * What a key is served over its quota `Q` in a window, across `N` API instances reconciling every
 * `I` seconds (Redis answering in `RTT`), for a key sending `R` requests per second in all:
 *
 *     overshoot <= min((N - 1) * Q, (N - 1) + 2 * R * (I + RTT))
 *
 * Each instance counts every read it admits, so none admits more than Q in a window: at most
 * N * Q in all, whatever Redis does (down or slow, each instance is on its own). Once the
 * cluster's count has reached Q, every count made before is in Redis within I + RTT, and an
 * instance admits again only until its next exchange, which follows any read it admits within
 * I + RTT: each other instance is served over the quota what it receives in the I + RTT after the
 * crossing, then its next read and what it receives in the I + RTT after that. With one instance
 * there is none.
 */
import type { RedisConnection } from '@onsale/queue';
import { DeadlineExceeded, RateLimited, withDeadline, type Logger, type Principal } from '@onsale/shared';
import type { Request, RequestHandler, Response } from 'express';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitSettings {
  windowSeconds: number;
  customerWrites: number;
  customerReads: number;
  perIp: number;
  /** How often reads counted in this process are added to Redis and the totals read back (ms). */
  reconcileMs: number;
  /** Writes counted in this process's memory too, reconciled as reads are (within the bound above); default: in Redis, exactly. */
  writesCountedHere?: boolean;
}

/** How long a request waits for Redis before it is counted in this process's memory instead. */
const REDIS_WAIT_MS = 2_000;

/**
 * The most keys one policy counts in memory at once (some 150 bytes each). Past it, a read of a
 * key not yet counted here is counted in Redis, as a write is: memory stays bounded, however many
 * addresses a flood comes from.
 */
const MAX_KEYS_COUNTED_HERE = 250_000;

declare module 'node:http' {
  interface IncomingMessage {
    /** The client address's rate-limit count, made when the request came in (none for unlimited paths). */
    addressCounted?: Promise<Count | undefined>;
  }
}

/** Monitoring must see the API however busy a client address is. */
export const UNLIMITED_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

const isRead = (req: Request) => req.method === 'GET' || req.method === 'HEAD';

/** One counted request: what is left of the quota after it, when the window ends, and whether it was over the quota. */
interface Count {
  remaining: number;
  msBeforeNext: number;
  refused: boolean;
  /** Counted in this process's memory (a read, or a write while Redis is away), not in Redis. */
  here: boolean;
}

/** A key's count in this process for its current window. */
interface LocalCount {
  /** The cluster-wide count Redis answered at this process's latest exchange for the key. */
  shared: number;
  /** Counted here and not yet sent; below zero after giving back a count already sent. */
  unsent: number;
  /** Sent and not yet answered. */
  sending: number;
  /** When the window ends (ms since the epoch): from Redis's TTL of the key once it answered, else a window from the first count here. */
  windowEndsAt: number;
}

/**
 * One named limit, `quota` requests per window per key, shared by every API instance through one
 * Redis counter per key and window (rate-limiter-flexible's, so that reads and writes of a key
 * count against the same quota). While Redis is unreachable or too slow, each instance counts on
 * its own rather than refuse everyone or hold requests up.
 */
class Policy {
  private readonly limiter: RateLimiterRedis;
  /** The policy's `RateLimit-Policy` item, the same on every answer. */
  private readonly policyHeader: string;
  private readonly counts = new Map<string, LocalCount>();
  private readonly windowMs: number;
  private reconciling?: NodeJS.Timeout;
  /** Whether the latest exchange with Redis failed: its failure is logged once, not every interval. */
  private failing = false;

  constructor(
    /** The policy's name in the `RateLimit` and `RateLimit-Policy` headers. */
    readonly name: string,
    readonly quota: number,
    readonly windowSeconds: number,
    redis: RedisConnection,
    keyPrefix: string,
    private readonly logger: Logger,
    private readonly reconcileMs: number,
    /** Writes counted in memory as reads are, not in Redis one by one. */
    private readonly writesCountedHere = false,
  ) {
    this.windowMs = windowSeconds * 1000;
    this.policyHeader = `"${name}";q=${quota};w=${windowSeconds}`;
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:rate-limit:${name}`,
      points: quota,
      duration: windowSeconds,
      rejectIfRedisNotReady: true,
    });
  }

  /** Adds this policy to the response's rate-limit headers; the refusal (429, Retry-After) once the key is over its quota. */
  admit(outcome: Count | undefined, res: Response): RateLimited | undefined {
    if (!outcome) return undefined;
    const resetSeconds = Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
    // Node's own appendHeader: the same header lines as Express's `res.append`, without reading back and copying the values.
    res.appendHeader('RateLimit-Policy', this.policyHeader);
    res.appendHeader('RateLimit', `"${this.name}";r=${outcome.remaining};t=${resetSeconds}`);
    if (!outcome.refused) return undefined;
    return new RateLimited(
      `More than ${this.quota} requests in ${this.windowSeconds} s (${this.name}); retry in ${resetSeconds} s.`,
      resetSeconds,
      { policy: this.name },
    );
  }

  /**
   * Counts one request of `key`: a read in this process's memory, a write in Redis (in memory
   * too with `writesCountedHere`). Resolves, never rejects, to the count (undefined when it could
   * not be made): started at once, it is answered by `admit` when the request needs it.
   */
  count(key: string, read: boolean): Promise<Count | undefined> {
    const counted = read || this.writesCountedHere ? this.countHere(key) : undefined;
    return counted ? Promise.resolve(counted) : this.countInRedis(key);
  }

  /** Gives back a count, for a request refused by another limit. */
  async uncount(key: string, count: Count): Promise<void> {
    const local = this.counts.get(key);
    if (count.here) {
      if (local) local.unsent -= 1;
      return;
    }
    await this.limiter.reward(key, 1).catch(() => undefined);
  }

  /** Sends what was counted here since the last exchange, key by key, and reads back each key's total. */
  async reconcile(): Promise<void> {
    const now = Date.now();
    const exchanges: Promise<void>[] = [];
    for (const [key, local] of this.counts) {
      if (local.sending !== 0) continue;
      if (now >= local.windowEndsAt) {
        // The window is over: what it counted no longer matters anywhere.
        this.counts.delete(key);
        continue;
      }
      if (local.unsent === 0) continue;
      const sent = local.unsent;
      local.unsent = 0;
      local.sending = sent;
      // One command per key, not a MULTI: on a Redis Cluster its keys are in different slots.
      // Sent in the same tick, they leave in one write (the connection pipelines automatically).
      const exchange = sent > 0 ? this.limiter.penalty(key, sent) : this.limiter.reward(key, -sent);
      exchanges.push(exchange.then((state) => this.answered(key, sent, state), (error: unknown) => this.unanswered(key, sent, error)));
    }
    if (this.counts.size === 0) this.stopReconciling();
    await Promise.all(exchanges);
  }

  stopReconciling(): void {
    clearInterval(this.reconciling);
    this.reconciling = undefined;
  }

  /** Counts one request of `key` in memory against what Redis last said; undefined when too many keys are counted here already. */
  private countHere(key: string): Count | undefined {
    const now = Date.now();
    const local = this.localCount(key, now);
    if (!local) return undefined;
    if (now >= local.windowEndsAt) {
      local.shared = 0;
      local.unsent = 0;
      local.windowEndsAt = now + this.windowMs;
    }
    const used = local.shared + local.sending + local.unsent;
    const msBeforeNext = local.windowEndsAt - now;
    // A refused read is not counted: it is refused here, at no cost to anyone.
    if (used >= this.quota) return { remaining: 0, msBeforeNext, refused: true, here: true };
    local.unsent += 1;
    return { remaining: this.quota - used - 1, msBeforeNext, refused: false, here: true };
  }

  /** The key's count in this process, a new one if there is room. */
  private localCount(key: string, now: number): LocalCount | undefined {
    const local = this.counts.get(key);
    if (local) return local;
    if (this.counts.size >= MAX_KEYS_COUNTED_HERE) return undefined;
    const created = { shared: 0, unsent: 0, sending: 0, windowEndsAt: now + this.windowMs };
    this.counts.set(key, created);
    this.reconciling ??= setInterval(() => void this.reconcile(), this.reconcileMs).unref();
    return created;
  }

  /**
   * Counts one request of `key` in Redis, with this process's reads of the key not yet sent: the
   * request is judged on the exact total. In memory instead when Redis fails or is too slow.
   */
  private async countInRedis(key: string): Promise<Count | undefined> {
    const local = this.counts.get(key);
    const carried = local && local.unsent > 0 ? local.unsent : 0;
    if (local) {
      local.unsent -= carried;
      local.sending += carried;
    }
    const consumed = this.limiter.consume(key, 1 + carried);
    // The answer, refusal or not, is also this process's latest word on the key, for its reads.
    void consumed.then(
      (state) => this.answered(key, carried, state),
      (error: unknown) => (error instanceof RateLimiterRes ? this.answered(key, carried, error) : this.unanswered(key, carried, error)),
    );
    try {
      const state = await withDeadline(consumed, REDIS_WAIT_MS, { what: 'rate limiter: counting in Redis' });
      return { remaining: state.remainingPoints, msBeforeNext: state.msBeforeNext, refused: false, here: false };
    } catch (error) {
      if (error instanceof RateLimiterRes) return { remaining: 0, msBeforeNext: error.msBeforeNext, refused: true, here: false };
      if (error instanceof DeadlineExceeded) this.logger.warn({ policy: this.name }, 'rate limiter: Redis too slow; counted in this process');
      else this.logger.warn({ err: error, policy: this.name }, 'rate limiter: Redis failed; counted in this process');
    }
    return this.countHere(key);
  }

  /** Redis's answer to an exchange that sent `sent` of this process's counts: the key's cluster-wide total, and its window. */
  private answered(key: string, sent: number, state: RateLimiterRes): void {
    const now = Date.now();
    const local = this.localCount(key, now);
    if (!local) return;
    local.sending -= sent;
    local.shared = state.consumedPoints;
    local.windowEndsAt = now + state.msBeforeNext;
    this.failing = false;
  }

  /** No answer: the counts are sent again at the next exchange, and count here until then. */
  private unanswered(key: string, sent: number, error: unknown): void {
    const local = this.counts.get(key);
    if (local && sent !== 0) {
      local.sending -= sent;
      local.unsent += sent;
    }
    if (!this.failing) this.logger.warn({ err: error, policy: this.name }, 'rate limiter: Redis failed; reads counted in this process until it answers');
    this.failing = true;
  }
}

/**
 * Onsale's rate limits, shared by every API instance through Redis: every request per client
 * address, and authenticated requests per customer, writes and reads counted apart (polling a
 * reservation must not use up the requests that buy). Answers carry the IETF draft's `RateLimit`
 * and `RateLimit-Policy` headers; a refusal is a 429 problem with `Retry-After`. Reads (and
 * writes, with `writesCountedHere`) are counted in memory and reconciled with Redis every
 * `reconcileMs` (see the top of this file).
 */
export class RateLimits {
  private readonly perIp: Policy;
  private readonly customerWrites: Policy;
  private readonly customerReads: Policy;

  constructor(settings: RateLimitSettings, deps: { redis: RedisConnection; keyPrefix: string; logger: Logger }) {
    const policy = (name: string, quota: number) =>
      new Policy(name, quota, settings.windowSeconds, deps.redis, deps.keyPrefix, deps.logger, settings.reconcileMs, settings.writesCountedHere);
    this.perIp = policy('ip', settings.perIp);
    this.customerWrites = policy('customer-writes', settings.customerWrites);
    this.customerReads = policy('customer-reads', settings.customerReads);
  }

  /**
   * Every request of a client address counts, before anything else is done for it (the route
   * table runs it before any route, lean or routed). The count is made here and answered later (`admit`, `admitUnrouted`): a write's
   * customer count goes to Redis in the same write as its address's, and both come back in one
   * round trip; a read's are counted in memory.
   */
  readonly countAddress = (req: Request): void => {
    if (!UNLIMITED_PATHS.has(req.path)) req.addressCounted = this.perIp.count(req.ip ?? req.socket.remoteAddress ?? 'unknown', isRead(req));
  };

  /**
   * A route's admission, once its caller is authenticated (or failed to be): the client
   * address's count, then for a customer (not an admin, the operators, limited by address only)
   * the customer's, writes and reads counted apart. Throws RateLimited for the first limit the
   * request is over; refused by its address, it is not left counted against its customer.
   */
  async admit(req: Request, res: Response, principal: Principal | undefined): Promise<void> {
    const customer = principal?.role === 'customer' ? this.countCustomer(req, principal.sub) : undefined;
    const addressRefusal = this.perIp.admit(await req.addressCounted, res);
    if (addressRefusal) {
      void customer?.giveBack();
      throw addressRefusal;
    }
    const customerRefusal = customer && customer.policy.admit(await customer.counted, res);
    if (customerRefusal) throw customerRefusal;
  }

  /** Adds every read counted in this process to Redis now, and reads back the totals (tests; otherwise every `reconcileMs`). */
  async reconcile(): Promise<void> {
    await Promise.all([this.perIp, this.customerWrites, this.customerReads].map((policy) => policy.reconcile()));
  }

  /** Stops the periodic reconciliation (it also stops by itself once nothing is counted in memory). */
  stop(): void {
    for (const policy of [this.perIp, this.customerWrites, this.customerReads]) policy.stopReconciling();
  }

  /** Starts counting a customer's request, writes and reads apart; `giveBack` undoes the count. */
  private countCustomer(req: Request, sub: string) {
    const read = isRead(req);
    const policy = read ? this.customerReads : this.customerWrites;
    const counted = policy.count(sub, read);
    const giveBack = async () => {
      const count = await counted;
      if (count && !count.refused) await policy.uncount(sub, count);
    };
    return { policy, counted, giveBack };
  }

  /** Express middleware after the routes: a request no route answered waits for its address's count. */
  readonly admitUnrouted: RequestHandler = async (req, res, next) => {
    const refusal = this.perIp.admit(await req.addressCounted, res);
    if (refusal) throw refusal;
    next();
  };
}
