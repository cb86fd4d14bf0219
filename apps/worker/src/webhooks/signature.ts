import { createHmac } from 'node:crypto';

/*
 * Standard Webhooks signing (https://www.standardwebhooks.com): the signed content is
 * `${webhook-id}.${webhook-timestamp}.${body}`, signed with HMAC-SHA256 under the secret's bytes
 * (the base64 after `whsec_`), sent as `v1,<base64>`; several signatures are space-separated.
 */

/** The key bytes of a `whsec_` secret. */
const secretKey = (secret: string): Buffer => Buffer.from(secret.slice('whsec_'.length), 'base64');

/** The `webhook-signature` header: one `v1,` signature per secret, space-separated. */
export function signatureHeader(id: string, timestampSeconds: number, body: string, secrets: readonly string[]): string {
  return secrets
    .map((secret) => `v1,${createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`)
    .join(' ');
}
