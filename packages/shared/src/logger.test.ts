import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { transformSync } from '@swc/core';
import pino from 'pino';
import { FLUSH_EVERY_MS, logRepeatedErrors } from './logger';

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

describe('createLogger', () => {
  /** logger.ts, compiled as the tests compile it, so that a child process runs the source. */
  const LOGGER_PATH = join(__dirname, 'logger.ts');
  const loggerJs = transformSync(readFileSync(LOGGER_PATH, 'utf8'), {
    filename: LOGGER_PATH,
    module: { type: 'commonjs' },
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  }).code;

  /** A process that logs `lines` lines with createLogger, then `then`; what it writes to stdout, as it comes. */
  function loggingProcess(lines: number, then: string) {
    const script = `
      const Module = require('node:module');
      const path = ${JSON.stringify(LOGGER_PATH)};
      const loaded = new Module(path);
      loaded.filename = path;
      loaded.paths = Module._nodeModulePaths(require('node:path').dirname(path));
      loaded._compile(${JSON.stringify(loggerJs)}, path);
      const logger = loaded.exports.createLogger({ name: 'flush-test', level: 'info' });
      for (let n = 0; n < ${lines}; n++) logger.info({ n }, 'a line');
      process.stderr.write('logged\\n');
      ${then}
    `;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const logged = new Promise<number>((resolve) => child.stderr.once('data', () => resolve(performance.now())));
    const lineCount = () => output.split('\n').filter((line) => line.startsWith('{')).length;
    return { child, logged, lineCount };
  }

  it(`writes a lone line within about FLUSH_EVERY_MS (${FLUSH_EVERY_MS} ms), not once 4 KiB have gathered, in a process that stays up`, async () => {
    const { child, logged, lineCount } = loggingProcess(1, 'setInterval(() => {}, 60_000);');
    try {
      const loggedAt = await logged;
      let seenAt: number | undefined;
      while (seenAt === undefined && performance.now() - loggedAt < 3_000) {
        if (lineCount() === 1) seenAt = performance.now();
        else await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(seenAt).toBeDefined();
      expect(seenAt! - loggedAt).toBeLessThan(FLUSH_EVERY_MS + 500);
    } finally {
      child.kill();
    }
  });

  it('writes every buffered line when the process exits', async () => {
    const { child, lineCount } = loggingProcess(3, 'process.exit(0);');
    await once(child, 'exit');
    expect(lineCount()).toBe(3);
  });
});
