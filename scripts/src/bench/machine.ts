import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, totalmem } from 'node:os';
import type { Redis } from 'ioredis';
import type postgres from 'postgres';
import { REPO_ROOT } from '../processes';
import { redisVersion } from './redis-memory';

export interface Machine {
  nproc: number;
  memoryGiB: number;
  cpuModel: string;
  node: string;
  postgres: string;
  redis: string;
  gitCommit: string;
  gitDirty: boolean;
}

const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();

export async function describeMachine(sql: postgres.Sql, redis: Redis): Promise<Machine> {
  const [version] = await sql<{ server_version: string }[]>`SHOW server_version`;
  return {
    nproc: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    postgres: version!.server_version,
    redis: await redisVersion(redis),
    gitCommit: git('rev-parse', 'HEAD'),
    gitDirty: git('status', '--porcelain').length > 0,
  };
}
