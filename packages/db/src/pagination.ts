import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Keyset cursor over (created_at, id): stable while rows are inserted. It carries created_at
 * exactly as PostgreSQL stores it (microseconds): a JavaScript Date keeps only milliseconds,
 * which would repeat or skip rows created within the same millisecond.
 */
export function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

const CURSOR_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?Z$/;

/** True for a timestamp PostgreSQL accepts as written: a real calendar date and time, year 1 or later. */
function isRealTimestamp(text: string): boolean {
  const parts = CURSOR_TIMESTAMP.exec(text)?.slice(1, 7).map(Number);
  if (!parts) return false;
  const [year, month, day, hour, minute, second] = parts as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  return (
    year >= 1 &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(cursor: string | undefined): { at: string; id: string } | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !isRealTimestamp(at) || !id || !UUID.test(id)) {
    throw new InvalidCursor();
  }
  return { at, id };
}

/** A timestamptz column as the exact UTC text a cursor carries. */
export function cursorTimestamp(column: AnyColumn): SQL<string> {
  return sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** (created_at, id) strictly after (`>`) or before (`<`) the cursor's row. */
export function pastCursor(
  createdAt: AnyColumn,
  id: AnyColumn,
  direction: '>' | '<',
  cursor: { at: string; id: string },
): SQL {
  return sql`(${createdAt}, ${id}) ${sql.raw(direction)} (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
}

export class InvalidCursor extends Error {
  constructor() {
    super('cursor is not one this API returned');
  }
}

/** The first `limit` rows, without their `cursorAt` column, and the cursor of the last one if more follow. */
export function pageOf<T extends { id: string; cursorAt: string }>(
  rows: T[],
  limit: number,
): Page<Omit<T, 'cursorAt'>> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ cursorAt: _cursorAt, ...row }) => row),
    nextCursor: rows.length > limit && last ? encodeCursor(last.cursorAt, last.id) : null,
  };
}
