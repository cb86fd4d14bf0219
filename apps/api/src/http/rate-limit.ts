import type { RedisConnection } from '@onsale/queue';
import { RateLimited, type Logger, type Principal } from '@onsale/shared';
import type { Request, RequestHandler, Response } from 'express';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitSettings {
  windowSeconds: number;
  customerWrites: number;
  customerReads: number;
  perIp: number;
}

/** How long a limiter waits for Redis before it counts the request in this process's memory instead. */
const REDIS_WAIT_MS = 2_000;

declare module 'node:http' {
  interface IncomingMessage {
    /** The client address's rate-limit count, sent when the request came in (none for unlimited paths). */
    addressCounted?: Promise<Count | undefined>;
  }
}

/** Monitoring must see the API however busy a client address is. */
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz']);

/** One counted request: the limiter's state after it, and whether it was over the quota. */
interface Count {
  state: RateLimiterRes;
  remaining: number;
  refused: boolean;
}

/**
 * One named limit, counted in Redis so every API instance shares it: `quota` requests per
 * window per key. While Redis is unreachable or too slow, each instance counts on its own (the
 * library's insurance limiter) rather than refuse everyone or hold requests up.
 */
class Policy {
  private readonly limiter: RateLimiterRedis;
  private readonly local: RateLimiterMemory;

  constructor(
    /** The policy's name in the `RateLimit` and `RateLimit-Policy` headers. */
    readonly name: string,
    readonly quota: number,
    readonly windowSeconds: number,
    redis: RedisConnection,
    keyPrefix: string,
    private readonly logger: Logger,
  ) {
    this.local = new RateLimiterMemory({ points: quota, duration: windowSeconds });
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:rate-limit:${name}`,
      points: quota,
      duration: windowSeconds,
      rejectIfRedisNotReady: true,
      insuranceLimiter: this.local,
    });
  }

  /** Adds this policy to the response's rate-limit headers; the refusal (429, Retry-After) once `key` is over its quota. */
  admit(outcome: Count | undefined, res: Response): RateLimited | undefined {
    if (!outcome) return undefined;
    const { state, remaining } = outcome;
    const resetSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    res.append('RateLimit-Policy', `"${this.name}";q=${this.quota};w=${this.windowSeconds}`);
    res.append('RateLimit', `"${this.name}";r=${remaining};t=${resetSeconds}`);
    if (!outcome.refused) return undefined;
    return new RateLimited(
      `More than ${this.quota} requests in ${this.windowSeconds} s (${this.name}); retry in ${resetSeconds} s.`,
      resetSeconds,
      { policy: this.name },
    );
  }

  /** Gives back a request counted for a request refused by another limit. */
  async uncount(key: string): Promise<void> {
    await this.limiter.reward(key, 1).catch(() => undefined);
  }

  /**
   * Counts one request of `key`. Resolves, never rejects, to the count (undefined when it could
   * not be made): started at once, it is answered by `admit` when the request needs it.
   */
  async counted(key: string): Promise<Count | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), REDIS_WAIT_MS)));
    try {
      let state = await Promise.race([this.limiter.consume(key), slow]);
      if (state === 'slow') {
        this.logger.warn({ policy: this.name }, 'rate limiter: Redis too slow; counted in this process');
        state = await this.local.consume(key);
      }
      return { state, remaining: state.remainingPoints, refused: false };
    } catch (error) {
      if (error instanceof RateLimiterRes) return { state: error, remaining: 0, refused: true };
      this.logger.warn({ err: error, policy: this.name }, 'rate limiter failed; request let through');
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Onsale's rate limits, shared by every API instance through Redis: every request per client
 * address, and authenticated requests per customer, writes and reads counted apart (polling a
 * reservation must not use up the requests that buy). Answers carry the IETF draft's `RateLimit`
 * and `RateLimit-Policy` headers; a refusal is a 429 problem with `Retry-After`.
 */
export class RateLimits {
  private readonly perIp: Policy;
  private readonly customerWrites: Policy;
  private readonly customerReads: Policy;

  constructor(settings: RateLimitSettings, deps: { redis: RedisConnection; keyPrefix: string; logger: Logger }) {
    const policy = (name: string, quota: number) => new Policy(name, quota, settings.windowSeconds, deps.redis, deps.keyPrefix, deps.logger);
    this.perIp = policy('ip', settings.perIp);
    this.customerWrites = policy('customer-writes', settings.customerWrites);
    this.customerReads = policy('customer-reads', settings.customerReads);
  }

  /**
   * Express middleware: every request of a client address counts, before anything else is done
   * for it. The count is sent here and answered later (`admit`, `admitUnrouted`): a route's
   * customer count goes out in the same Redis write and both come back in one round trip.
   */
  readonly byClientAddress: RequestHandler = (req, _res, next) => {
    if (!UNLIMITED_PATHS.has(req.path)) req.addressCounted = this.perIp.counted(req.ip ?? req.socket.remoteAddress ?? 'unknown');
    next();
  };

  /**
   * A route's admission, once its caller is authenticated (or failed to be): the client
   * address's count, then for a customer (not an admin, the operators, limited by address only)
   * the customer's, writes (POST, PATCH) and reads counted apart. Throws RateLimited for the first
   * limit the request is over; refused by its address, it is not left counted against its customer.
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

  /** Starts counting a customer's request, writes and reads apart; `giveBack` undoes the count. */
  private countCustomer(req: Request, sub: string) {
    const policy = req.method === 'GET' || req.method === 'HEAD' ? this.customerReads : this.customerWrites;
    const counted = policy.counted(sub);
    const giveBack = async () => {
      const count = await counted;
      if (count && !count.refused) await policy.uncount(sub);
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
