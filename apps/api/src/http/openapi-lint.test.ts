import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { apiOpenApiDocument } from './api-document';

const redocly = resolve(__dirname, '../../../../node_modules/.bin/redocly');

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; location: { pointer: string }[] }[];
}

/** `redocly lint` with its built-in recommended rules, on the document the API serves. */
async function lint(document: unknown): Promise<LintReport> {
  const dir = await mkdtemp(join(tmpdir(), 'onsale-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(document, null, 2));
    const { stdout } = await promisify(execFile)(redocly, ['lint', file, '--format=json'], { cwd: dir });
    return JSON.parse(stdout) as LintReport;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('the OpenAPI document passes redocly lint (recommended); the live stream\u2019s data schema is referred to only from x-sse-events, which redocly does not follow', async () => {
  const report = await lint(apiOpenApiDocument());
  expect(report.totals.errors).toBe(0);
  expect(report.problems.map((problem) => `${problem.ruleId} ${problem.location[0]!.pointer}`)).toEqual([
    'no-unused-components #/components/schemas/LiveEvent',
  ]);
});

test('every operation is named, and every one that is not public asks for the bearer token', () => {
  const document = apiOpenApiDocument();
  const operations = Object.values(document.paths ?? {}).flatMap((item) =>
    (['get', 'head', 'post', 'put', 'patch', 'delete'] as const).flatMap((method) => (item[method] ? [item[method]] : [])),
  );
  const ids = operations.map((operation) => operation.operationId);
  expect(ids).not.toContain(undefined);
  expect(new Set(ids).size).toBe(ids.length);
  expect(operations.every((operation) => Array.isArray(operation.security))).toBe(true);
  expect(document.servers).toEqual([{ url: '/', description: 'This Onsale API' }]);
});
