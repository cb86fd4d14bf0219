import { Writable } from 'node:stream';
import pino from 'pino';
import { logRepeatedErrors } from './logger';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('logRepeatedErrors', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0, doNotFake: ['setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('logs an error once per window, then with how often it came meanwhile', async () => {
    const { logger, lines } = capturingLogger();
    const log = logRepeatedErrors(logger, 'queue error', 5_000);
    for (let i = 0; i < 16; i++) log(new Error('connect ECONNREFUSED 127.0.0.1:1'));
    jest.setSystemTime(5_000);
    log(new Error('connect ECONNREFUSED 127.0.0.1:1'));
    await flush();
    expect(lines.map((line) => [line.msg, (line.err as { message: string }).message, line.repeatsSinceLastLine])).toEqual([
      ['queue error', 'connect ECONNREFUSED 127.0.0.1:1', 0],
      ['queue error', 'connect ECONNREFUSED 127.0.0.1:1', 15],
    ]);
  });

  it('logs a different error at once', async () => {
    const { logger, lines } = capturingLogger();
    const log = logRepeatedErrors(logger, 'queue error');
    log(new Error('first'));
    log(new Error('second'));
    log(new Error('first'));
    await flush();
    expect(lines.map((line) => (line.err as { message: string }).message)).toEqual(['first', 'second']);
  });
});
