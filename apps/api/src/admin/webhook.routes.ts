import { randomBytes } from 'node:crypto';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  redeliverWebhook,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  type Database,
  type WebhookEndpoint,
} from '@onsale/db';
import {
  createWebhookEndpointBody,
  NotFound,
  rotateWebhookSecretBody,
  updateWebhookEndpointBody,
  webhookDeliveryIdParams,
  webhookDeliveryPage,
  webhookDeliveryQuery,
  webhookDeliveryView,
  webhookEndpointIdParams,
  webhookEndpointList,
  webhookEndpointView,
  webhookEndpointWithSecret,
  type WebhookEndpointView,
} from '@onsale/shared';
import type { RouteTable } from '../http/route';

/*
 * Webhook endpoints, for admins: register, list, change, delete, rotate the secret; read an
 * endpoint's deliveries with every attempt, and send one again. What webhooks promise: docs/webhooks.md.
 */

const tags = ['webhooks'];
const unauthorized = { 401: { description: 'No valid token' }, 403: { description: 'Not an admin' } };
const noEndpoint = { 404: { description: 'No such endpoint' } };

/** A new signing secret: `whsec_` and the base64 of 32 random bytes. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

function toEndpointView(endpoint: WebhookEndpoint): WebhookEndpointView {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes,
    allowPrivateNetwork: endpoint.allowPrivate,
    enabled: endpoint.disabledAt === null,
    disabledReason: endpoint.disabledReason,
    disabledAt: endpoint.disabledAt?.toISOString() ?? null,
    previousSecretExpiresAt: endpoint.previousSecretExpiresAt?.toISOString() ?? null,
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}

const found = (endpoint: WebhookEndpoint | undefined, id: string): WebhookEndpoint => {
  if (!endpoint) throw new NotFound(`No webhook endpoint ${id}.`);
  return endpoint;
};

export function addWebhookRoutes(routes: RouteTable, database: Database): void {
  routes.add({
    method: 'post',
    path: '/v1/admin/webhooks/endpoints',
    operationId: 'createWebhookEndpoint',
    summary: 'Registers a webhook endpoint: its URL, the event types it receives, its signing secret (generated unless given)',
    tags,
    access: 'admin',
    body: createWebhookEndpointBody,
    responses: {
      201: { description: 'Registered; the secret is shown here and on rotation only', schema: webhookEndpointWithSecret, headers: { Location: 'The endpoint' } },
      400: { description: 'Invalid body' },
      ...unauthorized,
    },
    handle: async ({ body, principal, log }) => {
      const secret = body.secret ?? newSecret();
      const endpoint = await createWebhookEndpoint(database, {
        url: body.url,
        eventTypes: body.eventTypes,
        description: body.description ?? null,
        secret,
        allowPrivate: body.allowPrivateNetwork,
        createdBy: principal.sub,
      });
      log.info({ endpointId: endpoint.id, eventTypes: endpoint.eventTypes, allowPrivate: endpoint.allowPrivate }, 'webhook endpoint registered');
      return { status: 201, body: { ...toEndpointView(endpoint), secret }, headers: { Location: `/v1/admin/webhooks/endpoints/${endpoint.id}` } };
    },
  });

  routes.add({
    method: 'get',
    path: '/v1/admin/webhooks/endpoints',
    operationId: 'listWebhookEndpoints',
    summary: 'Every webhook endpoint, oldest first',
    tags,
    access: 'admin',
    responses: { 200: { description: 'The endpoints', schema: webhookEndpointList }, ...unauthorized },
    handle: async () => ({ status: 200, body: { items: (await listWebhookEndpoints(database)).map(toEndpointView) } }),
  });

  routes.add({
    method: 'get',
    path: '/v1/admin/webhooks/endpoints/:id',
    operationId: 'getWebhookEndpoint',
    summary: 'A webhook endpoint',
    tags,
    access: 'admin',
    params: webhookEndpointIdParams,
    responses: { 200: { description: 'The endpoint', schema: webhookEndpointView }, 400: { description: 'Invalid id' }, ...unauthorized, ...noEndpoint },
    handle: async ({ params }) => ({ status: 200, body: toEndpointView(found(await findWebhookEndpoint(database, params.id), params.id)) }),
  });

  routes.add({
    method: 'patch',
    path: '/v1/admin/webhooks/endpoints/:id',
    operationId: 'updateWebhookEndpoint',
    summary: 'Changes a webhook endpoint: URL, event types, description, private networks; disables or enables it',
    tags,
    access: 'admin',
    params: webhookEndpointIdParams,
    body: updateWebhookEndpointBody,
    responses: { 200: { description: 'Changed', schema: webhookEndpointView }, 400: { description: 'Invalid id or body' }, ...unauthorized, ...noEndpoint },
    handle: async ({ params, body, log }) => {
      const { allowPrivateNetwork, ...changes } = body;
      const endpoint = found(
        await updateWebhookEndpoint(database, params.id, { ...changes, ...(allowPrivateNetwork === undefined ? {} : { allowPrivate: allowPrivateNetwork }) }),
        params.id,
      );
      log.info({ endpointId: endpoint.id, changed: Object.keys(body), enabled: endpoint.disabledAt === null }, 'webhook endpoint changed');
      return { status: 200, body: toEndpointView(endpoint) };
    },
  });

  routes.add({
    method: 'delete',
    path: '/v1/admin/webhooks/endpoints/:id',
    operationId: 'deleteWebhookEndpoint',
    summary: 'Deletes a webhook endpoint with its deliveries; nothing more is sent to it',
    tags,
    access: 'admin',
    params: webhookEndpointIdParams,
    responses: { 204: { description: 'Deleted' }, 400: { description: 'Invalid id' }, ...unauthorized, ...noEndpoint },
    handle: async ({ params, log }) => {
      if (!(await deleteWebhookEndpoint(database, params.id))) throw new NotFound(`No webhook endpoint ${params.id}.`);
      log.info({ endpointId: params.id }, 'webhook endpoint deleted');
      return { status: 204 };
    },
  });

  routes.add({
    method: 'post',
    path: '/v1/admin/webhooks/endpoints/:id/rotate-secret',
    operationId: 'rotateWebhookSecret',
    summary: 'Replaces the signing secret; the old one still signs (a second signature) for previousValidForSeconds',
    tags,
    access: 'admin',
    params: webhookEndpointIdParams,
    body: rotateWebhookSecretBody,
    responses: {
      200: { description: 'Rotated; the new secret is shown here only', schema: webhookEndpointWithSecret },
      400: { description: 'Invalid id or body' },
      ...unauthorized,
      ...noEndpoint,
    },
    handle: async ({ params, body, log }) => {
      const secret = body.secret ?? newSecret();
      const endpoint = found(await rotateWebhookSecret(database, params.id, secret, body.previousValidForSeconds), params.id);
      log.info({ endpointId: endpoint.id, previousSecretExpiresAt: endpoint.previousSecretExpiresAt }, 'webhook secret rotated');
      return { status: 200, body: { ...toEndpointView(endpoint), secret } };
    },
  });

  routes.add({
    method: 'get',
    path: '/v1/admin/webhooks/endpoints/:id/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: "An endpoint's deliveries, newest first, each with every attempt (status, latency, error)",
    tags,
    access: 'admin',
    params: webhookEndpointIdParams,
    query: webhookDeliveryQuery,
    responses: { 200: { description: 'A page of deliveries', schema: webhookDeliveryPage }, 400: { description: 'Invalid id, state, limit or cursor' }, ...unauthorized, ...noEndpoint },
    handle: async ({ params, query }) => {
      found(await findWebhookEndpoint(database, params.id), params.id);
      return { status: 200, body: await listWebhookDeliveries(database, params.id, query) };
    },
  });

  routes.add({
    method: 'post',
    path: '/v1/admin/webhooks/endpoints/:id/deliveries/:deliveryId/redeliver',
    operationId: 'redeliverWebhook',
    summary: 'Sends a delivery again now, with the same webhook-id, and a fresh retry schedule',
    tags,
    access: 'admin',
    params: webhookDeliveryIdParams,
    responses: {
      202: { description: 'Due now (unless an attempt is in flight, which goes on)', schema: webhookDeliveryView },
      400: { description: 'Invalid ids' },
      ...unauthorized,
      404: { description: 'No such delivery of this endpoint' },
    },
    handle: async ({ params, log }) => {
      const delivery = await redeliverWebhook(database, params.id, params.deliveryId);
      if (!delivery) throw new NotFound(`No delivery ${params.deliveryId} of webhook endpoint ${params.id}.`);
      log.info({ endpointId: params.id, deliveryId: delivery.id, messageId: delivery.messageId }, 'webhook redelivery requested');
      return { status: 202, body: delivery };
    },
  });
}
