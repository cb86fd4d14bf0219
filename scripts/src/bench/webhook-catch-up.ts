import type postgres from 'postgres';
import { sleep } from './clock';
import type { ReceivedWebhooks, WebhookReceiverProcess } from './webhook-subscription';

/*
 * The onsale-webhooks variant's second figure: after the drain, how long the webhooks took to
 * reach the receiver. Webhooks yield to a backlog of decisions (docs/webhooks.md#during-a-rush),
 * so a drain's webhooks are mostly delivered after it: its decisions/s alone would flatter it.
 */

const POLL_MS = 250;

export interface WebhookCatchUp {
  /** The webhooks the run's decisions committed (its one endpoint gets each): one per decided reservation, and event.sold_out. */
  expected: number;
  received: number;
  /** Not all `expected` arrived within --webhook-timeout. */
  timedOut: boolean;
  /** The first and the last webhook received minus the last decision (ms; a first one can come before it). */
  firstAfterLastDecisionMs: number | null;
  lastAfterLastDecisionMs: number | null;
  /** Received per second, from the first webhook received to the last. */
  perSecond: number | null;
}

export interface WebhooksReceived extends ReceivedWebhooks {
  expected: number;
  timedOut: boolean;
}

/** Waits (at most `timeoutMs`) until the receiver has every webhook the run's decisions committed. */
export async function awaitWebhooks(receiver: WebhookReceiverProcess, sql: postgres.Sql, timeoutMs: number): Promise<WebhooksReceived> {
  const [row] = await sql<{ count: string }[]>`SELECT count(*) AS count FROM webhook_messages`;
  const expected = Number(row!.count);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const received = await receiver.received();
    if (received.count >= expected) return { ...received, expected, timedOut: false };
    if (Date.now() > deadline) return { ...received, expected, timedOut: true };
    await sleep(POLL_MS);
  }
}

export function webhookCatchUp(seen: WebhooksReceived, lastDecidedAt: number | null): WebhookCatchUp {
  const after = (at: number | null) => (at !== null && lastDecidedAt !== null ? at - lastDecidedAt : null);
  const spanMs = seen.firstAt !== null && seen.lastAt !== null ? seen.lastAt - seen.firstAt : 0;
  return {
    expected: seen.expected,
    received: seen.count,
    timedOut: seen.timedOut,
    firstAfterLastDecisionMs: after(seen.firstAt),
    lastAfterLastDecisionMs: after(seen.lastAt),
    perSecond: spanMs > 0 ? seen.count / (spanMs / 1000) : null,
  };
}
