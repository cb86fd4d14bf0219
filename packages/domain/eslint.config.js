const { onsaleConfig } = require('@onsale/eslint-config');

module.exports = onsaleConfig({ tsconfigRootDir: __dirname });
