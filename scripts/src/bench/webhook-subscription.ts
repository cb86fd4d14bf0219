import { join } from 'node:path';
import { WEBHOOK_EVENT_TYPES } from '@onsale/shared';
import postgres from 'postgres';
import { z } from 'zod';
import { freePort, startNode, waitForHttp, type RunningProcess, type StartOptions } from '../processes';

/** What the receiver has received so far (`GET /received`); times in ms since the epoch. */
export const receivedWebhooks = z.object({ count: z.number().int().nonnegative(), firstAt: z.number().nullable(), lastAt: z.number().nullable() });
export type ReceivedWebhooks = z.infer<typeof receivedWebhooks>;

export interface WebhookReceiverProcess {
  process: RunningProcess;
  received(): Promise<ReceivedWebhooks>;
}

/**
 * The onsale-webhooks variant's endpoint: starts the local receiver (a process of its own) and
 * registers it in the run's database for every event type, allowed on loopback, so that every
 * decision of the run records and delivers webhooks.
 */
export async function subscribeWebhookReceiver(databaseUrl: string, options: StartOptions): Promise<WebhookReceiverProcess> {
  const port = await freePort();
  const receiver = startNode(join(__dirname, 'webhook-receiver.js'), 'webhook-receiver', { BENCH_WEBHOOK_PORT: String(port) }, options);
  const receivedUrl = `http://127.0.0.1:${port}/received`;
  await waitForHttp(receivedUrl).catch(async (error: unknown) => {
    await receiver.stop();
    throw error;
  });
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`
      INSERT INTO webhook_endpoints (url, event_types, secret, allow_private, description)
      VALUES (${`http://127.0.0.1:${port}/hooks`}, ${[...WEBHOOK_EVENT_TYPES]}, ${`whsec_${Buffer.alloc(32, 1).toString('base64')}`}, true, 'bench')`;
  } finally {
    await sql.end({ timeout: 5 });
  }
  return {
    process: receiver,
    received: async () => receivedWebhooks.parse(await (await fetch(receivedUrl)).json()),
  };
}
