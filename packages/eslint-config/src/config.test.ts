import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import { onsaleConfig } from './index.js';

// The rules the issue asks for, on a throwaway TypeScript project: each fires where it should and
// only there. (The rest of typescript-eslint's recommended set is theirs to test.)
describe('onsaleConfig', () => {
  let root: string;

  const lint = async (files: Record<string, string>, processEnvAllowedIn: string[] = []) => {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), text);
    }
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: onsaleConfig({ tsconfigRootDir: root, processEnvAllowedIn }),
    });
    const results = await eslint.lintFiles(Object.keys(files));
    return results.flatMap((result) =>
      result.messages.map((message) => `${result.filePath.slice(root.length + 1)}:${message.line} ${message.ruleId}`),
    );
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'onsale-eslint-'));
    writeFileSync(
      join(root, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, target: 'ES2022', lib: ['ES2023'], module: 'Node16', types: [], noEmit: true },
        include: ['src'],
      }),
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reports a promise neither awaited nor handled, and accepts an awaited, handled or void one', async () => {
    const source = [
      'const later = async (): Promise<number> => 1;',
      'export async function run(): Promise<void> {',
      '  later();', // line 3: floating
      '  await later();',
      '  later().catch(() => undefined);',
      '  void later();',
      '}',
      'export const handler: () => void = async () => {', // line 8: a promise where void is expected
      '  await later();',
      '};',
    ].join('\n');
    expect(await lint({ 'src/promises.ts': source })).toEqual([
      'src/promises.ts:3 @typescript-eslint/no-floating-promises',
      'src/promises.ts:8 @typescript-eslint/no-misused-promises',
    ]);
  });

  it('reports unused variables and arguments, except those named with a leading _', async () => {
    const source = [
      'export function f(used: number, unusedArg: number): number {', // line 1
      '  const unused = 1;', // line 2
      '  const _ignored = 2;',
      '  return used;',
      '}',
      'export function g(_a: number, b: number): number {',
      '  return b;',
      '}',
    ].join('\n');
    expect(await lint({ 'src/unused.ts': source })).toEqual([
      'src/unused.ts:1 @typescript-eslint/no-unused-vars',
      'src/unused.ts:2 @typescript-eslint/no-unused-vars',
    ]);
  });

  it('reports process.env outside the files allowed to read it', async () => {
    const reads = [
      'declare const process: { env: Record<string, string | undefined> };',
      'export const url = process.env.DATABASE_URL;', // line 2
      'const { env } = process;', // line 3
      'export const port = env.PORT;',
      "export { env as processEnv } from 'node:process';", // line 5
    ].join('\n');
    expect(await lint({ 'src/config.ts': reads, 'src/app.ts': reads }, ['src/config.ts'])).toEqual([
      'src/app.ts:2 no-restricted-properties',
      'src/app.ts:3 no-restricted-properties',
      'src/app.ts:5 no-restricted-imports',
    ]);
  });
});
