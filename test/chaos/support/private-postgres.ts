import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { portFree } from '../../support/redis-cluster';

const run = promisify(execFile);

/** Where PostgreSQL 15's server binaries are (Debian's layout); PG_BIN_DIR overrides it. */
const PG_BIN_DIR = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL cluster of a test's own: `initdb` into a temporary folder, as the `postgres` OS
 * user, started with `pg_ctl` on a free loopback port (its unix socket in the folder too), trust
 * authentication. The test may crash and restart it; it is never the machine's server on 5432.
 * fsync and synchronous_commit stay on, as the promise of a 202 needs (docs/guarantees.md).
 */
export interface PrivatePostgres {
  /** The `postgres` database as superuser: `freshDatabase` makes the test's database from it. */
  url: string;
  port: number;
  /** `pg_ctl stop -m immediate`: every backend dies at once, no checkpoint; restart runs crash recovery. */
  crash(): Promise<void>;
  /** `pg_ctl start`, waiting until it accepts connections. */
  start(): Promise<void>;
  /** `pg_terminate_backend` on every backend whose application_name starts with `prefix`; how many. */
  terminateBackends(prefix: string): Promise<number>;
  /** Stops it (immediate) and removes its folder. */
  dispose(): Promise<void>;
}

/** Whether this machine can run a private cluster (the binaries exist and we may become `postgres`). */
export function privatePostgresAvailable(): boolean {
  return existsSync(join(PG_BIN_DIR, 'initdb')) && userInfo().uid === 0;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'onsale-pg-'));
  const data = join(dir, 'data');
  const socketDir = join(dir, 'socket');
  await mkdir(socketDir);
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  await Promise.all([dir, socketDir].map((path) => chown(path, Number(uid), Number(gid))));
  const asPostgres = (binary: string, args: string[]) =>
    run('runuser', ['-u', 'postgres', '--', join(PG_BIN_DIR, binary), ...args], { cwd: dir });

  await asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  await appendFile(
    join(data, 'postgresql.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${socketDir}'`,
      'max_connections = 200',
      'fsync = on',
      'synchronous_commit = on',
      'full_page_writes = on',
      '',
    ].join('\n'),
  );
  const log = join(dir, 'server.log');
  const start = async () => {
    await asPostgres('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', 'start']);
  };
  const crash = async () => {
    await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
  };
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;

  return {
    url,
    port,
    crash,
    start,
    async terminateBackends(prefix) {
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const rows = await admin<{ terminated: boolean }[]>`
          SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
          WHERE application_name LIKE ${`${prefix}%`} AND pid <> pg_backend_pid()`;
        return rows.filter((row) => row.terminated).length;
      } finally {
        await admin.end({ timeout: 1 });
      }
    },
    async dispose() {
      await crash();
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
