const { onsaleConfig } = require('@onsale/eslint-config');

// src/openapi.ts is generated from the API's document (pnpm --filter @onsale/client generate).
module.exports = onsaleConfig({ tsconfigRootDir: __dirname, ignores: ['src/openapi.ts'], allowDefaultProject: ['esm-entry.mjs'] });
