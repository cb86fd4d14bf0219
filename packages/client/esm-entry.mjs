// Writes the package's ESM entry after `tsc` has built the CommonJS one (dist/cjs): a wrapper that
// re-exports the CommonJS modules by name, so that `import` and `require` get the same classes
// (`error instanceof SoldOut` holds whichever way the package was loaded), and its types.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const names = Object.keys(require('./dist/cjs/index.js')).filter((name) => name !== '__esModule');
if (names.length === 0) throw new Error('dist/cjs/index.js exports nothing');
mkdirSync('dist/esm', { recursive: true });
writeFileSync('dist/cjs/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`);
writeFileSync('dist/esm/index.mjs', `import client from '../cjs/index.js';\n\nexport const { ${names.sort().join(', ')} } = client;\n`);
writeFileSync('dist/esm/index.d.mts', `export * from '../cjs/index.js';\n`);
