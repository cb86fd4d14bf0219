import { randomUUID } from 'node:crypto';
import type { Logger } from '@onsale/shared';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { isEventStream } from './sse';

const ROOT_LOG = Symbol('rootLog');
const LOG = Symbol('log');

declare module 'node:http' {
  interface IncomingMessage {
    /** The caller's X-Request-Id when well-formed, otherwise a new one; carried into jobs and logs. */
    id: string;
    /** A logger bound to the request id, made the first time it is used. */
    log: Logger;
    [ROOT_LOG]?: Logger;
    [LOG]?: Logger;
  }
}

/*
 * `req.log` is made when a request first logs, not for every request: most polls log nothing
 * (their line is at debug), and a child logger per request was about 1 % of a poll's CPU.
 * On Express's request prototype, which every request of every app inherits.
 */
Object.defineProperty(express.request, 'log', {
  configurable: true,
  get(this: Request): Logger {
    return (this[LOG] ??= this[ROOT_LOG]!.child({ requestId: this.id }));
  },
  set(this: Request, log: Logger) {
    this[LOG] = log;
  },
});

const REQUEST_ID = /^[\w.:-]{1,100}$/;

const roundMs = (ms: number) => Math.round(ms * 10) / 10;

/**
 * The URL as logged: a browser's EventSource carries its stream token in the query (`?streamToken=`),
 * and a token in the access log would let whoever reads the logs open the stream.
 */
export const loggedUrl = (url: string): string =>
  url.includes('streamToken=') ? url.replace(/([?&]streamToken=)[^&#]*/g, '$1[redacted]') : url;

const MESSAGE = { debug: 'request completed', info: 'request completed', warn: 'request aborted', error: 'request failed' } as const;

/**
 * An event stream ends when its client goes away (a tab closed, an EventSource reconnecting):
 * that is how streams end, logged at info; only a stream that failed with an error is a warning.
 */
const closedByClient = (res: Response) => !res.writableFinished && !res.errored && isEventStream(res);

/** Successes logged every one each second before sampling starts: a quiet API logs every request. */
const SUCCESSES_LOGGED_PER_SECOND = 50;

/**
 * Under load, logs one successful request in `oneIn` (LOG_SUCCESS_SAMPLE, a share of 1/oneIn):
 * under a rush of thousands of buys a second, a line per 202 is a fifth of what the API spends on
 * one (docs/benchmarks.md#cost-per-ticket) and tells nothing the metrics do not. The first
 * `everyUpTo` successes of each second are all logged, so a quiet API logs every request. Every
 * other line is always kept: every 4xx and 5xx, every aborted request, every stream. Counted, not
 * drawn at random, so that exactly one in `oneIn` past the first is kept; each such line carries
 * `sampledOneIn`: counting it that many times gives the number of successes.
 */
export class SuccessSampling {
  readonly oneIn: number;
  private second = 0;
  private loggedThisSecond = 0;
  private seen = 0;

  constructor(
    share: number,
    private readonly everyUpTo = SUCCESSES_LOGGED_PER_SECOND,
    /** Milliseconds; a test's own clock. */
    private readonly clock: () => number = Date.now,
  ) {
    if (!(share > 0 && share <= 1)) throw new RangeError(`the share of successes logged must be in (0, 1], not ${share}`);
    this.oneIn = Math.round(1 / share);
  }

  /** Whether this success is logged: 1 every one (below the second's first `everyUpTo`), `oneIn` when sampled, 0 not logged. */
  weight(): number {
    const second = Math.floor(this.clock() / 1000);
    if (second !== this.second) {
      this.second = second;
      this.loggedThisSecond = 0;
    }
    if (this.loggedThisSecond < this.everyUpTo) {
      this.loggedThisSecond += 1;
      return 1;
    }
    const kept = this.seen % this.oneIn === 0;
    this.seen = (this.seen + 1) % this.oneIn;
    return kept ? this.oneIn : 0;
  }
}

function levelOf(res: Response): keyof typeof MESSAGE {
  if (!res.writableFinished) return 'warn';
  if (res.statusCode >= 500) return 'error';
  // A poll answered is not an event worth a line: pollers outnumber buyers many times over.
  return res.locals.polled && res.statusCode < 400 ? 'debug' : 'info';
}

/**
 * Gives each request its id and logger, and logs one line when its response is finished (or
 * the client went away first). Not pino-http: its per-request serializers and listeners cost
 * more than the line is worth on the hot path (docs/benchmarks.md#measurements-behind-the-code).
 */
export function requestLog(logger: Logger, sampling?: SuccessSampling): RequestHandler {
  return (req, res, next) => {
    logRequest(logger, req, res, sampling);
    next();
  };
}

/** A success logged at info, the line `sampling` thins out. */
const isSampled = (level: keyof typeof MESSAGE, res: Response) => level === 'info' && res.statusCode < 400;

/** The request's id and logger, and its one line when the response is finished (the lean routes call it directly). */
export function logRequest(logger: Logger, req: Request, res: Response, sampling?: SuccessSampling): void {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  req.id = id;
  req[ROOT_LOG] = logger;
  const startedAt = performance.now();
  res.once('close', () => {
    const streamClosed = closedByClient(res);
    const level = streamClosed ? 'info' : levelOf(res);
    if (!logger.isLevelEnabled(level)) return;
    const weight = sampling !== undefined && sampling.oneIn > 1 && !streamClosed && isSampled(level, res) ? sampling.weight() : 1;
    if (weight === 0) return;
    const line = { method: req.method, url: loggedUrl(req.originalUrl), status: res.statusCode, ms: roundMs(performance.now() - startedAt) };
    if (weight > 1) Object.assign(line, { sampledOneIn: weight });
    if (res.errored) Object.assign(line, { err: res.errored });
    const message = streamClosed ? 'event stream closed by the client' : MESSAGE[level];
    // The same JSON as through `req.log`, without making a child logger for this one line when the
    // request logged nothing else (a buy's child logger was ~1 % of the API's CPU).
    const log = req[LOG];
    if (log) log[level](line, message);
    else logger[level]({ requestId: id, ...line }, message);
  });
}
