import {
  CONFIG_GROUPS,
  currentEnvironment,
  FIXED_IN_CODE,
  loadApiConfig,
  loadWorkerConfig,
  PROCESS_VARIABLES,
  SECRET_VARIABLES,
  type ApiConfig,
  type Env,
  type WorkerConfig,
} from './config';
import { worstCasePartitionStallMs } from './failure-policy';

/** Where a value came from: the environment, the schema's default, or nowhere (an optional variable left unset). */
export type ConfigSource = 'env' | 'default' | 'unset';

export interface ConfigReport {
  process: 'api' | 'worker';
  groups: { title: string; settings: { name: string; value: string; source: ConfigSource }[] }[];
  /** Figures that follow from several variables, each with what it is made of. */
  derived: { name: string; value: string; from: string }[];
  /** Constants on purpose, each with why it is not a variable. */
  fixed: { name: string; value: string; why: string }[];
}

/**
 * The effective configuration of the API or a worker, as `--print-config` shows it: every
 * variable the process reads, by group, with its source; secrets redacted; the derived figures.
 * Throws the ConfigError the process would stop with.
 */
export function describeConfig(processName: 'api' | 'worker', env: Env): ConfigReport {
  const config: Record<string, unknown> = processName === 'api' ? loadApiConfig(env) : loadWorkerConfig(env);
  const reads = new Set<string>(PROCESS_VARIABLES[processName]);
  const groups = CONFIG_GROUPS.map((group) => ({
    title: group.title,
    settings: group.variables
      .filter((name) => reads.has(name))
      .map((name) => ({
        name,
        value: shown(name, config[name]),
        source: (env[name] !== undefined && env[name] !== '' ? 'env' : config[name] === undefined ? 'unset' : 'default') as ConfigSource,
      })),
  })).filter((group) => group.settings.length > 0);
  return {
    process: processName,
    groups,
    derived: processName === 'api' ? apiFigures(config as ApiConfig) : workerFigures(config as WorkerConfig),
    fixed: FIXED_IN_CODE.filter((constant) => constant.usedBy === processName).map(({ name, value, unit, why }) => ({ name, value: `${value} ${unit}`, why })),
  };
}

function workerFigures(config: WorkerConfig): ConfigReport['derived'] {
  return [
    {
      name: 'worker takeover',
      value: `${config.WORKER_LOCK_DURATION_MS + config.WORKER_STALLED_INTERVAL_MS} ms`,
      from: 'WORKER_LOCK_DURATION_MS + WORKER_STALLED_INTERVAL_MS: a dead worker\'s partition is taken over within this',
    },
    {
      name: 'worst-case partition stall',
      value: `${worstCasePartitionStallMs(config)} ms`,
      from: 'the failure policy (packages/shared/src/failure-policy.ts): the longest one job holds its partition while PostgreSQL fails',
    },
    {
      name: 'lost job requeued within',
      value: `${config.REQUEUE_AFTER_MS + config.SWEEP_INTERVAL_MS} ms`,
      from: 'REQUEUE_AFTER_MS + SWEEP_INTERVAL_MS: a queued request whose job Redis lost',
    },
    {
      name: 'hold expired within',
      value: `${config.SWEEP_INTERVAL_MS} ms`,
      from: 'SWEEP_INTERVAL_MS after its expiry, then in its partition\'s turn',
    },
  ];
}

function apiFigures(config: ApiConfig): ConfigReport['derived'] {
  const window = config.RATE_LIMIT_WINDOW_SECONDS;
  const perSecond = (quota: number) => `${Math.round((quota / window) * 10) / 10}/s`;
  const admission = [
    {
      name: 'admission window',
      value: config.ADMISSION_MAX_WAIT_SECONDS === 0 ? 'off' : `${config.ADMISSION_MAX_WAIT_SECONDS} s of backlog`,
      from: 'ADMISSION_MAX_WAIT_SECONDS: a request is refused 503 while its event\'s backlog would take longer to decide',
    },
    {
      name: 'admission view age',
      value: `≤ ${config.EVENT_STATE_REFRESH_MS} ms`,
      from: 'EVENT_STATE_REFRESH_MS: commits reach the view at once; the re-read bounds it when a message was lost',
    },
  ];
  if (!config.RATE_LIMIT_ENABLED) return [...admission, { name: 'rate limits', value: 'off', from: 'RATE_LIMIT_ENABLED=false' }];
  return [
    ...admission,
    {
      name: 'poll window',
      value: `${config.RATE_LIMIT_CUSTOMER_READS} per ${window} s (${perSecond(config.RATE_LIMIT_CUSTOMER_READS)})`,
      from: 'RATE_LIMIT_CUSTOMER_READS per RATE_LIMIT_WINDOW_SECONDS: one customer\'s polls',
    },
    {
      name: 'writes per customer',
      value: `${config.RATE_LIMIT_CUSTOMER_WRITES} per ${window} s (${perSecond(config.RATE_LIMIT_CUSTOMER_WRITES)})`,
      from: 'RATE_LIMIT_CUSTOMER_WRITES per RATE_LIMIT_WINDOW_SECONDS',
    },
    {
      name: 'one client address',
      value: `${config.RATE_LIMIT_PER_IP} per ${window} s (${perSecond(config.RATE_LIMIT_PER_IP)})`,
      from: `RATE_LIMIT_PER_IP per RATE_LIMIT_WINDOW_SECONDS; a load test from one address needs it lifted; ${
        config.TRUST_PROXY_HOPS === 0 ? 'TRUST_PROXY_HOPS=0: the socket\'s address (behind a load balancer, set TRUST_PROXY_HOPS)' : `the address ${config.TRUST_PROXY_HOPS} proxy hop(s) back in X-Forwarded-For`
      }`,
    },
    {
      name: config.RATE_LIMIT_WRITES_COUNTED_HERE ? 'shared read and write counts' : 'shared read counts',
      value: `every ${config.RATE_LIMIT_RECONCILE_MS} ms`,
      from: config.RATE_LIMIT_WRITES_COUNTED_HERE
        ? 'RATE_LIMIT_RECONCILE_MS: reads and writes counted in memory reach the other instances this often (RATE_LIMIT_WRITES_COUNTED_HERE)'
        : 'RATE_LIMIT_RECONCILE_MS: reads counted in memory reach the other instances this often; writes are counted in Redis, exactly (RATE_LIMIT_WRITES_COUNTED_HERE=false)',
    },
  ];
}

/** A value as printed: secrets redacted, a URL's password masked, cluster nodes as host:port. */
function shown(name: string, value: unknown): string {
  if (value === undefined) return '—';
  if (SECRET_VARIABLES.has(name)) return '(set, redacted)';
  if (Array.isArray(value)) return value.map((node: { host: string; port: number }) => `${node.host}:${node.port}`).join(',');
  if (typeof value === 'string' && /^[a-z]+:\/\//.test(value)) return withoutPassword(value);
  return String(value);
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '*****';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** The report as text: one section per group, then the derived figures and the constants. */
export function formatConfigReport(report: ConfigReport): string {
  const lines = [`Onsale ${report.process} configuration (source: env = set in the environment, default = the schema's)`];
  const nameWidth = Math.max(...report.groups.flatMap((group) => group.settings.map((setting) => setting.name.length)), 28);
  const valueWidth = Math.max(...report.groups.flatMap((group) => group.settings.map((setting) => setting.value.length)), 12);
  for (const group of report.groups) {
    lines.push('', group.title);
    for (const { name, value, source } of group.settings) lines.push(`  ${name.padEnd(nameWidth)}  ${value.padEnd(valueWidth)}  ${source}`);
  }
  lines.push('', 'Derived');
  for (const { name, value, from } of report.derived) lines.push(`  ${name.padEnd(nameWidth)}  ${value.padEnd(valueWidth)}  ${from}`);
  if (report.fixed.length > 0) {
    lines.push('', 'Fixed in code (not variables)');
    for (const { name, value, why } of report.fixed) lines.push(`  ${name.padEnd(nameWidth)}  ${value.padEnd(valueWidth)}  ${why}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `--print-config`: prints the process's effective configuration and returns the exit code, 0, or
 * 1 with the ConfigError's message when the environment is invalid.
 */
export function printConfig(
  processName: 'api' | 'worker',
  output: { out: (text: string) => void; err: (text: string) => void } = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) },
  env: Env = currentEnvironment(),
): number {
  try {
    output.out(formatConfigReport(describeConfig(processName, env)));
    return 0;
  } catch (error) {
    output.err(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
