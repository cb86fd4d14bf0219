import { describeConfig, formatConfigReport, printConfig } from './config-report';
import { worstCasePartitionStallMs } from './failure-policy';
import { loadWorkerConfig } from './config';

const jwtSecret = 'a-secret-of-32-characters-000000';
const common = { DATABASE_URL: 'postgres://onsale:db-password@db.internal:5432/onsale', REDIS_URL: 'redis://:redis-password@cache.internal:6379' };
const apiEnv = { ...common, JWT_SECRET: jwtSecret, PORT: '8080', TRUST_PROXY_HOPS: '' };

const settingOf = (report: ReturnType<typeof describeConfig>, name: string) =>
  report.groups.flatMap((group) => group.settings).find((setting) => setting.name === name);

function printed(processName: 'api' | 'worker', env: Record<string, string>): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = printConfig(processName, { out: (text) => (out += text), err: (text) => (err += text) }, env);
  return { code, out, err };
}

describe('describeConfig', () => {
  it('tells a value set in the environment from a default and from an optional variable left unset (an empty one counts as unset)', () => {
    const report = describeConfig('api', apiEnv);
    expect(settingOf(report, 'PORT')).toEqual({ name: 'PORT', value: '8080', source: 'env' });
    expect(settingOf(report, 'DB_POOL_SIZE')).toEqual({ name: 'DB_POOL_SIZE', value: '10', source: 'default' });
    expect(settingOf(report, 'TRUST_PROXY_HOPS')).toEqual({ name: 'TRUST_PROXY_HOPS', value: '0', source: 'default' });
    expect(settingOf(report, 'JWT_JWKS_URL')).toMatchObject({ source: 'unset' });
  });

  it('shows the process\'s own variables in the groups\' order', () => {
    expect(describeConfig('api', apiEnv).groups.map((group) => group.title)).toEqual(['Database', 'Redis', 'HTTP and shutdown', 'Auth', 'Admission and limits', 'Observability']);
    const worker = describeConfig('worker', common);
    expect(worker.groups.map((group) => group.title)).toEqual(['Database', 'Redis', 'HTTP and shutdown', 'Worker', 'Webhooks', 'Observability']);
    expect(settingOf(worker, 'JWT_SECRET')).toBeUndefined();
    expect(settingOf(worker, 'SHUTDOWN_GRACE_MS')).toMatchObject({ value: '8000', source: 'default' });
  });

  it('redacts secrets and masks the passwords of URLs', () => {
    const text = formatConfigReport(describeConfig('api', { ...apiEnv, SESSION_SECRET: 'another-secret-of-32-characters' }));
    for (const secret of [jwtSecret, 'another-secret-of-32-characters', 'db-password', 'redis-password']) expect(text).not.toContain(secret);
    expect(text).toMatch(/JWT_SECRET\s+\(set, redacted\)\s+env/);
    expect(text).toContain('postgres://onsale:*****@db.internal:5432/onsale');
  });

  it('derives the worker takeover and the worst-case partition stall from the configuration', () => {
    const env = { ...common, WORKER_LOCK_DURATION_MS: '4000', WORKER_STALLED_INTERVAL_MS: '1500', WORKER_RETRY_BUDGET_MS: '20000' };
    const derived = Object.fromEntries(describeConfig('worker', env).derived.map((figure) => [figure.name, figure.value]));
    expect(derived['worker takeover']).toBe('5500 ms');
    expect(derived['worst-case partition stall']).toBe(`${worstCasePartitionStallMs(loadWorkerConfig(env))} ms`);
    expect(derived['lost job requeued within']).toBe('31000 ms');
  });

  it('derives the admission and poll windows, and says when the limits are off', () => {
    const derived = Object.fromEntries(describeConfig('api', { ...apiEnv, RATE_LIMIT_CUSTOMER_READS: '50', RATE_LIMIT_WINDOW_SECONDS: '5' }).derived.map((figure) => [figure.name, figure.value]));
    expect(derived).toMatchObject({ 'admission window': '120 s of backlog', 'admission view age': '≤ 1000 ms', 'poll window': '50 per 5 s (10/s)' });
    const off = describeConfig('api', { ...apiEnv, RATE_LIMIT_ENABLED: 'false', ADMISSION_MAX_WAIT_SECONDS: '0' }).derived;
    expect(off).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'rate limits', value: 'off' }), expect.objectContaining({ name: 'admission window', value: 'off' })]));
  });

  it('lists the API\'s constants with why each is not a variable', () => {
    const fixed = describeConfig('api', apiEnv).fixed;
    expect(fixed.map((constant) => constant.name)).toEqual(['EVENT_STATE_IDLE_MS', 'EVENT_CATALOG_TTL_MS', 'INTAKE_ENQUEUE_WAIT_MS', 'INTAKE_MAX_BATCH_SIZE']);
    for (const constant of fixed) expect(constant.why.length).toBeGreaterThan(20);
    expect(describeConfig('worker', common).fixed).toEqual([]);
  });
});

describe('printConfig', () => {
  it('prints every group, the derived figures and the constants, and exits 0', () => {
    const { code, out, err } = printed('worker', { ...common, WORKER_ID: 'worker-7' });
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/^Onsale worker configuration/);
    expect(out).toMatch(/^ {2}WORKER_ID\s+worker-7\s+env$/m);
    expect(out).toMatch(/^ {2}WORKER_LOCK_DURATION_MS\s+2000\s+default$/m);
    expect(out).toMatch(/^Derived$/m);
    expect(out).toMatch(/^ {2}worker takeover\s+3000 ms\s+WORKER_LOCK_DURATION_MS \+ WORKER_STALLED_INTERVAL_MS/m);
  });

  it('prints the ConfigError and exits 1 when the environment is invalid', () => {
    const { code, out, err } = printed('api', { ...common, JWT_SECRET: jwtSecret, RATE_LIMIT_WINDOW_SECONDS: '1', RATE_LIMIT_RECONCILE_MS: '1000' });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('RATE_LIMIT_RECONCILE_MS: must be shorter than RATE_LIMIT_WINDOW_SECONDS');
  });
});
