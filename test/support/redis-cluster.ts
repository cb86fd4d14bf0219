import { spawn, spawnSync, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { waitUntil } from './test-environment';

/** A throwaway Redis Cluster of masters only, on loopback, for one test file. */
export interface RedisClusterUnderTest {
  nodes: { host: string; port: number }[];
  /** `host:port,…`, as REDIS_CLUSTER_NODES takes it. */
  seedList: string;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
/** Redis Cluster's node-to-node bus listens on the client port + 10000. */
const BUS_PORT_OFFSET = 10_000;

export function redisServerInstalled(): boolean {
  const found = (command: string) => spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
  return found('redis-server') && found('redis-cli');
}

export async function startRedisCluster(masters = 3): Promise<RedisClusterUnderTest> {
  const dir = await mkdtemp(join(tmpdir(), 'onsale-redis-cluster-'));
  const servers: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(servers.map(stopServer));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const ports = await freeClusterPorts(masters);
    for (const port of ports) servers.push(startClusterNode(port, dir));
    await Promise.all(ports.map(waitForPing));
    const addresses = ports.map((port) => `${HOST}:${port}`);
    await promisify(execFile)('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']);
    await Promise.all(ports.map(waitForClusterOk));
    return { nodes: ports.map((port) => ({ host: HOST, port })), seedList: addresses.join(','), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function startClusterNode(port: number, dir: string): ChildProcess {
  const args = ['--port', String(port), '--bind', HOST, '--cluster-enabled', 'yes'];
  args.push('--cluster-config-file', join(dir, `nodes-${port}.conf`), '--dir', dir, '--save', '', '--appendonly', 'no');
  return spawn('redis-server', args, { stdio: 'ignore' });
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGKILL'); // nothing to persist: --save "" and no AOF
  await exited;
}

/** Client ports whose bus ports are free too, below 55536 so that the bus port exists. */
async function freeClusterPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (ports.includes(port) || ports.includes(port + BUS_PORT_OFFSET) || ports.includes(port - BUS_PORT_OFFSET)) continue;
    if ((await portFree(port)) && (await portFree(port + BUS_PORT_OFFSET))) ports.push(port);
  }
  return ports;
}

export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

async function withNode<T>(port: number, use: (node: Redis) => Promise<T>): Promise<T> {
  const node = new Redis({ host: HOST, port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await node.connect();
    return await use(node);
  } finally {
    node.disconnect();
  }
}

export const waitForPing = (port: number) =>
  waitUntil(() => withNode(port, (node) => node.ping()).then(() => true, () => false), 10_000);

const waitForClusterOk = (port: number) =>
  waitUntil(async () => (await withNode(port, (node) => node.cluster('INFO'))).includes('cluster_state:ok'), 20_000);
