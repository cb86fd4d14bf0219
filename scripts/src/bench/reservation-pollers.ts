import type { Pool } from 'undici';
import { sleep } from './clock';

/*
 * Clients polling their reservations with GET /v1/reservations/:id, as a buyer's page does: each
 * poller asks for its own reservation with its owner's token, revalidates with the last ETag it
 * was given, and waits as long as the answer says (Retry-After) before asking again, until its
 * reservation is decided. Many pollers share one undici Pool: a few connections, each poller an
 * independent schedule. Every answer is logged, with the queue positions each reservation was given.
 */

/** A reservation and its owner's bearer token. */
export interface OwnedReservation {
  id: string;
  token: string;
}

/** The part of the reservation view the pollers read; `queue` only while queued, on an API that gives it. */
interface PolledView {
  status: string;
  queue?: { position?: number };
}

export interface PollAnswer {
  status: number;
  etag: string | undefined;
  /** Seconds, from Retry-After. */
  retryAfter: number | undefined;
  view: PolledView | undefined;
}

/** Retry-After when an answer has none. */
export const DEFAULT_RETRY_AFTER_SECONDS = 2;

export const reservationPath = (reservation: OwnedReservation) => `/v1/reservations/${reservation.id}`;

export function pollHeaders(reservation: OwnedReservation, etag?: string): Record<string, string> {
  return { authorization: `Bearer ${reservation.token}`, ...(etag === undefined ? {} : { 'if-none-match': etag }) };
}

export async function pollOnce(pool: Pool, reservation: OwnedReservation, etag?: string): Promise<PollAnswer> {
  const response = await pool.request({ method: 'GET', path: reservationPath(reservation), headers: pollHeaders(reservation, etag) });
  const text = await response.body.text();
  const header = (name: string) => {
    const value = response.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const retryAfter = header('retry-after');
  return {
    status: response.statusCode,
    etag: header('etag'),
    retryAfter: retryAfter === undefined ? undefined : Number(retryAfter),
    view: response.statusCode === 200 ? (JSON.parse(text) as PolledView) : undefined,
  };
}

/** What the pollers were answered, and whether any reservation's queue position went up. */
export class PollLog {
  polls = 0;
  failed = 0;
  byStatus: Record<string, number> = {};
  /** 200 answers for a queued reservation, and how many of them gave its queue position. */
  queuedAnswers = 0;
  withPosition = 0;
  withRetryAfter = 0;
  /** Answers whose position was above the one the same reservation was given before. */
  positionRises = 0;
  private readonly lastPosition = new Map<string, number>();

  record(id: string, answer: PollAnswer): void {
    this.polls++;
    this.byStatus[answer.status] = (this.byStatus[answer.status] ?? 0) + 1;
    if (answer.retryAfter !== undefined) this.withRetryAfter++;
    if (answer.view?.status !== 'queued') return;
    this.queuedAnswers++;
    const position = answer.view.queue?.position;
    if (position === undefined) return;
    this.withPosition++;
    if (position > (this.lastPosition.get(id) ?? Infinity)) this.positionRises++;
    this.lastPosition.set(id, position);
  }

  share(status: number): number {
    return (this.byStatus[status] ?? 0) / Math.max(1, this.polls);
  }

  summary() {
    const { lastPosition, ...counts } = this;
    return { ...counts, reservationsWithPosition: lastPosition.size, share304: this.share(304) };
  }
}

/** A PollLog's figures, as the bench reports them (and as they cross a process boundary). */
export type PollSummary = ReturnType<PollLog['summary']>;

/**
 * Polls each reservation until it is decided (or `stop`): first at a random moment within
 * `firstWithinMs`, then after `pauseMs(answer's Retry-After)`.
 */
export function startPollers(pool: Pool, reservations: readonly OwnedReservation[], options: { firstWithinMs: number; pauseMs: (retryAfter: number | undefined) => number }) {
  const log = new PollLog();
  let stopped = false;
  let wake: () => void = () => undefined;
  const stopping = new Promise<void>((resolve) => (wake = resolve));
  const pause = (ms: number) => Promise.race([sleep(ms), stopping]);

  const poller = async (reservation: OwnedReservation) => {
    await pause(Math.random() * options.firstWithinMs);
    let etag: string | undefined;
    while (!stopped) {
      let retryAfter: number | undefined;
      try {
        const answer = await pollOnce(pool, reservation, etag);
        log.record(reservation.id, answer);
        if (answer.view && answer.view.status !== 'queued') return;
        etag = answer.etag ?? etag;
        retryAfter = answer.retryAfter;
      } catch {
        log.failed++;
      }
      await pause(options.pauseMs(retryAfter));
    }
  };
  const finished = Promise.all(reservations.map(poller));
  return {
    log,
    /** Resolves once every reservation was seen decided. */
    finished,
    async stop(): Promise<PollLog> {
      stopped = true;
      wake();
      await finished;
      return log;
    },
  };
}
