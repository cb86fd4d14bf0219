// @ts-check
'use strict';
const { defineConfig, globalIgnores } = require('eslint/config');
const tseslint = require('typescript-eslint');

const processEnvMessage =
  'Read configuration through @onsale/shared (loadApiConfig, loadWorkerConfig, …): process.env is read only in packages/shared/src/config.ts.';

/**
 * Onsale's ESLint flat config: typescript-eslint's recommended rules with type information,
 * no floating promises, no unused variables (a leading `_` opts out), and no `process.env`
 * outside the files a package allows.
 *
 * @param {object} options
 * @param {string} options.tsconfigRootDir the package's directory (`__dirname` of its eslint.config.js)
 * @param {string[]} [options.processEnvAllowedIn] globs, relative to that directory, of files that may read `process.env`
 * @param {string[]} [options.allowDefaultProject] TypeScript files outside the package's tsconfig.json (e.g. a tool's config), type-checked with default options
 * @param {string[]} [options.ignores] further globs, relative to that directory, not to lint
 */
function onsaleConfig({ tsconfigRootDir, processEnvAllowedIn = [], allowDefaultProject = [], ignores = [] }) {
  return defineConfig(
    globalIgnores(['**/dist/', '**/coverage/', ...ignores]),
    tseslint.configs.recommended,
    {
      languageOptions: {
        parserOptions: {
          projectService: allowDefaultProject.length === 0 ? true : { allowDefaultProject },
          tsconfigRootDir,
        },
      },
      linterOptions: { reportUnusedDisableDirectives: 'error' },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/no-misused-promises': 'error',
        '@typescript-eslint/await-thenable': 'error',
        '@typescript-eslint/no-unused-vars': [
          'error',
          {
            args: 'after-used',
            argsIgnorePattern: '^_',
            varsIgnorePattern: '^_',
            caughtErrorsIgnorePattern: '^_',
            destructuredArrayIgnorePattern: '^_',
            ignoreRestSiblings: true,
          },
        ],
        // A `let` read by a closure before its one assignment (a cleanup set once something resolves) is not a const.
        'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
        'no-restricted-properties': ['error', { object: 'process', property: 'env', message: processEnvMessage }],
        'no-restricted-imports': [
          'error',
          { paths: ['process', 'node:process'].map((name) => ({ name, importNames: ['env'], message: processEnvMessage })) },
        ],
      },
    },
    {
      // Tests read untyped JSON (the OpenAPI document, problem bodies): `any` there is honest.
      files: ['**/*.test.ts', '**/test/support/**/*.ts', 'support/**/*.ts'],
      rules: { '@typescript-eslint/no-explicit-any': 'off' },
    },
    {
      // Plain JavaScript: CommonJS, and no type information (no tsconfig includes these files).
      files: ['**/*.{js,cjs}'],
      extends: [tseslint.configs.disableTypeChecked],
      languageOptions: { sourceType: 'commonjs' },
      rules: { '@typescript-eslint/no-require-imports': 'off' },
    },
    processEnvAllowedIn.length === 0
      ? []
      : {
          files: processEnvAllowedIn,
          rules: { 'no-restricted-properties': 'off', 'no-restricted-imports': 'off' },
        },
  );
}

module.exports = { onsaleConfig };
