import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_GROUPS, ConfigError, corsOriginsOf, defaultOf, loadApiConfig, loadMigrationConfig, loadWorkerConfig, PROCESS_VARIABLES, SAMPLE_SECRETS } from './config';

const common = {
  DATABASE_URL: 'postgres://onsale@db.internal:5432/onsale',
  REDIS_URL: 'redis://cache.internal:6379',
};
const apiEnv = { ...common, JWT_SECRET: 'a-secret-of-32-characters-000000' };

function configErrorOf(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadApiConfig', () => {
  it('applies defaults for everything optional', () => {
    expect(loadApiConfig(apiEnv)).toEqual({
      ...apiEnv,
      LOG_LEVEL: 'info',
      LOG_SUCCESS_SAMPLE: 1,
      KEY_PREFIX: 'onsale',
      PARTITION_COUNT: 16,
      DB_POOL_SIZE: 10,
      PORT: 3000,
      COMMAND_WAIT_MS: 5_000,
      ADMIN_SESSION_TTL_SECONDS: 900,
      DB_WAIT_MS: 1_500,
      SHUTDOWN_GRACE_MS: 8_000,
      METRICS_ENABLED: true,
      MAX_BODY_BYTES: 65_536,
      LEAN_ROUTES: true,
      ADMISSION_MAX_WAIT_SECONDS: 120,
      ADMISSION_SOLD_OUT_IMMEDIATE: true,
      MAX_QUEUED_PER_CUSTOMER: 5,
      EVENT_STATE_REFRESH_MS: 1_000,
      SEAT_MAP_REFRESH_MS: 1_000,
      WAITLIST_OFFER_TTL_SECONDS: 900,
      RATE_LIMIT_ENABLED: true,
      RATE_LIMIT_WINDOW_SECONDS: 10,
      RATE_LIMIT_CUSTOMER_WRITES: 20,
      RATE_LIMIT_CUSTOMER_READS: 300,
      RATE_LIMIT_PER_IP: 2_000,
      RATE_LIMIT_RECONCILE_MS: 500,
      RATE_LIMIT_WRITES_COUNTED_HERE: true,
      TRUST_PROXY_HOPS: 0,
    });
  });

  it('coerces numeric variables from strings', () => {
    const config = loadApiConfig({
      ...apiEnv,
      PORT: '8080',
      PARTITION_COUNT: '64',
      DB_POOL_SIZE: '25',
      COMMAND_WAIT_MS: '1500',
    });
    expect(config).toMatchObject({ PORT: 8080, PARTITION_COUNT: 64, DB_POOL_SIZE: 25, COMMAND_WAIT_MS: 1500 });
  });

  it('accepts postgresql:// and rediss:// URLs', () => {
    const config = loadApiConfig({
      ...apiEnv,
      DATABASE_URL: 'postgresql://onsale@db.internal/onsale',
      REDIS_URL: 'rediss://cache.internal:6380',
    });
    expect(config.DATABASE_URL).toBe('postgresql://onsale@db.internal/onsale');
    expect(config.REDIS_URL).toBe('rediss://cache.internal:6380');
  });

  it('names every bad variable in one ConfigError', () => {
    const { DATABASE_URL: _missing, ...withoutDatabase } = apiEnv;
    const error = configErrorOf(() => loadApiConfig({ ...withoutDatabase, JWT_SECRET: 'short', PORT: 'eighty' }));
    expect(error.name).toBe('ConfigError');
    expect(error.message).toMatch(/^\s+DATABASE_URL: /m);
    expect(error.message).toMatch(/^\s+JWT_SECRET: must be at least 16 characters$/m);
    expect(error.message).toMatch(/^\s+PORT: /m);
    expect(error.message).not.toContain('REDIS_URL');
  });

  it('rejects URLs of the wrong scheme', () => {
    const error = configErrorOf(() =>
      loadApiConfig({ ...apiEnv, DATABASE_URL: 'mysql://db/onsale', REDIS_URL: 'http://cache:6379' }),
    );
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).toContain('REDIS_URL');
  });

  it('rejects out-of-range numbers, an unknown log level and a key prefix with separators', () => {
    const error = configErrorOf(() =>
      loadApiConfig({
        ...apiEnv,
        PORT: '70000',
        PARTITION_COUNT: '0',
        DB_POOL_SIZE: '2.5',
        LOG_LEVEL: 'verbose',
        KEY_PREFIX: 'on:sale',
      }),
    );
    for (const name of ['PORT', 'PARTITION_COUNT', 'DB_POOL_SIZE', 'LOG_LEVEL', 'KEY_PREFIX']) {
      expect(error.message).toContain(name);
    }
  });

  it('keeps an admin session between a second and twelve hours', () => {
    expect(loadApiConfig({ ...apiEnv, ADMIN_SESSION_TTL_SECONDS: '300' }).ADMIN_SESSION_TTL_SECONDS).toBe(300);
    for (const ttl of ['0', '43201', '1.5']) {
      expect(configErrorOf(() => loadApiConfig({ ...apiEnv, ADMIN_SESSION_TTL_SECONDS: ttl })).message).toContain('ADMIN_SESSION_TTL_SECONDS');
    }
  });
});

describe('CORS_ORIGINS', () => {
  it('is a list of origins, none when unset', () => {
    expect(corsOriginsOf(loadApiConfig(apiEnv).CORS_ORIGINS)).toEqual([]);
    const config = loadApiConfig({ ...apiEnv, CORS_ORIGINS: 'https://shop.example, http://127.0.0.1:8080' });
    expect(corsOriginsOf(config.CORS_ORIGINS)).toEqual(['https://shop.example', 'http://127.0.0.1:8080']);
  });

  it.each(['*', 'https://shop.example/path', 'shop.example', 'https://a.example,,https://b.example'])('refuses %s', (value) => {
    expect(configErrorOf(() => loadApiConfig({ ...apiEnv, CORS_ORIGINS: value })).message).toContain('CORS_ORIGINS');
  });
});

describe('loadWorkerConfig', () => {
  it('applies defaults and does not need the API secret', () => {
    const config = loadWorkerConfig(common);
    expect(config).toMatchObject({
      ...common,
      LOG_LEVEL: 'info',
      KEY_PREFIX: 'onsale',
      PARTITION_COUNT: 16,
      DB_POOL_SIZE: 10,
      WORKER_LOCK_DURATION_MS: 2_000,
      WORKER_STALLED_INTERVAL_MS: 1_000,
      SHUTDOWN_GRACE_MS: 8_000,
      SWEEP_INTERVAL_MS: 1_000,
      REQUEUE_AFTER_MS: 30_000,
    });
    expect(config.WORKER_ID).toMatch(/-\d+$/);
    expect(config).not.toHaveProperty('JWT_SECRET');
  });

  it('coerces numbers and keeps an explicit worker id', () => {
    const config = loadWorkerConfig({
      ...common,
      WORKER_ID: 'worker-7',
      SWEEP_INTERVAL_MS: '250',
      REQUEUE_AFTER_MS: '60000',
    });
    expect(config).toMatchObject({ WORKER_ID: 'worker-7', SWEEP_INTERVAL_MS: 250, REQUEUE_AFTER_MS: 60_000 });
  });

  it('names every bad variable in one ConfigError', () => {
    const error = configErrorOf(() =>
      loadWorkerConfig({
        DATABASE_URL: common.DATABASE_URL,
        SWEEP_INTERVAL_MS: 'often',
        WORKER_LOCK_DURATION_MS: '-1',
      }),
    );
    for (const name of ['REDIS_URL', 'SWEEP_INTERVAL_MS', 'WORKER_LOCK_DURATION_MS']) {
      expect(error.message).toContain(name);
    }
  });

  it('treats an empty variable as unset: the default applies, a required one is missing', () => {
    expect(loadApiConfig({ ...common, JWT_SECRET: 'a-secret-of-16-chars', PORT: '' }).PORT).toBe(3000);
    expect(configErrorOf(() => loadApiConfig({ ...common, JWT_SECRET: '' })).message).toContain('JWT_SECRET');
  });
});

describe('bearer token configuration', () => {
  const jwksUrl = 'https://issuer.example/.well-known/jwks.json';
  const sessionSecret = 'a-session-secret-of-32-characters';

  it('takes a JWKS URL instead of the secret, with a session secret for the API\'s own tokens', () => {
    const config = loadApiConfig({ ...common, JWT_JWKS_URL: jwksUrl, SESSION_SECRET: sessionSecret, JWT_ISSUER: 'https://issuer.example/', JWT_AUDIENCE: 'onsale', JWT_MAX_LIFETIME_SECONDS: '3600' });
    expect(config).toMatchObject({ JWT_JWKS_URL: jwksUrl, JWT_ISSUER: 'https://issuer.example/', JWT_AUDIENCE: 'onsale', JWT_MAX_LIFETIME_SECONDS: 3600 });
    expect(config.JWT_SECRET).toBeUndefined();
  });

  it('needs exactly one of JWT_SECRET and JWT_JWKS_URL', () => {
    expect(configErrorOf(() => loadApiConfig(common)).message).toMatch(/JWT_SECRET: required \(or set JWT_JWKS_URL\)/);
    const both = configErrorOf(() => loadApiConfig({ ...apiEnv, JWT_JWKS_URL: jwksUrl, SESSION_SECRET: sessionSecret }));
    expect(both.message).toMatch(/JWT_SECRET: set either JWT_SECRET or JWT_JWKS_URL, not both/);
  });

  it('needs SESSION_SECRET with a JWKS URL, and refuses a JWKS URL that is not http(s) or a lifetime that is not positive', () => {
    expect(configErrorOf(() => loadApiConfig({ ...common, JWT_JWKS_URL: jwksUrl })).message).toContain('SESSION_SECRET');
    const bad = configErrorOf(() => loadApiConfig({ ...common, JWT_JWKS_URL: 'file:///etc/keys', SESSION_SECRET: sessionSecret, JWT_MAX_LIFETIME_SECONDS: '0' }));
    expect(bad.message).toContain('JWT_JWKS_URL');
    expect(bad.message).toContain('JWT_MAX_LIFETIME_SECONDS');
  });

  it('limits JSON bodies to 64 KiB unless MAX_BODY_BYTES says otherwise', () => {
    expect(loadApiConfig(apiEnv).MAX_BODY_BYTES).toBe(65_536);
    expect(loadApiConfig({ ...apiEnv, MAX_BODY_BYTES: '1024' }).MAX_BODY_BYTES).toBe(1024);
  });
});

describe('Redis Cluster configuration', () => {
  const clusterEnv = { DATABASE_URL: common.DATABASE_URL, JWT_SECRET: apiEnv.JWT_SECRET };

  it('parses REDIS_CLUSTER_NODES into seed nodes, with REDIS_URL unset', () => {
    const config = loadApiConfig({ ...clusterEnv, REDIS_CLUSTER_NODES: 'redis-a.internal:7000, 10.0.0.2:7001,redis-c:7002' });
    expect(config.REDIS_CLUSTER_NODES).toEqual([
      { host: 'redis-a.internal', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
      { host: 'redis-c', port: 7002 },
    ]);
    expect(config.REDIS_URL).toBeUndefined();
    expect(loadWorkerConfig({ ...clusterEnv, REDIS_CLUSTER_NODES: 'redis-a:7000' }).REDIS_CLUSTER_NODES).toEqual([
      { host: 'redis-a', port: 7000 },
    ]);
  });

  it('leaves REDIS_URL as it was when REDIS_CLUSTER_NODES is unset or empty', () => {
    const config = loadApiConfig({ ...apiEnv, REDIS_CLUSTER_NODES: '' });
    expect(config.REDIS_URL).toBe(common.REDIS_URL);
    expect(config.REDIS_CLUSTER_NODES).toBeUndefined();
  });

  it('wants exactly one of REDIS_URL and REDIS_CLUSTER_NODES', () => {
    expect(configErrorOf(() => loadApiConfig({ ...apiEnv, REDIS_CLUSTER_NODES: 'redis-a:7000' })).message).toMatch(
      /^\s+REDIS_URL: set either REDIS_URL or REDIS_CLUSTER_NODES, not both$/m,
    );
    expect(configErrorOf(() => loadWorkerConfig({ DATABASE_URL: common.DATABASE_URL })).message).toMatch(/^\s+REDIS_URL: required/m);
  });

  it('rejects seed nodes that are not host:port pairs', () => {
    for (const nodes of ['redis-a', 'redis-a:port', 'redis-a:7000,', 'redis://redis-a:7000', 'redis-a:70000']) {
      expect(configErrorOf(() => loadApiConfig({ ...clusterEnv, REDIS_CLUSTER_NODES: nodes })).message).toContain(
        'REDIS_CLUSTER_NODES',
      );
    }
  });

  it('rejects a key prefix with braces, which would override the partitions\' hash tags', () => {
    for (const prefix of ['{onsale}', 'on{sale', 'onsale}']) {
      expect(configErrorOf(() => loadApiConfig({ ...apiEnv, KEY_PREFIX: prefix })).message).toMatch(/^\s+KEY_PREFIX: /m);
    }
  });
});

describe('metrics settings', () => {
  it('has metrics on by default, and the worker listener off until METRICS_PORT is set', () => {
    expect(loadApiConfig(apiEnv).METRICS_ENABLED).toBe(true);
    const worker = loadWorkerConfig(common);
    expect(worker.METRICS_ENABLED).toBe(true);
    expect(worker.METRICS_PORT).toBeUndefined();
    expect(loadWorkerConfig({ ...common, METRICS_PORT: '' }).METRICS_PORT).toBeUndefined();
  });

  it('reads METRICS_ENABLED=false and a METRICS_PORT', () => {
    expect(loadApiConfig({ ...apiEnv, METRICS_ENABLED: 'false' }).METRICS_ENABLED).toBe(false);
    expect(loadWorkerConfig({ ...common, METRICS_ENABLED: 'false' })).toMatchObject({ METRICS_ENABLED: false });
    expect(loadWorkerConfig({ ...common, METRICS_PORT: '9464' })).toMatchObject({ METRICS_ENABLED: true, METRICS_PORT: 9464 });
  });

  it('rejects anything but true or false, and a port out of range', () => {
    const message = configErrorOf(() => loadWorkerConfig({ ...common, METRICS_ENABLED: 'yes', METRICS_PORT: '70000' })).message;
    expect(message).toMatch(/^\s+METRICS_ENABLED: /m);
    expect(message).toMatch(/^\s+METRICS_PORT: /m);
  });
});

describe('groups', () => {
  const everyVariable = CONFIG_GROUPS.flatMap((group) => group.variables);

  it('puts every variable in exactly one of the eight groups', () => {
    expect(CONFIG_GROUPS.map((group) => group.name)).toEqual(['database', 'redis', 'http', 'auth', 'admission', 'worker', 'webhooks', 'observability']);
    expect(new Set(everyVariable).size).toBe(everyVariable.length);
    const read = new Set([...PROCESS_VARIABLES.api, ...PROCESS_VARIABLES.worker, ...PROCESS_VARIABLES.migration]);
    expect([...read].sort()).toEqual([...everyVariable].sort());
  });

  it('gives each process the variables it reads, and keeps the parsed configuration flat', () => {
    expect(PROCESS_VARIABLES.api).toEqual(expect.arrayContaining(['DB_WAIT_MS', 'JWT_SECRET', 'RATE_LIMIT_PER_IP', 'TRUST_PROXY_HOPS', 'EVENT_STATE_REFRESH_MS']));
    expect(PROCESS_VARIABLES.api).not.toContain('WORKER_LOCK_DURATION_MS');
    expect(PROCESS_VARIABLES.worker).toEqual(expect.arrayContaining(['WORKER_LOCK_DURATION_MS', 'METRICS_PORT', 'SHUTDOWN_GRACE_MS']));
    expect(PROCESS_VARIABLES.worker).not.toContain('DB_WAIT_MS');
    expect(PROCESS_VARIABLES.migration).toEqual(['DATABASE_URL', 'LOG_LEVEL']);
    expect(loadMigrationConfig({ ...common, PORT: 'ignored' })).toEqual({ DATABASE_URL: common.DATABASE_URL, LOG_LEVEL: 'info' });
    expect(Object.keys(loadWorkerConfig(common)).sort()).toEqual(PROCESS_VARIABLES.worker.filter((name) => !['REDIS_CLUSTER_NODES', 'METRICS_PORT', 'WEBHOOK_ALLOW_PRIVATE_NETWORKS'].includes(name)).sort());
  });

  it('knows each variable\'s default, and none for a required or optional one', () => {
    expect(defaultOf('PARTITION_COUNT')).toBe(16);
    expect(defaultOf('METRICS_ENABLED')).toBe(true);
    expect(defaultOf('EVENT_STATE_REFRESH_MS')).toBe(1_000);
    expect(defaultOf('DATABASE_URL')).toBeUndefined();
    expect(defaultOf('SESSION_SECRET')).toBeUndefined();
    expect(() => defaultOf('NO_SUCH_VARIABLE')).toThrow('NO_SUCH_VARIABLE');
  });
});

describe('combinations that cannot work', () => {
  /** Every line of the error that names both variables. */
  const linesNaming = (message: string, a: string, b: string) => message.split('\n').filter((line) => line.includes(a) && line.includes(b));

  it('refuses a rate-limit reconcile no shorter than the window, naming both', () => {
    const message = configErrorOf(() => loadApiConfig({ ...apiEnv, RATE_LIMIT_WINDOW_SECONDS: '1', RATE_LIMIT_RECONCILE_MS: '1000' })).message;
    expect(linesNaming(message, 'RATE_LIMIT_RECONCILE_MS', 'RATE_LIMIT_WINDOW_SECONDS')).toHaveLength(1);
    expect(loadApiConfig({ ...apiEnv, RATE_LIMIT_WINDOW_SECONDS: '1', RATE_LIMIT_RECONCILE_MS: '999' }).RATE_LIMIT_RECONCILE_MS).toBe(999);
    // With the rate limits off there is nothing to reconcile.
    expect(loadApiConfig({ ...apiEnv, RATE_LIMIT_ENABLED: 'false', RATE_LIMIT_WINDOW_SECONDS: '1', RATE_LIMIT_RECONCILE_MS: '5000' }).RATE_LIMIT_ENABLED).toBe(false);
  });

  it('refuses a worker METRICS_PORT with METRICS_ENABLED=false, naming both', () => {
    const message = configErrorOf(() => loadWorkerConfig({ ...common, METRICS_ENABLED: 'false', METRICS_PORT: '9464' })).message;
    expect(linesNaming(message, 'METRICS_PORT', 'METRICS_ENABLED')).toHaveLength(1);
  });

  it('refuses JWT_SECRET with JWT_JWKS_URL, neither of them, and JWT_JWKS_URL without SESSION_SECRET, naming both each time', () => {
    const jwks = { JWT_JWKS_URL: 'https://issuer.example/jwks.json' };
    expect(linesNaming(configErrorOf(() => loadApiConfig({ ...apiEnv, ...jwks, SESSION_SECRET: 'a-session-secret-of-32-characters' })).message, 'JWT_SECRET', 'JWT_JWKS_URL')).toHaveLength(1);
    expect(linesNaming(configErrorOf(() => loadApiConfig(common)).message, 'JWT_SECRET', 'JWT_JWKS_URL')).toHaveLength(1);
    expect(linesNaming(configErrorOf(() => loadApiConfig({ ...common, ...jwks })).message, 'SESSION_SECRET', 'JWT_JWKS_URL')).toHaveLength(1);
  });

  it('refuses a sample secret published with Onsale when NODE_ENV=production, naming both, and allows it otherwise', () => {
    for (const sample of SAMPLE_SECRETS) {
      const message = configErrorOf(() => loadApiConfig({ ...apiEnv, NODE_ENV: 'production', JWT_SECRET: sample })).message;
      expect(linesNaming(message, 'JWT_SECRET', 'NODE_ENV')).toHaveLength(1);
      expect(message).toMatch(/JWT_SECRET: is a sample secret published with Onsale, refused with NODE_ENV=production/);
      expect(loadApiConfig({ ...apiEnv, NODE_ENV: 'development', JWT_SECRET: sample }).JWT_SECRET).toBe(sample);
      expect(loadApiConfig({ ...apiEnv, JWT_SECRET: sample }).JWT_SECRET).toBe(sample);
    }
    const session = configErrorOf(() => loadApiConfig({ ...apiEnv, NODE_ENV: 'production', SESSION_SECRET: 'local-dev-secret-change-me' })).message;
    expect(linesNaming(session, 'SESSION_SECRET', 'NODE_ENV')).toHaveLength(1);
    expect(loadApiConfig({ ...apiEnv, NODE_ENV: 'production' }).NODE_ENV).toBe('production');
  });

  it('knows every sample secret the repository publishes', () => {
    const root = join(__dirname, '..', '..', '..');
    const published = [
      readFileSync(join(root, '.env.example'), 'utf8').match(/^JWT_SECRET=(.+)$/m)?.[1],
      readFileSync(join(root, 'scripts', 'src', 'demo.ts'), 'utf8').match(/JWT_SECRET \?\? '([^']+)'/)?.[1],
      readFileSync(join(root, 'scripts', 'src', 'bench', 'main.ts'), 'utf8').match(/JWT_SECRET \?\? '([^']+)'/)?.[1],
      ...[...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/JWT_SECRET=([A-Za-z0-9-]{16,})/g)].map((match) => match[1]),
    ];
    expect(published.length).toBeGreaterThanOrEqual(3);
    for (const secret of published) expect({ secret, known: SAMPLE_SECRETS.has(secret ?? '') }).toEqual({ secret, known: true });
  });

  it('refuses both or neither of REDIS_URL and REDIS_CLUSTER_NODES, naming both', () => {
    expect(linesNaming(configErrorOf(() => loadWorkerConfig({ ...common, REDIS_CLUSTER_NODES: 'redis-a:7000' })).message, 'REDIS_URL', 'REDIS_CLUSTER_NODES')).toHaveLength(1);
    expect(linesNaming(configErrorOf(() => loadWorkerConfig({ DATABASE_URL: common.DATABASE_URL })).message, 'REDIS_URL', 'REDIS_CLUSTER_NODES')).toHaveLength(1);
  });

  it('reports a refused combination together with the other bad variables', () => {
    const message = configErrorOf(() => loadApiConfig({ ...apiEnv, PORT: 'eighty', RATE_LIMIT_WINDOW_SECONDS: '1', RATE_LIMIT_RECONCILE_MS: '2000' })).message;
    expect(message).toMatch(/^\s+PORT: /m);
    expect(message).toMatch(/^\s+RATE_LIMIT_RECONCILE_MS: must be shorter than RATE_LIMIT_WINDOW_SECONDS/m);
  });
});
