/** LEAN_ROUTES: the same route answered before Express's router (the default) or through it, with the headers each path sets. */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { createLogger } from '@onsale/shared';
import { z } from 'zod';
import { newCustomer, TEST_JWT_SECRET } from '../../../../test/support/tokens';
import { httpApp } from '../app';
import { createAuthenticate } from './authenticate';
import { prepareRegistry } from './openapi';
import { RouteTable } from './route';

const logger = createLogger({ name: 'test', level: 'silent' });

/** An app of one lean write, as the buy route is, answered with what it was sent. */
async function serve(leanRoutes: boolean | undefined) {
  const registry = new OpenAPIRegistry();
  prepareRegistry(registry);
  const routes = new RouteTable(registry, createAuthenticate({ secret: TEST_JWT_SECRET }));
  routes.add({
    method: 'post',
    path: '/things/:id',
    operationId: 'addThing',
    summary: 'a lean write',
    tags: ['t'],
    access: 'customer',
    lean: true,
    params: z.object({ id: z.string() }),
    body: z.object({ n: z.number() }),
    responses: { 202: { description: 'accepted' } },
    handle: async ({ params, body, principal }) => ({ status: 202, body: { id: params.id, n: body.n, sub: principal.sub } }),
  });
  const server = httpApp(routes, logger, undefined, leanRoutes === undefined ? {} : { leanRoutes }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const customer = newCustomer();
  const post = (body: string) =>
    fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/things/x1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${customer.token}`, 'content-type': 'application/json' },
      body,
    });
  return { customer, post, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('LEAN_ROUTES', () => {
  it.each([
    ['served lean (the default)', undefined, { 'referrer-policy': null, 'content-security-policy': "default-src 'none'; frame-ancestors 'none'" }],
    ['routed through Express (false)', false, { 'referrer-policy': 'no-referrer', 'content-security-policy': expect.stringContaining("script-src 'self'") }],
  ])('answers the same, %s, with that path’s security headers', async (_, leanRoutes, headers) => {
    const app = await serve(leanRoutes);
    try {
      const accepted = await app.post('{"n":3}');
      expect(accepted.status).toBe(202);
      expect(await accepted.json()).toEqual({ id: 'x1', n: 3, sub: app.customer.sub });
      expect(accepted.headers.get('x-content-type-options')).toBe('nosniff');
      expect(accepted.headers.get('cache-control')).toBe('no-store');
      expect(accepted.headers.get('x-request-id')).toBeTruthy();
      expect({ 'referrer-policy': accepted.headers.get('referrer-policy'), 'content-security-policy': accepted.headers.get('content-security-policy') }).toEqual(headers);

      const invalid = await app.post('{"n":"three"}');
      expect(invalid.status).toBe(400);
      expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      await app.close();
    }
  });
});
