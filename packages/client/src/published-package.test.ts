import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { apiWithWorkerForThisFile } from '../../../test/support/api-app';
import { eventBody } from '../../../test/support/factories';
import { adminToken, newCustomer } from '../../../test/support/tokens';
import { createOnsaleClient } from './index';

/*
 * @onsale/client as an integrator gets it: built (from a copy of the package), packed, installed from the tarball into a fresh
 * project (ESM, TypeScript with `module: NodeNext`), type-checked with the repository's compiler,
 * then run against the real API and a worker: reserve → decision → confirm, and a sold-out that
 * throws SoldOut. Its CommonJS entry is required too. The tarball's dependencies come from the
 * npm registry (or npm's cache).
 */

const run = promisify(execFile);
const PACKAGE_DIR = resolve(__dirname, '..');
const REPO = resolve(PACKAGE_DIR, '../..');
const TSC = join(REPO, 'node_modules/.bin/tsc');

const { app } = apiWithWorkerForThisFile();

let scratch: string;
let tarballEntries: string[];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'onsale-client-consumer-'));
  // Built and packed from a copy of the package, as its own directory would be: the build must
  // not need the monorepo's tsconfig, and the dist other tests and builds use is left alone.
  const copy = join(scratch, 'package-source');
  await mkdir(copy);
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'tsconfig.build.json', 'esm-entry.mjs', 'src']) {
    await cp(join(PACKAGE_DIR, entry), join(copy, entry), { recursive: true });
  }
  await symlink(join(PACKAGE_DIR, 'node_modules'), join(copy, 'node_modules'));
  // The package's build script, with the repository's compiler: tsc into dist/cjs, then the ESM entry.
  await run(TSC, ['-p', 'tsconfig.build.json'], { cwd: copy });
  await run('node', ['esm-entry.mjs'], { cwd: copy });
  await run('npm', ['pack', '--pack-destination', scratch, '--loglevel=error'], { cwd: copy });
  const tarball = (await readdir(scratch)).find((name) => name.endsWith('.tgz'))!;
  tarballEntries = (await run('tar', ['-tzf', join(scratch, tarball)])).stdout.trim().split('\n');

  await writeFile(join(scratch, 'package.json'), JSON.stringify({ name: 'onsale-consumer', private: true, type: 'module' }));
  await run('npm', ['install', `./${tarball}`, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: scratch });
  await writeFile(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noUncheckedIndexedAccess: true,
        // The package's own declarations are checked too, not only their use.
        skipLibCheck: false,
        types: ['node'],
        typeRoots: [join(REPO, 'node_modules/@types')],
        outDir: 'out',
      },
      include: ['*.ts', '*.cts'],
    }),
  );
}, 240_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test('the tarball holds the built package only: no sources, tests, tsconfig or .turbo logs', async () => {
  const allowed = (files: string[]) => files.filter((file) => /\.test\.|tsconfig|\.turbo|\.map$|(^|\/)src\/|esm-entry/.test(file));
  const files = tarballEntries.map((entry) => entry.replace(/^package\//, ''));
  expect(files.filter((file) => !file.startsWith('dist/')).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
  expect(files).toEqual(expect.arrayContaining(['dist/esm/index.mjs', 'dist/esm/index.d.mts', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/cjs/package.json']));
  expect(allowed(files)).toEqual([]);

  // What a pack of the package's own directory would take, .turbo logs and all lying beside it.
  const [dryRun] = JSON.parse((await run('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: PACKAGE_DIR })).stdout) as [{ files: { path: string }[] }];
  const own = dryRun.files.map((file) => file.path);
  expect(own.filter((file) => !file.startsWith('dist/')).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
  expect(allowed(own)).toEqual([]);
});

test('installed from the tarball into an ESM + NodeNext project, it type-checks and reserves, is decided and confirms', async () => {
  const event = await createOnsaleClient({ baseUrl: app().baseUrl, token: adminToken() }).events.create(
    eventBody({ ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5000, capacity: 10 }] }),
  );
  const settings = { baseUrl: app().baseUrl, token: newCustomer().token, eventId: event.id };
  await writeFile(
    join(scratch, 'reserve.ts'),
    `import { createOnsaleClient, ReservationRejected, SoldOut, type HeldReservation, type Reservation, type SettledReservation } from '@onsale/client';

const settings: { baseUrl: string; token: string; eventId: string } = ${JSON.stringify(settings)};
const onsale = createOnsaleClient({ baseUrl: settings.baseUrl, token: settings.token });

const seen: string[] = [];
const hold: HeldReservation = await onsale.reserve(settings.eventId, [{ ticketType: 'GA', quantity: 2 }], {
  idempotencyKey: crypto.randomUUID(),
  onUpdate: (state) => seen.push(state.queue ? \`\${state.status} #\${state.queue.position}\` : state.status),
});
// A held reservation's expiry is a string; any reservation's is one only once narrowed by status.
const until: string = hold.expiresAt;
const expiryOf = (reservation: Reservation): string | undefined => {
  // @ts-expect-error: not every status has an expiry
  const unnarrowed: string = reservation.expiresAt;
  void unnarrowed;
  return reservation.status === 'held' ? reservation.expiresAt : undefined;
};

const confirmed = await onsale.confirm(hold.id);
// The watch ends with a settled state, its return value; the signal would end it sooner.
const watch = onsale.watch(hold.id, { signal: AbortSignal.timeout(10_000) });
let end = await watch.next();
while (!end.done) end = await watch.next();
const settled: SettledReservation = end.value;

let soldOut: string | undefined;
try {
  await onsale.reserve(settings.eventId, { items: [{ ticketType: 'GA', quantity: 100 }] });
} catch (error) {
  if (error instanceof SoldOut && error instanceof ReservationRejected) soldOut = \`\${error.reason} \${error.reservation?.status}\`;
  else throw error;
}
console.log(JSON.stringify({ hold: hold.status, until, expiry: expiryOf(hold) === until, seen, confirmed: confirmed.status, settled: settled.status, soldOut }));
`,
  );
  await writeFile(
    join(scratch, 'require.cts'),
    `import onsale = require('@onsale/client');
const client: onsale.OnsaleClient = onsale.createOnsaleClient({ baseUrl: ${JSON.stringify(settings.baseUrl)} });
void client.events.get(${JSON.stringify(event.id)}).then((event) => console.log(JSON.stringify({ name: event.name, soldOutIsRejection: new onsale.SoldOut('e') instanceof onsale.ReservationRejected })));
`,
  );
  await writeFile(
    join(scratch, 'same-classes.mjs'),
    `import { createRequire } from 'node:module';
import { SoldOut } from '@onsale/client';
console.log(JSON.stringify({ sameClass: createRequire(import.meta.url)('@onsale/client').SoldOut === SoldOut }));
`,
  );

  const typecheck = await run(TSC, ['-p', 'tsconfig.json'], { cwd: scratch }).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true }));
  expect(typecheck.stdout).toBe('');

  const esm = JSON.parse((await run('node', ['out/reserve.js'], { cwd: scratch })).stdout) as Record<string, unknown>;
  expect(esm).toMatchObject({ hold: 'held', expiry: true, confirmed: 'confirmed', settled: 'confirmed', soldOut: 'sold_out rejected' });
  expect(Date.parse(esm.until as string)).toBeGreaterThan(Date.now());
  expect((esm.seen as string[]).at(-1)).toBe('held');

  expect(JSON.parse((await run('node', ['out/require.cjs'], { cwd: scratch })).stdout)).toEqual({ name: event.name, soldOutIsRejection: true });
  expect(JSON.parse((await run('node', ['same-classes.mjs'], { cwd: scratch })).stdout)).toEqual({ sameClass: true });
}, 60_000);
