import { writeFile } from 'node:fs/promises';
import { CLIENT_TYPES_FILE, clientTypesSource } from './client-types';

/*
 * `pnpm --filter @onsale/client generate`: regenerates @onsale/client's types from the API's
 * document. With --stdout it prints them instead (what the agreement test compares).
 */
const toStdout = process.argv.includes('--stdout');
clientTypesSource()
  .then(async (source) => {
    if (toStdout) return void process.stdout.write(source);
    await writeFile(CLIENT_TYPES_FILE, source);
    process.stdout.write(`wrote ${CLIENT_TYPES_FILE}\n`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
