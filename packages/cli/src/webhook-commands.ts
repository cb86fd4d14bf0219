import type { WebhookDelivery, WebhookEndpoint, WebhookEventType } from '@onsale/client';
import type { CommandContext } from './commands';
import { CliFailure } from './failure';
import { json, table } from './output';

/**
 * The types an endpoint can subscribe to, for `--events`. The client carries the union only as a
 * type (no runtime list), so the list is spelled here as a record keyed by it: a type added to or
 * dropped from the contract fails to compile here once the client is regenerated.
 */
const SUBSCRIBABLE: Record<WebhookEventType, true> = {
  'reservation.held': true,
  'reservation.rejected': true,
  'reservation.confirmed': true,
  'reservation.cancelled': true,
  'reservation.expired': true,
  'waitlist.offered': true,
  'event.sold_out': true,
};
const WEBHOOK_TYPES = Object.keys(SUBSCRIBABLE) as WebhookEventType[];

/** `--events a,b` (or `all`) as event types; an unknown one is refused here, naming the known ones. */
export function eventTypesOf(list: string): WebhookEventType[] {
  if (list.trim() === 'all') return [...WEBHOOK_TYPES];
  const types = list.split(',').map((type) => type.trim()).filter(Boolean);
  const unknown = types.filter((type) => !(WEBHOOK_TYPES as readonly string[]).includes(type));
  if (types.length === 0 || unknown.length > 0) {
    throw new CliFailure(`unknown webhook event type${unknown.length === 1 ? '' : 's'} ${unknown.join(', ') || '(none given)'}; known: ${WEBHOOK_TYPES.join(', ')}, or all`);
  }
  return types as WebhookEventType[];
}

const endpointRow = (e: WebhookEndpoint) => [e.id, e.url, e.eventTypes.join(','), e.enabled ? 'enabled' : `disabled (${e.disabledReason})`, e.createdAt];
const ENDPOINT_HEAD = ['id', 'url', 'events', 'state', 'created'];

export async function addWebhookEndpoint(
  { client, output, asJson }: CommandContext,
  url: string,
  options: { events: string; description?: string; allowPrivateNetwork?: boolean },
): Promise<void> {
  const endpoint = await client.webhooks.create({
    url,
    eventTypes: eventTypesOf(options.events),
    ...(options.description ? { description: options.description } : {}),
    allowPrivateNetwork: options.allowPrivateNetwork === true,
  });
  if (asJson) return output.out(json(endpoint));
  output.out(`registered ${endpoint.id}\n${table(ENDPOINT_HEAD, [endpointRow(endpoint)])}signing secret (shown once): ${endpoint.secret}\n`);
}

export async function listWebhookEndpoints({ client, output, asJson }: CommandContext): Promise<void> {
  const endpoints = await client.webhooks.list();
  output.out(asJson ? json(endpoints) : `${endpoints.length} webhook endpoints\n${table(ENDPOINT_HEAD, endpoints.map(endpointRow))}`);
}

export async function setWebhookEndpointEnabled({ client, output, asJson }: CommandContext, id: string, enabled: boolean): Promise<void> {
  const endpoint = await client.webhooks.update(id, { enabled });
  output.out(asJson ? json(endpoint) : `${enabled ? 'enabled' : 'disabled'} ${endpoint.id}\n`);
}

export async function deleteWebhookEndpoint({ client, output, asJson }: CommandContext, id: string): Promise<void> {
  await client.webhooks.delete(id);
  output.out(asJson ? json({ deleted: id }) : `deleted ${id}\n`);
}

export async function rotateWebhookSecret({ client, output, asJson }: CommandContext, id: string, previousValidForSeconds: number | undefined): Promise<void> {
  const endpoint = await client.webhooks.rotateSecret(id, previousValidForSeconds === undefined ? {} : { previousValidForSeconds });
  if (asJson) return output.out(json(endpoint));
  const previous = endpoint.previousSecretExpiresAt ? `the previous secret also signs until ${endpoint.previousSecretExpiresAt}` : 'the previous secret no longer signs';
  output.out(`rotated the secret of ${endpoint.id}: ${previous}\nnew signing secret (shown once): ${endpoint.secret}\n`);
}

const lastAttempt = (delivery: WebhookDelivery) => delivery.attempts[delivery.attempts.length - 1];

export async function listWebhookDeliveries(
  { client, output, asJson }: CommandContext,
  id: string,
  options: { state?: WebhookDelivery['state']; limit: number },
): Promise<void> {
  const page = await client.webhooks.deliveries(id, { limit: options.limit, ...(options.state ? { state: options.state } : {}) });
  if (asJson) return output.out(json(page));
  output.out(
    table(
      ['delivery', 'type', 'reservation', 'seq', 'state', 'attempts', 'last answer', 'latency', 'next attempt'],
      page.items.map((d) => {
        const last = lastAttempt(d);
        return [d.id, d.type, d.reservationId, d.sequence, d.state, d.attempts.length, last ? (last.statusCode ?? last.error) : null, last ? `${last.latencyMs} ms` : null, d.nextAttemptAt];
      }),
    ) + (page.nextCursor ? 'more: use --json and the API\'s cursor to page on\n' : ''),
  );
}

export async function redeliverWebhook({ client, output, asJson }: CommandContext, id: string, deliveryId: string): Promise<void> {
  const delivery = await client.webhooks.redeliver(id, deliveryId);
  output.out(asJson ? json(delivery) : `redelivering ${delivery.id} (webhook-id ${delivery.messageId}): ${delivery.state}\n`);
}
