// The repository root: the shared test support, the end-to-end and cluster tests, the jest config.
// Each package lints its own directory with its own eslint.config.js (`pnpm lint` runs both).
const { onsaleConfig } = require('@onsale/eslint-config');

module.exports = onsaleConfig({
  tsconfigRootDir: __dirname,
  processEnvAllowedIn: ['test/support/**', 'test/chaos/support/**', 'jest.config.js'],
  ignores: ['apps/', 'packages/', 'scripts/', 'bench-results/', 'docs/'],
});
