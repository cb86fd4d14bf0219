import { z } from 'zod';

/** No NUL character (PostgreSQL text cannot hold one) and no unpaired surrogate (no UTF-8 for it). */
const STORABLE_TEXT = /^(?:[^\0\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;

/** A string PostgreSQL can store as text: every text field and claim that reaches the database. */
export const storableText = (min: number, max: number) =>
  z.string().min(min).max(max).regex(STORABLE_TEXT, 'must not contain a NUL character or an unpaired surrogate');

/** Years 1 to 9999 in UTC: what PostgreSQL's timestamptz reads back from an ISO date (no year 0, no 5-digit years). */
const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

export const isoDateTime = z.iso.datetime({ offset: true }).refine((value) => {
  const at = Date.parse(value);
  return at >= EARLIEST && at <= LATEST;
}, 'must be between the years 1 and 9999 once its offset is applied');

export const paginationQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type PaginationQuery = z.infer<typeof paginationQuery>;

function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** Pass as `cursor` to get the next page; null on the last page. */
    nextCursor: z.string().nullable(),
  });
}

const pages = new WeakMap<z.ZodType, ReturnType<typeof pageOf>>();

/** A page of `item`; named `<Item>Page` in the OpenAPI document when the item is named, and one schema per item. */
export function paginated<T extends z.ZodType>(item: T): ReturnType<typeof pageOf<T>> {
  const known = pages.get(item);
  if (known) return known as ReturnType<typeof pageOf<T>>;
  const id = z.globalRegistry.get(item)?.id;
  const page = id ? pageOf(item).meta({ id: `${id}Page` }) : pageOf(item);
  pages.set(item, page);
  return page;
}

export const problemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
