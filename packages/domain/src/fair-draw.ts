import { createHash, createHmac } from 'node:crypto';

/*
 * The fair draw of an event's pre-queue, as a third party recomputes it. The seed is 32 random
 * bytes, written as 64 lowercase hex digits; the commitment, published when the pre-queue opens,
 * is SHA-256 of those 32 bytes. Each request in the pre-queue is published as its entry,
 *
 *   entry = hex(SHA-256(the request id as 36 lowercase ASCII characters))
 *
 * (request ids are the reservation ids, which let their customer act on the reservation: the list
 * names none), and after the draw the seed is revealed and each entry's rank is
 *
 *   rank = hex(HMAC-SHA256(key = the seed's 32 bytes, message = the entry's 64 hex characters, ASCII))
 *
 * The entries sorted by rank (ascending, as strings of lowercase hex: byte order), ties by entry,
 * are the draw order: position 1 is decided first. Anyone can recompute it from the published
 * entries and seed; a customer finds their own entry by hashing their reservation id.
 */

/** The method, in the words `GET /v1/events/{eventId}/draw` publishes. */
export const DRAW_METHOD =
  'seed: 32 random bytes, revealed after the draw as 64 lowercase hex digits. ' +
  'commitment: lowercase hex SHA-256 of the 32 seed bytes, published when the pre-queue opens (before any entry). ' +
  'entry: lowercase hex SHA-256 of the request id (the reservation id, 36 lowercase ASCII characters); a customer finds theirs by hashing their reservation id. ' +
  'rank: lowercase hex HMAC-SHA256 with the 32 seed bytes as key and the entry (64 ASCII hex characters) as message. ' +
  'Draw order: entries sorted by rank ascending (ties, never seen, by entry); position 1 is decided first, then requests that arrived after salesStartAt, in arrival order.';

const HEX_SEED = /^[0-9a-f]{64}$/;

/** The commitment to a seed: SHA-256 of its bytes, lowercase hex. */
export function commitmentOf(seed: string): string {
  if (!HEX_SEED.test(seed)) throw new RangeError('a draw seed is 64 lowercase hex digits');
  return createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex');
}

/** A request's published entry: SHA-256 of its id, lowercase hex. */
export function drawEntryOf(requestId: string): string {
  return createHash('sha256').update(requestId.toLowerCase(), 'ascii').digest('hex');
}

/** An entry's rank: HMAC-SHA256(seed bytes, entry), lowercase hex. */
export function drawRankOf(seed: string, entry: string): string {
  return createHmac('sha256', Buffer.from(seed, 'hex')).update(entry, 'ascii').digest('hex');
}

const byRankThenEntry = (a: { rank: string; entry: string }, b: { rank: string; entry: string }) =>
  a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0;

/** The request ids in draw order, each with its entry and rank. */
export function drawOrder(seed: string, requestIds: readonly string[]): { id: string; entry: string; rank: string }[] {
  return requestIds
    .map((id) => {
      const entry = drawEntryOf(id);
      return { id, entry, rank: drawRankOf(seed, entry) };
    })
    .sort(byRankThenEntry);
}
