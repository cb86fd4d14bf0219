import { z } from 'zod';
import { isoDateTime } from './common';

/**
 * `scheduled`: the pre-queue has not opened; `open`: requests enter it; `drawing`: salesStartAt has
 * come and the draw is about to run; `drawn`: the order is fixed and the seed revealed.
 */
export const DRAW_STATUSES = ['scheduled', 'open', 'drawing', 'drawn'] as const;

/** `GET /v1/events/{eventId}/draw`: an event's fair draw, as anyone may check it. */
export const drawView = z
  .object({
    eventId: z.uuid(),
    status: z.enum(DRAW_STATUSES),
    preQueueOpensAt: isoDateTime,
    /** When the draw runs: the event's salesStartAt. */
    drawAt: isoDateTime,
    /** SHA-256 of the secret seed (lowercase hex), published before the pre-queue opens. */
    commitment: z.string().regex(/^[0-9a-f]{64}$/),
    /** How the order follows from the seed and the entries, precisely enough to recompute it. */
    method: z.string(),
    /** Entries in the pre-queue (one per customer): so far, or ranked by the draw. */
    entries: z.int().nonnegative(),
    drawnAt: isoDateTime.nullable(),
    /** The seed (64 lowercase hex digits), revealed once the draw has run; null before. */
    seed: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  })
  .meta({ id: 'Draw' });
export type DrawView = z.infer<typeof drawView>;

/** One ranked entry of a drawn pre-queue: no request id, its SHA-256 (`entry`). */
export const drawEntryView = z
  .object({
    /** 1: decided first. */
    position: z.int().positive(),
    /** Lowercase hex SHA-256 of the request (reservation) id. */
    entry: z.string().regex(/^[0-9a-f]{64}$/),
    /** Lowercase hex HMAC-SHA256(seed bytes, entry): the entries sorted by it are the draw order. */
    rank: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .meta({ id: 'DrawEntry' });
export type DrawEntryView = z.infer<typeof drawEntryView>;
