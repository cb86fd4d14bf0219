import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

/** The committed SQL migrations, shipped beside `dist/`. */
export const migrationsFolder = join(__dirname, '..', 'migrations');

export async function migrateDatabase(url: string, folder = migrationsFolder): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(sql), { migrationsFolder: folder });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** `serverUrl` with its database name replaced. */
export function databaseUrlFor(serverUrl: string, databaseName: string): string {
  return Object.assign(new URL(serverUrl), { pathname: `/${databaseName}` }).toString();
}

/** Drops `databaseName` on the server of `serverUrl` if it exists, creates it afresh and migrates it. */
export async function freshDatabase(serverUrl: string, databaseName: string): Promise<string> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${databaseName}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const databaseUrl = databaseUrlFor(serverUrl, databaseName);
  await migrateDatabase(databaseUrl);
  return databaseUrl;
}
