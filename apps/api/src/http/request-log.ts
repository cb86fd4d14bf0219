import { randomUUID } from 'node:crypto';
import type { Logger } from '@onsale/shared';
import type { Request, RequestHandler, Response } from 'express';

declare module 'node:http' {
  interface IncomingMessage {
    /** The caller's X-Request-Id when well-formed, otherwise a new one; carried into jobs and logs. */
    id: string;
    /** A logger bound to the request id. */
    log: Logger;
  }
}

const REQUEST_ID = /^[\w.:-]{1,100}$/;

const roundMs = (ms: number) => Math.round(ms * 10) / 10;

const MESSAGE = { debug: 'request completed', info: 'request completed', warn: 'request aborted', error: 'request failed' } as const;

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
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    logRequest(logger, req, res);
    next();
  };
}

/** The request's id and logger, and its one line when the response is finished (the lean routes call it directly). */
export function logRequest(logger: Logger, req: Request, res: Response): void {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  req.id = id;
  req.log = logger.child({ requestId: id });
  const startedAt = performance.now();
  res.once('close', () => {
    const level = levelOf(res);
    if (!logger.isLevelEnabled(level)) return;
    const line = { method: req.method, url: req.originalUrl, status: res.statusCode, ms: roundMs(performance.now() - startedAt) };
    req.log[level](line, MESSAGE[level]);
  });
}
