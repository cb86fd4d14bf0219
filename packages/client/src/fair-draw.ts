/*
 * Checking an event's fair draw from what the API publishes (GET /v1/events/{eventId}/draw and
 * /draw/entries), with nothing but SHA-256 and HMAC-SHA256 (Web Crypto: Node 20 and browsers).
 * The method is the one the draw's `method` field states.
 */

const encoder = new TextEncoder();
const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
const bytesOfHex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));

/** A reservation's entry in the published list: lowercase hex SHA-256 of its id. */
export async function drawEntryOf(reservationId: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(reservationId.toLowerCase())));
}

/** An entry's rank: lowercase hex HMAC-SHA256 with the seed's 32 bytes as key and the entry as message. */
export async function drawRankOf(seed: string, entry: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', bytesOfHex(seed), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return hex(await crypto.subtle.sign('HMAC', key, encoder.encode(entry)));
}

export interface DrawCheck {
  /** Every check passed: the seed is the one committed to, every rank recomputes, and the positions follow the ranks. */
  ok: boolean;
  /** What failed, in words; empty when `ok`. */
  problems: string[];
}

/**
 * Recomputes a drawn pre-queue from its revealed seed and every published entry (all pages): the
 * seed hashes to the commitment, each rank is HMAC-SHA256(seed, entry), and the entries sorted by
 * rank (ties by entry) are positions 1, 2, 3….
 */
export async function checkDraw(
  draw: { commitment: string; seed: string | null },
  entries: readonly { position: number; entry: string; rank: string }[],
): Promise<DrawCheck> {
  if (!draw.seed) return { ok: false, problems: ['the draw has not run: no seed to check'] };
  const problems: string[] = [];
  const committed = hex(await crypto.subtle.digest('SHA-256', bytesOfHex(draw.seed)));
  if (committed !== draw.commitment) problems.push(`SHA-256 of the seed is ${committed}, not the commitment ${draw.commitment}`);
  const recomputed = await Promise.all(entries.map(async (entry) => ({ ...entry, recomputed: await drawRankOf(draw.seed!, entry.entry) })));
  for (const entry of recomputed) {
    if (entry.recomputed !== entry.rank) problems.push(`entry ${entry.entry}: rank ${entry.rank} published, ${entry.recomputed} recomputed`);
  }
  const order = [...recomputed].sort((a, b) =>
    a.recomputed < b.recomputed ? -1 : a.recomputed > b.recomputed ? 1 : a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0,
  );
  order.forEach((entry, index) => {
    if (entry.position !== index + 1) problems.push(`entry ${entry.entry}: position ${entry.position} published, ${index + 1} recomputed`);
  });
  return { ok: problems.length === 0, problems };
}
