import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** What Node's HTTP parser refuses before any route runs, as the problem a client gets. */
function problemFor(error: NodeJS.ErrnoException): { status: number; title: string; detail: string } {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, title: 'Request header fields too large', detail: 'The request headers are too large.' };
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, title: 'Request timeout', detail: 'The request was not received in time.' };
  }
  return { status: 400, title: 'Bad request', detail: 'The request is not valid HTTP.' };
}

/**
 * Answers requests Node's HTTP parser refuses (malformed, oversized headers, too slow) with an
 * RFC 9457 problem like every other error, instead of Node's bare text, and closes the
 * connection: after a parse error nothing more on it can be trusted.
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const { status, title, detail } = problemFor(error);
    const body = JSON.stringify({ type: `urn:onsale:problem:http`, title, status, detail });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/**
 * Slow clients cannot hold a connection for long: the headers must arrive within 10 s and the
 * whole request within 30 s (Node's defaults are 60 s and 300 s). Responses are not limited,
 * so SSE streams stay open.
 */
export function limitSlowClients(server: Server): void {
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
}
