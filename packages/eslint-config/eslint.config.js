const { onsaleConfig } = require('./src/index.js');

module.exports = onsaleConfig({ tsconfigRootDir: __dirname });
