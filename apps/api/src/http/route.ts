import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { UnsupportedMediaType, ValidationFailed, type Logger, type Principal } from '@onsale/shared';
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { Authenticate } from './authenticate';
import { problemSchema } from './openapi';
import { UNLIMITED_PATHS } from './rate-limit';

export type Access = 'public' | 'customer' | 'admin';

/** What a request to a route passes through once its caller is known: `principal` is undefined for a public route or a refused token. */
export type Admission = (req: Request, res: Response, principal: Principal | undefined) => Promise<void>;

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext<P, Q, B, H, A extends Access> {
  params: P;
  query: Q;
  body: B;
  headers: H;
  principal: A extends 'public' ? undefined : Principal;
  requestId: string;
  log: Logger;
  req: Request;
  res: Response;
}

type Schema = z.ZodType | undefined;
type HeaderSchema = z.ZodObject | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteDefinition<P extends Schema, Q extends Schema, B extends Schema, H extends HeaderSchema, A extends Access> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path syntax (`/v1/events/:eventId`). */
  path: string;
  /** The operation's name in the OpenAPI document, and the method's name in generated clients. */
  operationId: string;
  /** How a route that authenticates in its handler is documented (its alternatives); by default, from `access`. */
  security?: Record<string, string[]>[];
  summary: string;
  tags: string[];
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** Request headers, by their canonical names (`Idempotency-Key`); matched case-insensitively. */
  headers?: H;
  responses: Record<number, RouteResponse>;
  /** Answers HEAD itself (the headers of its GET, no body): documented as an operation of its own. */
  head?: { operationId: string; summary: string };
  /** Answers without PostgreSQL or Redis (the liveness probe, cookies): documented without a 503. */
  standalone?: boolean;
  /** Polled many times a second (a reservation's state): its successful answers are logged at debug level, not info. */
  polled?: boolean;
  /**
   * A hot route (buy, poll, the seat map): matched ahead of the router and served through only
   * what it needs (`lean-routes.ts`). Its path must be literal segments and `:params`.
   */
  lean?: boolean;
  /** Returns the reply, or nothing when it wrote the response itself (SSE). */
  handle(context: RouteContext<Parsed<P>, Parsed<Q>, Parsed<B>, Parsed<H>, A>): Promise<Reply | void>;
}

/** The response headers the API sets, with the schema every route documents them by. */
const RESPONSE_HEADERS = {
  Location: { type: 'string' },
  ETag: { type: 'string', pattern: '^(W/)?"[^"]*"$' },
  'Retry-After': { type: 'string', pattern: '^[0-9]+$' },
  RateLimit: { type: 'string' },
  'RateLimit-Policy': { type: 'string' },
  'X-Request-Id': { type: 'string' },
  'Idempotent-Replayed': { type: 'string', enum: ['true'] },
  'Cache-Control': { type: 'string' },
  'Set-Cookie': { type: 'string' },
  Vary: { type: 'string' },
  'Content-Encoding': { type: 'string', enum: ['gzip', 'br'] },
} as const;
export type ResponseHeader = keyof typeof RESPONSE_HEADERS;

export interface RouteResponse {
  description: string;
  /** The body; by default none, or the problem for a 4xx/5xx. */
  schema?: z.ZodType;
  contentType?: string;
  /** A Server-Sent Events stream instead of a body: each event name, and the (named) schema of its data. */
  events?: Record<string, z.ZodType>;
  /** The headers this answer carries beyond those every answer of the route does, with what each says here. */
  headers?: Partial<Record<ResponseHeader, string>>;
}

/**
 * The body as JSON, written with the head in one write: `res.json` turns a body of 1,000
 * characters or more into a Buffer, which Node writes apart from the head, two syscalls an
 * answer (a fifth of a poll's CPU in the profile); a string is written with it.
 */
function sendJson(res: Response, body: unknown): void {
  const text = JSON.stringify(body);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

function parseInput<S extends Schema>(schema: S | undefined, value: unknown, location: string): Parsed<S> {
  if (!schema) return undefined as Parsed<S>;
  const result = schema.safeParse(value);
  if (result.success) return result.data as Parsed<S>;
  const errors = result.error.issues.map((issue) => ({
    path: [location, ...issue.path].join('.'),
    message: issue.message,
  }));
  throw new ValidationFailed(`The request ${location} is not valid.`, errors);
}

/** The headers a schema names, read case-insensitively, keyed by the schema's names. */
function headersNamedIn(schema: HeaderSchema, req: Request): Record<string, string | undefined> | undefined {
  return schema && Object.fromEntries(Object.keys(schema.shape).map((name) => [name, req.get(name)]));
}

type AnyRoute = RouteDefinition<Schema, Schema, Schema, HeaderSchema, Access>;

const authenticates = (definition: AnyRoute) => definition.access !== 'public' || Boolean(definition.security?.length);
/** The router parses a JSON body for every request it sees; a lean route only when it takes one. */
const readsBody = (definition: AnyRoute) => definition.body !== undefined || !definition.lean;

/**
 * What any route may answer whatever its handler does, from what it declares: its input can be
 * invalid, its body too large or of another type, its caller unknown or not an admin, over a rate
 * limit, PostgreSQL or Redis away, or a bug. A route's own declaration of a status wins.
 */
function genericResponses(definition: AnyRoute): Record<number, RouteResponse> {
  const takesInput = definition.params || definition.query || definition.body || definition.headers;
  const responses: Record<number, RouteResponse> = {};
  if (takesInput || readsBody(definition)) {
    responses[400] = { description: 'validation_failed: the request is not valid (`errors` says where); malformed_json: its body is not JSON' };
  }
  if (authenticates(definition)) responses[401] = { description: 'unauthorized: no valid token' };
  if (definition.access === 'admin') responses[403] = { description: 'forbidden: not an admin' };
  if (readsBody(definition)) {
    responses[413] = { description: 'content_too_large: the body is larger than the API accepts (64 KiB by default)' };
    responses[415] = {
      description: 'unsupported_media_type: the body is not application/json; unsupported_charset, unsupported_encoding: not UTF-8, or compressed',
    };
  }
  if (!UNLIMITED_PATHS.has(definition.path)) {
    responses[429] = {
      description: 'rate_limited: over a rate limit (RATE_LIMIT_ENABLED); RateLimit and RateLimit-Policy say which, Retry-After until when',
      headers: { 'Retry-After': 'Seconds until the limit lets the request through' },
    };
  }
  responses[500] = { description: 'internal: something went wrong on our side' };
  if (!definition.standalone) {
    responses[503] = { description: 'PostgreSQL or Redis is unreachable right now', headers: { 'Retry-After': 'Seconds to wait before trying again' } };
  }
  return responses;
}

/** The headers every answer of a route carries (or may), whatever its status. */
function headersOfEveryAnswer(definition: AnyRoute): Partial<Record<ResponseHeader, string>> {
  return {
    'X-Request-Id': 'The request id (the caller\u2019s X-Request-Id when well-formed): in the API\u2019s and the worker\u2019s logs',
    ...(authenticates(definition) ? { 'Cache-Control': '`no-store`: an answer to an authenticated route is never cached' } : {}),
    ...(UNLIMITED_PATHS.has(definition.path)
      ? {}
      : {
          RateLimit: 'With RATE_LIMIT_ENABLED: each limit counted, its remaining quota and seconds to reset (IETF draft)',
          'RateLimit-Policy': 'With RATE_LIMIT_ENABLED: each limit counted, its quota and window',
        }),
  };
}

function openApiHeaders(headers: Partial<Record<ResponseHeader, string>>): ResponseConfig['headers'] {
  return Object.fromEntries(
    Object.entries(headers).map(([name, description]) => [name, { description, schema: RESPONSE_HEADERS[name as ResponseHeader] }]),
  ) as ResponseConfig['headers'];
}

/** A text/event-stream body: a string, with its event names and each one's data schema (as `x-sse-events`, named components). */
function eventStreamContent(registry: OpenAPIRegistry, events: Record<string, z.ZodType>) {
  const refs = Object.fromEntries(
    Object.entries(events).map(([name, schema]) => {
      const id = (schema.meta() as { id?: string } | undefined)?.id;
      if (!id) throw new Error(`The data of SSE event ${name} must be a named schema (.meta({ id }))`);
      // A component even where nothing else refers to it (`register` would need zod-to-openapi's zod extension).
      (registry as unknown as { _definitions: { type: 'schema'; schema: z.ZodType }[] })._definitions.push({ type: 'schema', schema });
      return [name, { $ref: `#/components/schemas/${id}` }];
    }),
  );
  const listed = Object.entries(events)
    .map(([name, schema]) => `\`event: ${name}\` with a ${(schema.meta() as { id: string }).id} as JSON \`data\``)
    .join('; ');
  return {
    'text/event-stream': {
      schema: { type: 'string' as const, description: `Server-Sent Events: ${listed}. Comment lines keep the connection alive.` },
      'x-sse-events': refs,
    },
  };
}

function openApiResponses(registry: OpenAPIRegistry, definition: AnyRoute, method: 'head' | undefined = undefined): Record<number, ResponseConfig> {
  const problem = { 'application/problem+json': { schema: problemSchema } };
  const every = headersOfEveryAnswer(definition);
  const generic = genericResponses(definition);
  const responses: Record<number, ResponseConfig> = {};
  for (const [status, response] of Object.entries({ ...generic, ...definition.responses })) {
    const content = response.events
      ? eventStreamContent(registry, response.events)
      : response.schema
        ? { [response.contentType ?? 'application/json']: { schema: response.schema } }
        : Number(status) >= 400
          ? problem
          : undefined;
    responses[Number(status)] = {
      description: response.description,
      headers: openApiHeaders({ ...every, ...(generic[Number(status)]?.headers ?? {}), ...response.headers }),
      // A HEAD answer has the headers of its GET and no body.
      ...(content && method !== 'head' ? { content } : {}),
    };
  }
  return responses;
}

/** What a request passes through before any route: the per-address count. */
export type BeforeRoutes = (req: Request) => void;

/** A lean route: its path as a pattern, and the same handler the router runs. */
interface LeanRoute {
  method: string;
  pattern: RegExp;
  paramNames: string[];
  /** The template, for metrics (`/v1/reservations/:id`). */
  path: string;
  readsBody: boolean;
  serve: (req: Request, res: Response) => Promise<void>;
}

/** A lean route a request's method and path match, with its decoded path parameters. */
export interface LeanMatch {
  route: Omit<LeanRoute, 'pattern' | 'paramNames'>;
  params: Record<string, string>;
}

function leanRouteOf(method: string, path: string, readsBody: boolean, serve: LeanRoute['serve']): LeanRoute {
  const paramNames: string[] = [];
  const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, name: string) => {
    paramNames.push(name);
    return '([^/]+)';
  });
  return { method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), paramNames, path, readsBody, serve };
}

/**
 * Routes are declared once: the same definition validates requests and documents them in the
 * OpenAPI document, so the two cannot drift apart.
 */
export class RouteTable {
  readonly router: Router = Router();
  /** Runs for every request to a route once its caller is authenticated or refused (the rate limits). */
  private admission?: Admission;
  private beforeRoutes?: BeforeRoutes;
  private readonly lean: LeanRoute[] = [];

  constructor(
    /** Where the routes are documented: the OpenAPI document is generated from it. */
    readonly registry: OpenAPIRegistry,
    private readonly authenticate: Authenticate,
  ) {}

  /** Sets what every request to a route passes through after authentication (its principal, if any), before its input is read. */
  admitRequests(admission: Admission): void {
    this.admission = admission;
  }

  /** Sets what every request passes through before any route, lean or routed (the per-address count). */
  countRequests(beforeRoutes: BeforeRoutes): void {
    this.beforeRoutes = beforeRoutes;
    this.router.use((req, _res, next) => {
      beforeRoutes(req);
      next();
    });
  }

  /**
   * The lean route a request is for: its method, and its path exactly as declared (no trailing
   * slash, no other case; the query string is left to the route's query schema, as the router
   * does). Anything else is the router's.
   */
  leanMatch(method: string, url: string): LeanMatch | undefined {
    if (this.lean.length === 0) return undefined;
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    for (const route of this.lean) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      try {
        route.paramNames.forEach((name, n) => (params[name] = decodeURIComponent(found[n + 1]!)));
      } catch {
        return undefined;
      }
      return { route, params };
    }
    return undefined;
  }

  /** Runs what `leanMatch` found: the count before routes, then the route's handler. */
  serveLean(match: LeanMatch, req: Request, res: Response): Promise<void> {
    this.beforeRoutes?.(req);
    return match.route.serve(req, res);
  }

  add<P extends Schema, Q extends Schema, B extends Schema, H extends HeaderSchema, A extends Access>(
    definition: RouteDefinition<P, Q, B, H, A>,
  ): void {
    const documented = definition as AnyRoute;
    const operation: RouteConfig = {
      method: definition.method,
      path: definition.path.replace(/:(\w+)/g, '{$1}'),
      operationId: definition.operationId,
      summary: definition.summary,
      tags: definition.tags,
      security: definition.security ?? (definition.access === 'public' ? [] : [{ bearerAuth: [] }]),
      request: {
        ...(definition.params ? { params: definition.params as unknown as z.ZodObject } : {}),
        ...(definition.query ? { query: definition.query as unknown as z.ZodObject } : {}),
        ...(definition.headers ? { headers: definition.headers } : {}),
        ...(definition.body ? { body: { content: { 'application/json': { schema: definition.body } }, required: true } } : {}),
      },
      responses: openApiResponses(this.registry, documented),
    };
    this.registry.registerPath(operation);
    if (definition.head) {
      this.registry.registerPath({ ...operation, method: 'head', ...definition.head, responses: openApiResponses(this.registry, documented, 'head') });
    }

    const serve = async (req: Request, res: Response): Promise<void> => {
      // An answer to a route that authenticates, refusals included, is never stored by a cache.
      if (authenticates(documented)) res.set('Cache-Control', 'no-store');
      if (definition.polled) res.locals.polled = true;
      const principal = await this.admitted(req, res, definition.access);
      if (definition.body && !req.is('application/json')) {
        throw new UnsupportedMediaType('The request body must be application/json.');
      }
      const reply = await definition.handle({
        params: parseInput(definition.params, req.params, 'path'),
        // Express parses the query string anew at each read of `req.query`: read only for a route that takes one.
        query: parseInput(definition.query, definition.query && req.query, 'query'),
        body: parseInput(definition.body, req.body, 'body'),
        headers: parseInput(definition.headers, headersNamedIn(definition.headers, req), 'header'),
        principal: principal as RouteContext<unknown, unknown, unknown, unknown, A>['principal'],
        requestId: req.id,
        // Made when the handler first logs (most polls do not): a child logger a request was ~1 % of a poll.
        get log() {
          return req.log;
        },
        req,
        res,
      });
      if (!reply) return;
      res.status(reply.status).set(reply.headers ?? {});
      if (reply.body === undefined) res.end();
      else sendJson(res, reply.body);
    };
    this.router[definition.method](definition.path, serve);
    if (definition.lean) this.lean.push(leanRouteOf(definition.method, definition.path, readsBody(documented), serve));
  }

  private async admitted(req: Request, res: Response, access: Access): Promise<Principal | undefined> {
    let principal: Principal | undefined;
    try {
      principal = access === 'public' ? undefined : await this.authenticate(req, access);
    } catch (refusal) {
      // A client over its address's rate limit is told that before whether its token is good.
      await this.admission?.(req, res, undefined);
      throw refusal;
    }
    await this.admission?.(req, res, principal);
    return principal;
  }
}
