/*
 * The failure policy: what happens when PostgreSQL or Redis fails, and for how long. One module,
 * three answers:
 *
 * - which failures may pass (transient) and which will not (permanent): `isTransient`;
 * - how long anything waits for an answer: `withDeadline`, the one deadline helper;
 * - how a partition job retries: `retryInPlace`, one loop with one budget per job, whose worst
 *   case is `worstCasePartitionStallMs(config)`, the figure the docs state and the worker logs.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DeadlineExceeded, Failure, RetriesExhausted } from './errors';

// ---------------------------------------------------------------------------------------------
// Classification

/**
 * SQLSTATEs worth retrying: the same transaction may well succeed. Serialization failure,
 * deadlock, lock not available, admin/crash shutdown, cannot connect now, too many connections;
 * and every class 08 (connection exception).
 */
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01', '55P03', '57P01', '57P02', '57P03', '53300']);

/** Codes of a lost, refused or unanswered connection, from Node's sockets, postgres.js or a deadline. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** True when the code names a lost, refused or unanswered connection (to PostgreSQL or Redis). */
export function isConnectionCode(code: string | undefined): boolean {
  return code !== undefined && CONNECTION_CODES.has(code);
}

/**
 * True when the failure may pass: a lost or refused connection, no answer within a deadline, a
 * serialization failure or deadlock, PostgreSQL starting or stopping. The same work, tried again
 * a little later, may succeed. Every other failure is permanent: trying again fails the same way.
 * A typed Failure says which it is; otherwise the code decides, looking through `cause` (drizzle
 * wraps the driver's error).
 */
export function isTransient(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if (current instanceof Failure) return current.transient;
    const code = codeOf(current);
    if (code && (TRANSIENT_SQLSTATES.has(code) || code.startsWith('08') || isConnectionCode(code) || code === DeadlineExceeded.code)) {
      return true;
    }
    if (typeof current !== 'object') break;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Deadlines

export interface DeadlineOptions {
  /** What was waited for, for the error's message. */
  what?: string;
  /** Called once the deadline passed, after the rejection (e.g. to abort or cancel the work). */
  onExpired?: () => void;
  /** The error to reject with instead of DeadlineExceeded. */
  error?: () => unknown;
}

/**
 * Settles like `work`, or rejects with DeadlineExceeded (transient) after `ms`. `work` itself runs
 * on: a Redis command queued while disconnected still goes through once Redis is back, a
 * statement still commits; a late rejection of it is ignored. The one way Onsale bounds a wait.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, options: DeadlineOptions = {}): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(options.error ? options.error() : new DeadlineExceeded(options.what ?? 'waiting', ms));
      options.onExpired?.();
    }, ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------
// Retries

/** The configuration the retry policy reads. */
export interface RetryConfig {
  /** The whole budget of a partition job, from its first attempt: it never holds its partition longer. */
  WORKER_RETRY_BUDGET_MS: number;
  /** The most attempts a job gets while its failures are permanent. */
  JOB_MAX_ATTEMPTS: number;
}

/** After a transient failure: 50 ms, 100 ms, … at most this long before the next attempt. */
export const TRANSIENT_RETRY_MAX_DELAY_MS = 500;
/** After a permanent failure: this long, doubled after each further one, at most PERMANENT_RETRY_MAX_DELAY_MS. */
export const PERMANENT_RETRY_FIRST_DELAY_MS = 100;
export const PERMANENT_RETRY_MAX_DELAY_MS = 2_000;

/**
 * The longest a partition job holds its partition before it is given up (and set aside as a dead
 * letter): its budget, `WORKER_RETRY_BUDGET_MS`. Every attempt, retry pause and narrowing
 * transaction of the job draws on that one budget, and an attempt still running when it runs out
 * is not waited for. `JOB_MAX_ATTEMPTS` only makes a permanent failure give up sooner: after
 * that many attempts and the pauses between them (100 ms, 200 ms, … ≤ 2 s).
 *
 *     worst-case partition stall = WORKER_RETRY_BUDGET_MS
 *
 * (not JOB_MAX_ATTEMPTS × the budget: the attempts share it). Setting the job aside is one Redis
 * write on top, and a worker that dies mid-job is a different case (lock + stalled interval).
 */
export function worstCasePartitionStallMs(config: RetryConfig): number {
  return config.WORKER_RETRY_BUDGET_MS;
}

/** How long a permanent failure holds its partition when it fails every attempt at once: the pauses between attempts. */
export function permanentFailureHoldMs(config: RetryConfig): number {
  let total = 0;
  for (let attempt = 1; attempt < config.JOB_MAX_ATTEMPTS; attempt++) total += pauseAfter(attempt, false);
  return Math.min(total, config.WORKER_RETRY_BUDGET_MS);
}

/** The pause after the `failures`-th failure of a kind. */
function pauseAfter(failures: number, transient: boolean): number {
  return transient
    ? Math.min(TRANSIENT_RETRY_MAX_DELAY_MS, 25 * 2 ** failures)
    : Math.min(PERMANENT_RETRY_MAX_DELAY_MS, PERMANENT_RETRY_FIRST_DELAY_MS * 2 ** (failures - 1));
}

export interface RetryHooks {
  /** Told of each failed attempt that is retried. */
  onRetry?: (error: unknown, attempt: number, transient: boolean) => void;
  /** The clock (tests). */
  now?: () => number;
}

/**
 * Runs `attempt` until it succeeds, in place (a BullMQ retry would re-enter at the tail of the
 * queue and reorder the partition), within one budget: a transient failure is retried while the
 * budget lasts, a permanent one at most `JOB_MAX_ATTEMPTS` times in all. Each attempt is bounded
 * by what is left of the budget. Gives up with RetriesExhausted, whose `cause` is the last failure.
 */
export async function retryInPlace<T>(attempt: (attemptNumber: number) => Promise<T>, config: RetryConfig, hooks: RetryHooks = {}): Promise<T> {
  const now = hooks.now ?? Date.now;
  const startedAt = now();
  const deadline = startedAt + worstCasePartitionStallMs(config);
  let transientFailures = 0;
  let permanentFailures = 0;
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await withDeadline(attempt(attemptNumber), Math.max(0, deadline - now()), { what: `attempt ${attemptNumber} of a partition job` });
    } catch (error) {
      const transient = isTransient(error);
      if (transient) transientFailures++;
      else permanentFailures++;
      const left = deadline - now();
      if (left <= 0 || permanentFailures >= config.JOB_MAX_ATTEMPTS) {
        throw new RetriesExhausted(attemptNumber, new Date(startedAt), error);
      }
      hooks.onRetry?.(error, attemptNumber, transient);
      await sleep(Math.min(left, pauseAfter(transient ? transientFailures : permanentFailures, transient)));
      if (deadline - now() <= 0) throw new RetriesExhausted(attemptNumber, new Date(startedAt), error);
    }
  }
}
