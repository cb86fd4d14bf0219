import { readFile } from 'node:fs/promises';
import { CLIENT_TYPES_FILE, clientTypesSource } from './client-types';

test("@onsale/client's committed types are what the API's OpenAPI document generates (else: pnpm --filter @onsale/client generate)", async () => {
  const committed = await readFile(CLIENT_TYPES_FILE, 'utf8');
  expect(committed).toBe(await clientTypesSource());
});
