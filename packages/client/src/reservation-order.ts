import type { Reservation } from './types';

/**
 * How `next` compares with `last`, the newest state of the same reservation seen so far: newer
 * with a higher version, or the same version nearer the front of the queue. Answers can come
 * back older than one already seen (another API instance a moment behind, or the poll that
 * follows a broken stream). A place only moves towards the front while its version stands, so
 * the same version further back, or without a place where one was known, is older.
 */
export function recency(next: Reservation, last: Reservation | undefined): 'newer' | 'same' | 'older' {
  if (!last || next.version > last.version) return 'newer';
  if (next.version < last.version) return 'older';
  const nextPosition = next.queue?.position ?? undefined;
  const lastPosition = last.queue?.position ?? undefined;
  // Waiting for the draw (position null) is before any place, as no place at all is.
  if (nextPosition === undefined) return lastPosition !== undefined ? 'older' : 'same';
  if (lastPosition === undefined || nextPosition < lastPosition) return 'newer';
  return nextPosition === lastPosition ? 'same' : 'older';
}
