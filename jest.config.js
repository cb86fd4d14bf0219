/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // Tests run against sources; the e2e test starts the built apps (`pnpm test` builds first).
  moduleNameMapper: {
    '^@onsale/(shared|domain|db|queue|client|cli)$': '<rootDir>/packages/$1/src',
    '^@onsale/db/bench$': '<rootDir>/packages/db/src/bench',
    '^@onsale/(api|worker)/(.*)$': '<rootDir>/apps/$1/src/$2',
    '^@onsale/scripts/(.*)$': '<rootDir>/scripts/src/$1',
  },
  testMatch: ['<rootDir>/{apps,packages}/*/src/**/*.test.ts', '<rootDir>/scripts/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30_000,
  // Exit once every suite has run and reported. apps/worker/src/webhooks/webhook-redis-down.test.ts
  // leaves timers behind after its worker and its private Redis are closed (a Redis client of the
  // worker's still retrying, as far as seen: nine timers 2 s after the file ends), and Jest then
  // waits forever, so CI never finished; the leak itself is still to find.
  forceExit: true,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
