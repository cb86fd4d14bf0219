import { createSecretKey } from 'node:crypto';
import type { Request } from 'express';
import { jwtVerify } from 'jose';

/*
 * What the bare (no Onsale code) benchmark APIs, auth-ceiling and minimal-sync, share: the HS256
 * bearer token's verification, and the hand-written check of a reservation item's shape.
 */

/** Onsale's own limit on one item's quantity. */
const MAX_QUANTITY = 100;

export interface Item {
  ticketType: string;
  quantity: number;
}

/** The verifier of the HS256 bearer token signed with `secret`: the subject, undefined without a valid token. */
export function bearerSubject(secret: string): (req: Request) => Promise<string | undefined> {
  const key = createSecretKey(Buffer.from(secret));
  return async (req) => {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return undefined;
    try {
      const { payload } = await jwtVerify(header.slice('Bearer '.length), key, { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] });
      return typeof payload.sub === 'string' ? payload.sub : undefined;
    } catch {
      return undefined;
    }
  };
}

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export const isItem = (item: unknown): item is Item =>
  isObject(item) &&
  typeof item.ticketType === 'string' &&
  Number.isInteger(item.quantity) &&
  (item.quantity as number) >= 1 &&
  (item.quantity as number) <= MAX_QUANTITY;
