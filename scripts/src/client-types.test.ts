import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

// openapi-typescript's own dependencies are ES modules, which jest's module loader cannot require
// on Node 20; the built generator (`pnpm test` builds first) runs in plain node instead.
const generator = join(__dirname, '../dist/generate-client-types.js');
const committedTypes = join(__dirname, '../../packages/client/src/openapi.ts');

test("@onsale/client's committed types are what the API's OpenAPI document generates (else: pnpm --filter @onsale/client generate)", async () => {
  const { stdout: generated } = await promisify(execFile)(process.execPath, [generator, '--stdout'], { maxBuffer: 16 * 1024 * 1024 });
  expect(await readFile(committedTypes, 'utf8')).toBe(generated);
});
