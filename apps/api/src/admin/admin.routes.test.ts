/**
 * The browser admin login and bull-board at /admin/queues, over HTTP against the real API on this
 * file's own PostgreSQL database and Redis key prefix.
 */
import { parseSetCookie } from 'cookie';
import { expectProblem } from '../../../../test/support/problem';
import { startTestApi, type TestApi } from '../../../../test/support/api-app';
import type { Reply } from '../../../../test/support/http-client';
import { createTestEnvironment, type TestEnvironment } from '../../../../test/support/test-environment';
import { adminToken, newCustomer, TEST_JWT_SECRET } from '../../../../test/support/tokens';
import { ADMIN_SESSION_COOKIE, AdminSessions } from './admin-session';

const PARTITION_COUNT = 4;
const TTL_SECONDS = 600;

let env: TestEnvironment;
let api: TestApi;

beforeAll(async () => {
  env = await createTestEnvironment();
  api = await startTestApi(env, { PARTITION_COUNT: String(PARTITION_COUNT), ADMIN_SESSION_TTL_SECONDS: String(TTL_SECONDS) });
});

afterAll(async () => {
  await api?.close();
  await env?.dispose();
});

interface SendOptions {
  token?: string;
  /** The session token, sent as the admin session cookie. */
  session?: string;
  headers?: Record<string, string>;
}

/** One request as a browser would send it, redirects not followed. */
async function send(method: string, path: string, options: SendOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.session) headers.Cookie = `${ADMIN_SESSION_COOKIE}=${options.session}`;
  const res = await fetch(`${api.baseUrl}${path}`, { method, headers, redirect: 'manual' });
  const text = await res.text();
  const isJson = /json/.test(res.headers.get('content-type') ?? '');
  return { status: res.status, headers: res.headers, body: isJson && text ? JSON.parse(text) : text };
}

/** Logs in with an admin token and returns the session cookie as set. */
async function logIn(headers: Record<string, string> = {}) {
  const reply = await send('POST', '/v1/admin/session', { token: adminToken(), headers });
  expect(reply.status).toBe(200);
  const setCookie = reply.headers.get('set-cookie');
  expect(setCookie).toEqual(expect.any(String));
  return { reply, cookie: parseSetCookie(setCookie!), raw: setCookie! };
}

const BROWSER_PAGE = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const QUEUES_API = '/admin/queues/api/queues';
const partitionQueue = (partition: number) => encodeURIComponent(`partition-{p${partition}}`);

describe('admin login', () => {
  it('sends a browser without a session to the login page, and answers a script 401', async () => {
    const page = await send('GET', '/admin/queues', { headers: BROWSER_PAGE });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fqueues');

    const login = await send('GET', '/admin/login', { headers: BROWSER_PAGE });
    expect(login.status).toBe(200);
    expect(login.headers.get('content-type')).toMatch(/^text\/html/);
    expect(login.body).toContain('/v1/admin/session');

    expectProblem(await send('GET', QUEUES_API), 401);
  });

  it('refuses a session to a customer token and to no token', async () => {
    const customer = await send('POST', '/v1/admin/session', { token: newCustomer().token });
    expectProblem(customer, 403);
    expect(customer.headers.get('set-cookie')).toBeNull();
    expectProblem(await send('POST', '/v1/admin/session'), 401);
  });

  it('gives an admin token a short-lived HttpOnly, SameSite=Strict cookie for /admin', async () => {
    const before = Date.now();
    const { reply, cookie, raw } = await logIn();
    expect(cookie).toMatchObject({ name: ADMIN_SESSION_COOKIE, httpOnly: true, sameSite: 'strict', path: '/admin', maxAge: TTL_SECONDS });
    expect(cookie.secure).toBeFalsy();
    expect(raw).not.toMatch(/Domain=/i);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const expiresAt = Date.parse(reply.body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + TTL_SECONDS * 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + TTL_SECONDS * 1000);
  });

  it('marks the cookie Secure when a proxy says the browser came over https', async () => {
    const { cookie } = await logIn({ 'X-Forwarded-Proto': 'https' });
    expect(cookie.secure).toBe(true);
  });

  it('serves bull-board and its queues API, listing every partition queue, to a session', async () => {
    const { cookie } = await logIn();
    const page = await send('GET', '/admin/queues', { session: cookie.value, headers: BROWSER_PAGE });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.body).toContain('<base href="/admin/queues/" />');
    expect(page.body).toContain('<title>Onsale queues</title>');
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toEqual(expect.any(String));
    const asset = await send('GET', `/admin/queues/${script}`, { session: cookie.value });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expectProblem(await send('GET', `/admin/queues/${script}`), 401);

    const queues = await send('GET', QUEUES_API, { session: cookie.value });
    expect(queues.status).toBe(200);
    const names = (queues.body.queues as { name: string }[]).map((queue) => queue.name).sort();
    expect(names).toEqual(Array.from({ length: PARTITION_COUNT }, (_, partition) => `partition-{p${partition}}`).sort());
  });

  it('refuses an expired session and a tampered one', async () => {
    const sessions = new AdminSessions(TEST_JWT_SECRET, TTL_SECONDS);
    const expired = sessions.issue({ sub: 'admin-1', role: 'admin' }, Math.floor(Date.now() / 1000) - TTL_SECONDS - 5).token;
    expect((expectProblem(await send('GET', QUEUES_API, { session: expired }), 401)).detail).toMatch(/expired/);
    const page = await send('GET', '/admin/queues', { session: expired, headers: BROWSER_PAGE });
    expect(page.status).toBe(303);

    const { cookie } = await logIn();
    const [header, payload, signature] = cookie.value!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url');
    expectProblem(await send('GET', QUEUES_API, { session: `${header}.${forged}.${signature}` }), 401);
    expectProblem(await send('GET', QUEUES_API, { session: `${header}.${payload}.${signature!.slice(0, -2)}xx` }), 401);
  });

  it('accepts no bearer token as a session, and no session as a bearer token', async () => {
    expectProblem(await send('GET', QUEUES_API, { session: adminToken() }), 401);
    expectProblem(await send('GET', QUEUES_API, { token: adminToken() }), 401);

    const { cookie } = await logIn();
    expectProblem(await send('POST', '/v1/admin/session', { token: cookie.value }), 401);
    expectProblem(await send('GET', '/v1/customers/me/reservations', { token: cookie.value }), 401);
  });

  it('clears the cookie on logout', async () => {
    const reply = await send('POST', '/v1/admin/session/logout');
    expect(reply.status).toBe(204);
    const cleared = parseSetCookie(reply.headers.get('set-cookie')!);
    expect(cleared).toMatchObject({ name: ADMIN_SESSION_COOKIE, value: '', maxAge: 0, path: '/admin', httpOnly: true, sameSite: 'strict' });
  });
});

describe('queue actions from the admin pages', () => {
  const retryFailed = `/admin/queues/api/queues/${partitionQueue(0)}/retry/failed`;

  it('accepts an unsafe request from the admin pages themselves', async () => {
    const { cookie } = await logIn();
    const origin = new URL(api.baseUrl).origin;
    const fromPage = await send('PUT', retryFailed, { session: cookie.value, headers: { 'Sec-Fetch-Site': 'same-origin', Origin: origin } });
    expect(fromPage.status).toBe(200);
  });

  it.each([
    ['another site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['a sibling subdomain', { 'Sec-Fetch-Site': 'same-site' }],
    ['a foreign Origin', { Origin: 'https://attacker.example' }],
  ])('refuses an unsafe request from %s, session cookie and all', async (_from, headers) => {
    const { cookie } = await logIn();
    const problem = expectProblem(await send('PUT', retryFailed, { session: cookie.value, headers }), 403);
    expect(problem.detail).toMatch(/refused/);
  });

  it('refuses the bull-board operations that would break single-writer order', async () => {
    const { cookie } = await logIn();
    const headers = { 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' };
    const queue = `/admin/queues/api/queues/${partitionQueue(1)}`;
    const operations = [
      ['PUT', `${queue}/concurrency`],
      ['PUT', `${queue}/rate-limit`],
      ['PUT', `${queue}/obliterate`],
      ['POST', `${queue}/add`],
      ['PATCH', `${queue}/some-job/update-data`],
    ];
    for (const [method, path] of operations) {
      const reply = await send(method!, path!, { session: cookie.value, headers });
      expect({ path, problem: expectProblem(reply, 403).detail }).toEqual({ path, problem: expect.stringMatching(/single-writer/) });
    }
  });
});
