import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { BlockList } from 'node:net';
import { guardedLookup, isAddressAllowed, RefusedAddress } from './network-guard';
import { signatureHeader } from './signature';

/** One POST of a webhook, as Standard Webhooks sends it. */
export interface Attempt {
  url: string;
  messageId: string;
  body: string;
  secrets: readonly string[];
  allowPrivate: boolean;
}

export interface AttemptResult {
  startedAt: Date;
  latencyMs: number;
  /** The status the endpoint answered; null when there was no answer. */
  statusCode: number | null;
  retryAfter: string | undefined;
  /** Why there was no answer: refused address, timeout, connection error. */
  error: string | null;
}

export interface AttemptOptions {
  timeoutMs: number;
  allowed: BlockList;
}

/** The most of an answer's body read (and thrown away) before the connection is closed. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Sends the webhook once: signed headers, the body, no redirects followed (a 3xx is a failure, as
 * every non-2xx is). Never throws: a refusal, a timeout or a broken connection is a result too.
 */
export async function attemptDelivery(attempt: Attempt, options: AttemptOptions): Promise<AttemptResult> {
  const startedAt = new Date();
  const started = performance.now();
  const result = (fields: Omit<AttemptResult, 'startedAt' | 'latencyMs'>): AttemptResult => ({
    startedAt,
    latencyMs: Math.round(performance.now() - started),
    ...fields,
  });
  try {
    const answer = await post(attempt, options, Math.floor(startedAt.getTime() / 1000));
    return result({ statusCode: answer.statusCode, retryAfter: answer.retryAfter, error: null });
  } catch (error) {
    return result({ statusCode: null, retryAfter: undefined, error: describe(error, options.timeoutMs) });
  }
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof RefusedAddress) return error.message;
  if (error instanceof Error && error.name === 'AbortError') return `no complete answer within ${timeoutMs} ms`;
  const code = (error as { code?: string }).code;
  return error instanceof Error ? `${code ? `${code}: ` : ''}${error.message}` : String(error);
}

function post(attempt: Attempt, options: AttemptOptions, timestamp: number): Promise<{ statusCode: number; retryAfter: string | undefined }> {
  const url = new URL(attempt.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // A literal address is connected to without a lookup: checked here.
  if (isIP(host) && !isAddressAllowed(host, { allowPrivate: attempt.allowPrivate, allowed: options.allowed })) {
    return Promise.reject(new RefusedAddress(host, host));
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        signal: AbortSignal.timeout(options.timeoutMs),
        lookup: guardedLookup({ allowPrivate: attempt.allowPrivate, allowed: options.allowed }) as never,
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(attempt.body),
          'user-agent': 'Onsale-Webhooks/1',
          'webhook-id': attempt.messageId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureHeader(attempt.messageId, timestamp, attempt.body, attempt.secrets),
        },
      },
      (response: IncomingMessage) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) response.destroy();
        });
        const answered = () => {
          const retryAfter = response.headers['retry-after'];
          resolve({ statusCode: response.statusCode ?? 0, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter });
        };
        response.on('end', answered);
        response.on('close', answered);
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(attempt.body);
  });
}
