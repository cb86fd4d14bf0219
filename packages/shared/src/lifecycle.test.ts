import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

/*
 * runUntilSignalled in a real process: signals and exit codes cannot be tried in the test's own.
 * The child runs the built package (`pnpm test` builds first).
 */

const BUILT_SHARED = join(__dirname, '..', 'dist', 'index.js');

/** A process whose `close` resolves after `closeMs` (never, if null), and that holds a timer like a server. */
function startProcess(options: { graceMs: number; closeMs: number | null }) {
  const script = `
    const { createLogger, runUntilSignalled } = require(${JSON.stringify(BUILT_SHARED)});
    setInterval(() => {}, 60_000);
    runUntilSignalled(async () => {
      const logger = createLogger({ name: 'lifecycle-test', level: 'info' });
      const closeMs = ${JSON.stringify(options.closeMs)};
      const close = () => new Promise((resolve) => { if (closeMs !== null) setTimeout(resolve, closeMs); });
      // Once runUntilSignalled has its signal handlers: before them a signal would just kill the child.
      setImmediate(() => process.stdout.write('started\\n'));
      return { logger, close, graceMs: ${options.graceMs} };
    });
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const started = new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('started\n')) resolve();
    }),
  );
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const messages = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
  return { child, started, exited, messages };
}

describe('runUntilSignalled', () => {
  it.each([
    { what: 'closes on SIGTERM and exits 0', graceMs: 1_000, closeMs: 10, signals: ['SIGTERM'], code: 0, last: 'stopped' },
    {
      what: 'gives up a close that outlasts the grace period and its margin, with exit 1',
      graceMs: 100,
      closeMs: null,
      signals: ['SIGTERM'],
      code: 1,
      last: 'stopped without finishing: close took too long',
    },
    {
      what: 'exits 1 at once on a second signal',
      graceMs: 600_000,
      closeMs: null,
      signals: ['SIGTERM', 'SIGINT'],
      code: 1,
      last: 'stopped without finishing: a second signal',
    },
  ] as const)('$what', async ({ graceMs, closeMs, signals, code, last }) => {
    const run = startProcess({ graceMs, closeMs });
    await run.started;
    for (const signal of signals) run.child.kill(signal);
    expect(await run.exited).toBe(code);
    expect(run.messages()).toEqual(['stopping', last]);
  });
});
