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
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
