import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A real HTTP receiver for webhook tests, and Standard Webhooks verification written from the
 * specification (https://www.standardwebhooks.com), independently of the worker's signer.
 */

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

export type Answer = { status: number; headers?: Record<string, string>; delayMs?: number };

export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** How each request is answered; 204 unless a test says otherwise. */
  answer: (request: ReceivedWebhook) => Answer = () => ({ status: 204 });
  inFlight = 0;
  maxInFlight = 0;
  private server: Server | undefined;
  port = 0;

  async start(port = 0): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = { path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() };
        this.received.push(request);
        this.inFlight += 1;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        const answer = this.answer(request);
        setTimeout(() => {
          this.inFlight -= 1;
          res.writeHead(answer.status, answer.headers ?? {}).end();
        }, answer.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Stops listening and drops every open connection: the receiver is down. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(path = '/hooks'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }
}

/** A fresh `whsec_` secret. */
export const testSecret = (fill: number) => `whsec_${Buffer.alloc(32, fill).toString('base64')}`;

/**
 * Verifies a webhook as a receiver following the Standard Webhooks spec does: the signed content
 * is `${webhook-id}.${webhook-timestamp}.${body}`, HMAC-SHA256 keyed with the base64-decoded part
 * of the secret after `whsec_`, and any `v1,` signature of the space-separated list may match.
 */
export function verifyStandardWebhook(webhook: ReceivedWebhook, secret: string): boolean {
  const id = webhook.headers['webhook-id'];
  const timestamp = webhook.headers['webhook-timestamp'];
  const signatures = webhook.headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${webhook.body}`).digest();
  return signatures.split(' ').some((signature) => {
    const [version, value] = signature.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
