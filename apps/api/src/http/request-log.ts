import { randomUUID } from 'node:crypto';
import type { Logger } from '@onsale/shared';
import type { RequestHandler } from 'express';

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

/**
 * Gives each request its id and logger, and logs one line when its response is finished (or
 * the client went away first). Not pino-http: its per-request serializers and listeners cost
 * more than the line is worth on the hot path (docs/benchmarks.md#measurements-behind-the-code).
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', id);
    req.id = id;
    req.log = logger.child({ requestId: id });
    const startedAt = performance.now();
    res.once('close', () => {
      const line = { method: req.method, url: req.originalUrl, status: res.statusCode, ms: roundMs(performance.now() - startedAt) };
      if (!res.writableFinished) req.log.warn(line, 'request aborted');
      else if (res.statusCode >= 500) req.log.error(line, 'request failed');
      // A poll answered is not an event worth a line: pollers outnumber buyers many times over.
      else if (res.locals.polled && res.statusCode < 400) req.log.debug(line, 'request completed');
      else req.log.info(line, 'request completed');
    });
    next();
  };
}
