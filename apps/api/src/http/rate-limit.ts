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

/** Monitoring must see the API however busy a client address is. */
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz']);

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

  /**
   * Counts one request of `key` and adds this policy to the response's rate-limit headers;
   * throws RateLimited (429, Retry-After) once the key is over its quota.
   */
  async consume(key: string, res: Response): Promise<void> {
    const outcome = await this.count(key);
    if (!outcome) return;
    const { state, remaining } = outcome;
    const resetSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    res.append('RateLimit-Policy', `"${this.name}";q=${this.quota};w=${this.windowSeconds}`);
    res.append('RateLimit', `"${this.name}";r=${remaining};t=${resetSeconds}`);
    if (outcome.refused) {
      throw new RateLimited(
        `More than ${this.quota} requests in ${this.windowSeconds} s (${this.name}); retry in ${resetSeconds} s.`,
        resetSeconds,
        { policy: this.name },
      );
    }
  }

  private async count(key: string): Promise<{ state: RateLimiterRes; remaining: number; refused: boolean } | undefined> {
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

  /** Express middleware: every request of a client address counts, before anything else is done for it. */
  readonly byClientAddress: RequestHandler = async (req, res, next) => {
    if (UNLIMITED_PATHS.has(req.path)) return next();
    await this.perIp.consume(req.ip ?? req.socket.remoteAddress ?? 'unknown', res);
    next();
  };

  /**
   * Counts an authenticated request against its customer's limit: writes (POST, PATCH) and reads
   * apart. Admins, the operators, are limited by address only.
   */
  async byCustomer(req: Request, res: Response, principal: Principal): Promise<void> {
    if (principal.role === 'admin') return;
    const policy = req.method === 'GET' || req.method === 'HEAD' ? this.customerReads : this.customerWrites;
    await policy.consume(principal.sub, res);
  }
}
