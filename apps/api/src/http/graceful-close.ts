import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isEventStream } from './sse';

/** How often a draining server looks for connections gone idle and streams opened meanwhile. */
const DRAIN_SWEEP_MS = 50;

export interface DrainResult {
  /** Requests still unanswered when the grace period ran out; their connections were closed. */
  forced: number;
  /** How long the drain took. */
  ms: number;
}

/**
 * Graceful close for an HTTP server: stop accepting connections, answer every request in flight,
 * end event streams (their clients reconnect, to another instance), close keep-alive connections
 * as they go idle, and close whatever is still open once `graceMs` has passed.
 *
 * Closing every connection at once would cut off requests whose INSERT may already have
 * committed: the client would get no 202 for a request that is recorded.
 */
export function drainableServer(server: Server): { drain(graceMs: number): Promise<DrainResult> } {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  let onIdle: (() => void) | undefined;

  // First among the listeners, so that the header is set before any handler answers.
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (inFlight.size === 0) onIdle?.();
    });
    // A request that came on a kept-alive connection: answered, and its connection closed after.
    if (draining) res.setHeader('Connection', 'close');
  });

  const wrapUp = () => {
    for (const res of inFlight) {
      if (isEventStream(res)) res.end();
      else if (!res.headersSent) res.setHeader('Connection', 'close');
    }
    server.closeIdleConnections();
  };

  return {
    async drain(graceMs) {
      const startedAt = Date.now();
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      wrapUp();
      const sweep = setInterval(wrapUp, DRAIN_SWEEP_MS);
      const idle = new Promise<void>((resolve) => {
        onIdle = resolve;
        if (inFlight.size === 0) resolve();
      });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([idle, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      clearInterval(sweep);
      const forced = inFlight.size;
      server.closeAllConnections();
      await closed;
      return { forced, ms: Date.now() - startedAt };
    },
  };
}
