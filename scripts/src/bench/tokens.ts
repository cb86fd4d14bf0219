import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** Long enough for the whole suite: every token is signed once, before anything is timed. */
const TOKEN_LIFETIME = '6h';

export function signTokens(jwtSecret: string, subjects: readonly string[], role: 'admin' | 'customer' = 'customer'): string[] {
  // Derived once: given a string, jsonwebtoken parses it as a key on every sign.
  const key = createSecretKey(Buffer.from(jwtSecret));
  return subjects.map((sub) => jwt.sign({ sub, role }, key, { algorithm: 'HS256', expiresIn: TOKEN_LIFETIME }));
}
