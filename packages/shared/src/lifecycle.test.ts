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
  it('closes on SIGTERM and exits 0', async () => {
    const run = startProcess({ graceMs: 1_000, closeMs: 10 });
    await run.started;
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.messages()).toEqual(['stopping', 'stopped']);
  });

  it('gives up a close that outlasts the grace period and its margin, with exit 1', async () => {
    const run = startProcess({ graceMs: 100, closeMs: null });
    await run.started;
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(1);
    expect(run.messages()).toEqual(['stopping', 'stopped without finishing: close took too long']);
  });

  it('exits 1 at once on a second signal', async () => {
    const run = startProcess({ graceMs: 600_000, closeMs: null });
    await run.started;
    run.child.kill('SIGTERM');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(1);
    expect(run.messages()).toEqual(['stopping', 'stopped without finishing: a second signal']);
  });
});
