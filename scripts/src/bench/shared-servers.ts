import type { Redis } from 'ioredis';
import type postgres from 'postgres';
import { childrenOf, commandLineOf, parentOf, type SampleTarget } from './process-sampler';
import { redisPid } from './redis-memory';
import { BENCH_DATABASE } from './system';

/*
 * The PostgreSQL and Redis servers a benchmark shares with other work on the machine: claimed for
 * one benchmark at a time, and sampled as targets (PostgreSQL a group of processes).
 */

/**
 * PostgreSQL as one target: the postmaster (our backend's parent) and its children, except the
 * backends of other databases: this server is shared with other work on the machine.
 */
export async function postgresTarget(sql: postgres.Sql, database: string): Promise<SampleTarget> {
  const [row] = await sql<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  const postmaster = parentOf(row!.pid);
  if (!postmaster) return { name: 'postgres', pids: () => [] };
  // A client backend's title is `postgres: <cluster>: <user> <database> <host>(<port>) <state>`.
  const clientBackend = /^postgres: \S+ \S+ (\S+) (\S+\(\d+\)|\[local\])/;
  const children = childrenOf(postmaster, (child) => {
    const backendOf = clientBackend.exec(commandLineOf(child))?.[1];
    return backendOf === undefined || backendOf === database;
  });
  return { name: 'postgres', pids: () => [postmaster, ...children()] };
}

/** redis-server, by the pid its `INFO server` gives. */
export async function redisTarget(redis: Redis): Promise<SampleTarget> {
  const pid = await redisPid(redis);
  return { name: 'redis-server', pids: () => [pid] };
}

/**
 * One benchmark at a time per PostgreSQL server: two would drop each other's database and keys,
 * and skew each other's numbers. A session advisory lock is released however this process ends.
 */
export async function claimTheMachine(server: postgres.Sql): Promise<void> {
  const [row] = await server<{ claimed: boolean }[]>`SELECT pg_try_advisory_lock(hashtext(${BENCH_DATABASE})) AS claimed`;
  if (!row!.claimed) throw new Error('another pnpm bench is running against this PostgreSQL server; wait for it to finish');
}
