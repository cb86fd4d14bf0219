import { z } from 'zod';
import { storableText } from './common';

export const ROLES = ['admin', 'customer'] as const;

/** Claims Onsale reads from a verified JWT; others are ignored. */
export const accessTokenClaims = z.object({
  sub: storableText(1, 200),
  role: z.enum(ROLES).default('customer'),
  /** Tokens must expire; the verifier has already checked the time. */
  exp: z.number(),
  /** Issued at: needed when the API limits a token's lifetime (`exp - iat`). */
  iat: z.number().optional(),
});
export type Principal = Pick<z.infer<typeof accessTokenClaims>, 'sub' | 'role'>;
