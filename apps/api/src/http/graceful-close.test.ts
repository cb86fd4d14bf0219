import { request as httpRequest } from 'node:http';
import express from 'express';
import { listen, type ListeningServer } from '../server';
import { openEventStream, writeToStream } from './sse';

/*
 * The API's graceful close on a small app of its own: a slow route stands for a request waiting
 * in the write batcher, a stream for the SSE routes.
 */

let release: (() => void) | undefined;

function slowApp() {
  const app = express();
  app.get('/slow', async (_req, res) => {
    await new Promise<void>((resolve) => (release = resolve));
    res.json({ answered: true });
  });
  app.get('/stream', (_req, res) => {
    openEventStream(res);
    writeToStream(res, 'event: hello\ndata: {}\n\n');
    const heartbeat = setInterval(() => writeToStream(res, ': keep-alive\n\n'), 5);
    res.on('close', () => clearInterval(heartbeat));
  });
  app.get('/fast', (_req, res) => {
    res.json({ fast: true });
  });
  return app;
}

/** One GET on its own connection; resolves with the status, the whole body and the Connection header. */
function get(port: number, path: string, agent?: import('node:http').Agent) {
  return new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body, connection: res.headers.connection }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

let server: ListeningServer;

beforeEach(async () => {
  release = undefined;
  server = await listen(slowApp(), 0);
});

afterEach(async () => {
  release?.();
  if (server.server.listening) await server.drain(0);
});

it('answers the request in flight, ends streams cleanly, closes idle keep-alive connections and refuses new ones', async () => {
  const keepAlive = new (await import('node:http')).Agent({ keepAlive: true });
  expect((await get(server.port, '/fast', keepAlive)).status).toBe(200); // leaves an idle kept-alive connection
  const slow = get(server.port, '/slow');
  const stream = get(server.port, '/stream');
  await until(() => release !== undefined);

  const drained = server.drain(10_000);
  await new Promise((resolve) => setTimeout(resolve, 100));
  // Refused, or reset if it raced the listener's close: either way not served.
  const refused = await get(server.port, '/fast').then(
    () => 'served',
    (error: NodeJS.ErrnoException) => error.code,
  );
  expect(['ECONNREFUSED', 'ECONNRESET']).toContain(refused);
  // The stream ended with its terminating chunk: the body is complete, no socket error.
  const streamed = await stream;
  expect(streamed.status).toBe(200);
  expect(streamed.body).toContain('event: hello');

  release!();
  const answered = await slow;
  expect(answered).toEqual({ status: 200, body: JSON.stringify({ answered: true }), connection: 'close' });
  const result = await drained;
  expect(result.forced).toBe(0);
  expect(server.server.listening).toBe(false);
  keepAlive.destroy();
});

it('closes a request still unanswered when the grace period runs out, and says so', async () => {
  const slow = get(server.port, '/slow');
  await until(() => release !== undefined);
  const result = await server.drain(200);
  expect(result.forced).toBe(1);
  expect(result.ms).toBeGreaterThanOrEqual(190);
  await expect(slow).rejects.toMatchObject({ code: 'ECONNRESET' });
});

it('resolves at once when nothing is in flight', async () => {
  const result = await server.drain(10_000);
  expect(result).toMatchObject({ forced: 0 });
  expect(result.ms).toBeLessThan(5_000); // not the 10 s grace
});
