import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { testServerUrl } from '../../../test/support/test-database';
import { databaseUrlFor, migrateDatabase, migrationsFolder } from './migrate';

/*
 * drizzle applies a migration only if its journal `when` is later than that of the last one the
 * database has applied: a migration whose `when` is earlier is skipped on every database that is
 * upgraded, though a fresh one gets it.
 */

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}
const journalPath = (folder: string) => join(folder, 'meta', '_journal.json');
const readJournal = (folder: string): Journal => JSON.parse(readFileSync(journalPath(folder), 'utf8'));

describe('the migrations', () => {
  it('are dated in the order they apply', () => {
    const { entries } = readJournal(migrationsFolder);
    for (let index = 1; index < entries.length; index++) expect(entries[index]!.when).toBeGreaterThan(entries[index - 1]!.when);
  });

  it('upgrade a database migrated by an earlier release to the latest schema', async () => {
    const serverUrl = testServerUrl();
    const name = `onsale_test_upgrade_${randomBytes(6).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    // The release before the webhook fan-out's index changes: migrations up to 0011.
    const earlier = mkdtempSync(join(tmpdir(), 'onsale-migrations-'));
    cpSync(migrationsFolder, earlier, { recursive: true });
    const journal = readJournal(earlier);
    writeFileSync(journalPath(earlier), JSON.stringify({ ...journal, entries: journal.entries.filter((entry) => entry.idx <= 11) }));
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = databaseUrlFor(serverUrl, name);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await migrateDatabase(url, earlier);
      await migrateDatabase(url);

      const [derived] = await sql<{ exists: boolean }[]>`SELECT to_regproc('webhook_message_id') IS NOT NULL AS exists`;
      expect(derived!.exists).toBe(true);
      const indexes = await sql<{ name: string; definition: string }[]>`
        SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE tablename IN ('webhook_messages', 'webhook_deliveries')`;
      const names = indexes.map((index) => index.name);
      expect(names).not.toContain('webhook_messages_reservation_sequence_unique');
      expect(indexes.find((index) => index.name === 'webhook_deliveries_due_idx')!.definition).toContain('(endpoint_id, next_attempt_at, id)');
      const [applied] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations`;
      expect(applied!.count).toBe(readJournal(migrationsFolder).entries.length);
    } finally {
      await sql.end({ timeout: 5 });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
      rmSync(earlier, { recursive: true, force: true });
    }
  });
});
