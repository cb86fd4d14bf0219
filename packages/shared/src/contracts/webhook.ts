import { z } from 'zod';
import { isoDateTime, storableText } from './common';

/** What a webhook announces; an endpoint subscribes to some of them. */
export const WEBHOOK_EVENT_TYPES = [
  'reservation.held',
  'reservation.rejected',
  'reservation.confirmed',
  'reservation.cancelled',
  'reservation.expired',
  'waitlist.offered',
  'event.sold_out',
] as const;
export const webhookEventType = z.enum(WEBHOOK_EVENT_TYPES).meta({ id: 'WebhookEventType' });
export type WebhookEventType = z.infer<typeof webhookEventType>;

/** A signing secret as Standard Webhooks writes it: `whsec_` and the base64 of 24 to 64 random bytes. */
export const webhookSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, 'must be whsec_ followed by the base64 of 24 to 64 bytes');

/** An endpoint's URL: http or https, no credentials in it, at most 2,000 characters. */
const endpointUrl = z
  .url({ protocol: /^https?$/ })
  .max(2_000)
  // As written, not only as parsed (`http:host` parses): what is stored is what was sent.
  .regex(/^https?:\/\/[^/?#]+/, 'must start with http:// or https:// and a host')
  .refine((value) => {
    // Checked after the URL check, which reports one that does not parse (zod runs both).
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.username === '' && url.password === '';
  }, 'must not carry a user name or password');

/** Not a named schema: named, its defaulted fields would be required in the generated client (see CreateEventRequest). */
export const createWebhookEndpointBody = z.strictObject({
  url: endpointUrl,
  eventTypes: z.array(webhookEventType).min(1).max(WEBHOOK_EVENT_TYPES.length),
  description: storableText(1, 500).optional(),
  /** Omit to have one generated (it is shown once, in the answer). */
  secret: webhookSecret.optional(),
  /** Deliver to loopback, link-local and private addresses (refused otherwise, unless the deployment allows them). */
  allowPrivateNetwork: z.boolean().default(false),
});
export type CreateWebhookEndpointBody = z.infer<typeof createWebhookEndpointBody>;

export const updateWebhookEndpointBody = z
  .strictObject({
    url: endpointUrl.optional(),
    eventTypes: z.array(webhookEventType).min(1).max(WEBHOOK_EVENT_TYPES.length).optional(),
    description: storableText(1, 500).nullable().optional(),
    allowPrivateNetwork: z.boolean().optional(),
    /** false disables the endpoint (nothing is recorded or delivered for it); true enables it again. */
    enabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field');
export type UpdateWebhookEndpointBody = z.infer<typeof updateWebhookEndpointBody>;

export const rotateWebhookSecretBody = z.strictObject({
  /** Omit to have one generated. */
  secret: webhookSecret.optional(),
  /** How long the secret being replaced still signs (a second signature), so receivers can switch over. */
  previousValidForSeconds: z.int().min(0).max(7 * 86_400).default(86_400),
});
export type RotateWebhookSecretBody = z.infer<typeof rotateWebhookSecretBody>;

export const webhookEndpointView = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(webhookEventType),
  allowPrivateNetwork: z.boolean(),
  enabled: z.boolean(),
  /** Why it is disabled: `operator` (an admin), `gone` (it answered 410). */
  disabledReason: z.string().nullable(),
  disabledAt: isoDateTime.nullable(),
  /** Until when the secret replaced by the last rotation still signs too. */
  previousSecretExpiresAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
}).meta({ id: 'WebhookEndpoint' });
export type WebhookEndpointView = z.infer<typeof webhookEndpointView>;

/** An endpoint with its secret: only in the answer to a create or a rotation. */
export const webhookEndpointWithSecret = webhookEndpointView.extend({ secret: webhookSecret }).meta({ id: 'WebhookEndpointWithSecret' });

export const webhookEndpointList = z.object({ items: z.array(webhookEndpointView) }).meta({ id: 'WebhookEndpointList' });

export const webhookEndpointIdParams = z.strictObject({ id: z.uuid() });
export const webhookDeliveryIdParams = z.strictObject({ id: z.uuid(), deliveryId: z.uuid() });

export const WEBHOOK_DELIVERY_STATES = ['pending', 'delivered', 'dead'] as const;

export const webhookDeliveryQuery = z.strictObject({
  state: z.enum(WEBHOOK_DELIVERY_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type WebhookDeliveryQuery = z.infer<typeof webhookDeliveryQuery>;

export const webhookAttemptView = z.object({
  attempt: z.int(),
  startedAt: isoDateTime,
  latencyMs: z.int(),
  /** The HTTP status the endpoint answered; null when there was no answer (see error). */
  statusCode: z.int().nullable(),
  error: z.string().nullable(),
});

export const webhookDeliveryView = z.object({
  id: z.uuid(),
  endpointId: z.uuid(),
  /** The message: its `webhook-id`, the same on every attempt. */
  messageId: z.uuid(),
  type: webhookEventType,
  eventId: z.uuid(),
  reservationId: z.uuid().nullable(),
  sequence: z.int().nullable(),
  state: z.enum(WEBHOOK_DELIVERY_STATES),
  attempts: z.array(webhookAttemptView),
  nextAttemptAt: isoDateTime.nullable(),
  deliveredAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
}).meta({ id: 'WebhookDelivery' });
export type WebhookDeliveryView = z.infer<typeof webhookDeliveryView>;

export const webhookDeliveryPage = z.object({
  items: z.array(webhookDeliveryView),
  nextCursor: z.string().nullable(),
}).meta({ id: 'WebhookDeliveryPage' });
export type WebhookDeliveryPage = z.infer<typeof webhookDeliveryPage>;
