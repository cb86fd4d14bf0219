import { writeFile } from 'node:fs/promises';
import { CLIENT_TYPES_FILE, clientTypesSource } from './client-types';

/* `pnpm --filter @onsale/client generate`: regenerates @onsale/client's types from the API's document. */
clientTypesSource()
  .then((source) => writeFile(CLIENT_TYPES_FILE, source))
  .then(() => process.stdout.write(`wrote ${CLIENT_TYPES_FILE}\n`))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
