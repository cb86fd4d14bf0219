/** The access log's one line per request, captured from a real pino logger in front of a small Express app. */
import { once } from 'node:events';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@onsale/shared';
import express from 'express';
import { requestLog, SuccessSampling } from './request-log';
import { openEventStream, writeToStream } from './sse';

interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  url?: string;
  status?: number;
  err?: unknown;
}

/** What the request log asks of its logger, recording each line with its child's bindings as pino writes them. */
const lines: LogLine[] = [];
function recorder(bindings: object): Logger {
  const record = (level: LogLine['level']) => (fields: object, msg: string) => void lines.push({ level, msg, ...bindings, ...fields });
  return {
    isLevelEnabled: () => true,
    child: (more: object) => recorder({ ...bindings, ...more }),
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  } as unknown as Logger;
}
const logger = recorder({});

let server: Server;
let port: number;

beforeAll(async () => {
  const app = express();
  app.use(requestLog(logger));
  app.get('/v1/reservations/:id/events', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/stream', (_req, res) => {
    openEventStream(res);
    writeToStream(res, ': open\n\n');
  });
  app.get('/failing-stream', (_req, res) => {
    openEventStream(res);
    writeToStream(res, ': open\n\n');
    setTimeout(() => res.destroy(new Error('the stream broke')), 20);
  });
  app.get('/never-answered', () => undefined);
  app.get('/quiet', (_req, res) => {
    res.json({});
  });
  app.get('/chatty', (req, res) => {
    req.log.info({ step: 1 }, 'working on it');
    res.json({});
  });
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.close();
  await once(server, 'close');
});

beforeEach(() => {
  lines.length = 0;
});

/** Waits until a request's line is logged. */
async function lineFor(path: string): Promise<LogLine> {
  for (let waited = 0; waited < 2_000; waited += 10) {
    const line = lines.find((entry) => entry.msg.startsWith('request') || entry.msg.startsWith('event stream'));
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no log line for ${path}`);
}

async function get(path: string): Promise<void> {
  const req = request({ host: '127.0.0.1', port, path });
  req.end();
  const [res] = (await once(req, 'response')) as [NodeJS.ReadableStream];
  res.resume();
  await once(res, 'end');
}

describe('request log', () => {
  it.each([
    ['alone', '/v1/reservations/r1/events?streamToken=eyJhbGciOi.secret.part', '/v1/reservations/r1/events?streamToken=[redacted]'],
    ['among other parameters', '/v1/reservations/r1/events?a=1&streamToken=abc.def&b=2#x', '/v1/reservations/r1/events?a=1&streamToken=[redacted]&b=2#x'],
    ['given twice', '/v1/reservations/r1/events?streamToken=one&streamToken=two', '/v1/reservations/r1/events?streamToken=[redacted]&streamToken=[redacted]'],
  ])('redacts a stream token in the logged URL (%s)', async (_, path, logged) => {
    await get(path);
    const line = await lineFor(path);
    expect(line.url).toBe(logged);
    expect(JSON.stringify(lines)).not.toMatch(/secret|abc\.def|=one|=two/);
  });

  it("carries the request id whether or not the request logged before (through its own logger, or the root's without one)", async () => {
    for (const path of ['/quiet', '/chatty']) await get(path);
    for (let waited = 0; lines.filter((line) => line.msg === 'request completed').length < 2 && waited < 2_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const [quiet, chatty] = ['/quiet', '/chatty'].map((url) => lines.find((line) => line.msg === 'request completed' && line.url === url)!);
    const working = lines.find((line) => line.msg === 'working on it') as LogLine & { requestId: string };
    expect(working.requestId).toEqual(expect.any(String));
    expect(chatty).toMatchObject({ level: 'info', requestId: working.requestId, status: 200 });
    expect(quiet).toMatchObject({ level: 'info', requestId: expect.any(String), status: 200 });
    expect(Object.keys(quiet!).sort()).toEqual(Object.keys(chatty!).sort());
  });

  it('logs other URLs as they came', async () => {
    await get('/v1/reservations/r1/events?tokenish=1');
    expect((await lineFor('tokenish')).url).toBe('/v1/reservations/r1/events?tokenish=1');
  });
});

/** Opens `path`, waits for the first bytes of the answer (none for `/never-answered`), then goes away. */
async function openAndLeave(path: string, waitForBytes = true): Promise<void> {
  const req = request({ host: '127.0.0.1', port, path });
  req.on('error', () => undefined);
  req.end();
  if (waitForBytes) {
    const [res] = (await once(req, 'response')) as [NodeJS.ReadableStream];
    await once(res, 'data');
  } else {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  req.destroy();
}

describe('event stream closes', () => {
  it('logs a stream its client closed at info, not as an aborted request', async () => {
    await openAndLeave('/stream');
    const line = await lineFor('/stream');
    expect(line).toMatchObject({ level: 'info', msg: 'event stream closed by the client', url: '/stream', status: 200 });
    expect(lines.filter((entry) => entry.level === 'warn')).toEqual([]);
  });

  it('still warns about a stream that failed with an error, with the error', async () => {
    const req = request({ host: '127.0.0.1', port, path: '/failing-stream' });
    req.on('error', () => undefined);
    req.end();
    const line = await lineFor('/failing-stream');
    expect(line).toMatchObject({ level: 'warn', msg: 'request aborted', url: '/failing-stream' });
    expect((line.err as Error).message).toBe('the stream broke');
    req.destroy();
  });

  it('still warns about an ordinary request its client gave up on', async () => {
    await openAndLeave('/never-answered', false);
    expect(await lineFor('/never-answered')).toMatchObject({ level: 'warn', msg: 'request aborted' });
  });
});

describe('successes sampled (LOG_SUCCESS_SAMPLE)', () => {
  let sampledServer: Server;
  let sampledPort: number;

  beforeAll(async () => {
    const app = express();
    // Sampled from the first success (none logged every one), on a clock that stands still.
    app.use(requestLog(logger, new SuccessSampling(0.1, 0, () => 0)));
    app.get('/ok', (_req, res) => void res.json({ ok: true }));
    app.get('/refused', (_req, res) => void res.status(429).json({ title: 'Too Many Requests' }));
    app.get('/failed', (_req, res) => void res.status(503).json({ title: 'Service Unavailable' }));
    sampledServer = app.listen(0, '127.0.0.1');
    await once(sampledServer, 'listening');
    sampledPort = (sampledServer.address() as AddressInfo).port;
  });

  afterAll(async () => {
    sampledServer.close();
    await once(sampledServer, 'close');
  });

  async function getSampled(path: string): Promise<void> {
    const req = request({ host: '127.0.0.1', port: sampledPort, path });
    req.end();
    const [res] = (await once(req, 'response')) as [NodeJS.ReadableStream];
    res.resume();
    await once(res, 'end');
  }

  it('logs exactly one success in ten, each saying so, and every refusal and failure', async () => {
    const paths = Array.from({ length: 200 }, (_, index) => (index % 10 === 3 ? '/refused' : index % 20 === 7 ? '/failed' : '/ok'));
    await Promise.all(paths.map(getSampled));
    const successes = paths.filter((path) => path === '/ok').length;
    const expected = Math.ceil(successes / 10) + paths.filter((path) => path !== '/ok').length;
    for (let waited = 0; lines.length < expected && waited < 2_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));

    const byUrl = (url: string) => lines.filter((line) => line.url === url);
    expect(byUrl('/ok')).toHaveLength(Math.ceil(successes / 10));
    expect(byUrl('/ok').every((line) => (line as { sampledOneIn?: number }).sampledOneIn === 10)).toBe(true);
    expect(byUrl('/refused')).toHaveLength(20);
    expect(byUrl('/failed')).toHaveLength(10);
    expect(byUrl('/failed').every((line) => line.level === 'error' && !('sampledOneIn' in line))).toBe(true);
  });

  it('logs every success while a second has at most `everyUpTo`, then one in `oneIn`, and again every one the next second', () => {
    let now = 5_000;
    const sampling = new SuccessSampling(0.25, 3, () => now);
    const weights = () => Array.from({ length: 11 }, () => sampling.weight());
    expect(weights()).toEqual([1, 1, 1, 4, 0, 0, 0, 4, 0, 0, 0]);
    now = 6_000;
    expect(weights().slice(0, 4)).toEqual([1, 1, 1, 4]);
  });

  it('takes a share in (0, 1] only', () => {
    expect(new SuccessSampling(0.01).oneIn).toBe(100);
    expect(new SuccessSampling(1).oneIn).toBe(1);
    expect(() => new SuccessSampling(0)).toThrow(RangeError);
    expect(() => new SuccessSampling(1.5)).toThrow(RangeError);
  });
});
