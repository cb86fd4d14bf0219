import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portFree, waitForPing } from './redis-cluster';

/**
 * A redis-server of a test's own, on a free loopback port, that the test may kill and restart:
 * never the machine's Redis. With `appendOnly` it persists to an AOF in its own folder and
 * comes back with its data; without, it comes back empty.
 */
export interface PrivateRedis {
  url: string;
  /** SIGKILL: a crash, nothing flushed beyond what the AOF already has. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder, and waits until it answers. */
  start(): Promise<void>;
  /** Kills it and removes its folder. */
  dispose(): Promise<void>;
}

export async function startPrivateRedis(options: { appendOnly: boolean }): Promise<PrivateRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'onsale-redis-'));
  const port = await freePort();
  let server: ChildProcess | undefined;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push('--appendonly', options.appendOnly ? 'yes' : 'no', '--appendfsync', 'always');

  const start = async () => {
    server = spawn('redis-server', args, { stdio: 'ignore' });
    await waitForPing(port);
  };
  const kill = async () => {
    const running = server;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    kill,
    start,
    dispose: async () => {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (await portFree(port)) return port;
  }
}
