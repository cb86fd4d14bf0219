import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { UnsupportedMediaType, ValidationFailed, type Logger, type Principal } from '@onsale/shared';
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { Authenticate } from './authenticate';
import { problemSchema } from './openapi';

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
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  /** Polled many times a second (a reservation's state): its successful answers are logged at debug level, not info. */
  polled?: boolean;
  /**
   * A hot route (buy, poll): matched ahead of the router and served through only the middleware
   * it needs (`leanRoutes`). Its path must be literal segments and `:params`.
   */
  lean?: boolean;
  /** Returns the reply, or nothing when it wrote the response itself (SSE). */
  handle(context: RouteContext<Parsed<P>, Parsed<Q>, Parsed<B>, Parsed<H>, A>): Promise<Reply | void>;
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

function openApiResponses(definition: RouteDefinition<Schema, Schema, Schema, HeaderSchema, Access>): Record<number, ResponseConfig> {
  const problem = { 'application/problem+json': { schema: problemSchema } };
  const responses: Record<number, ResponseConfig> = {};
  for (const [status, response] of Object.entries(definition.responses)) {
    responses[Number(status)] = {
      description: response.description,
      ...(response.schema ? { content: { [response.contentType ?? 'application/json']: { schema: response.schema } } } : {}),
      ...(Number(status) >= 400 && !response.schema ? { content: problem } : {}),
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
   * slash, no other case). Anything else, a query string's variants included, is the router's.
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
    this.registry.registerPath({
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
      responses: openApiResponses(definition as RouteDefinition<Schema, Schema, Schema, HeaderSchema, Access>),
    });

    const serve = async (req: Request, res: Response): Promise<void> => {
      // An answer to a route that authenticates, refusals included, is never stored by a cache.
      if (definition.access !== 'public' || definition.security?.length) res.set('Cache-Control', 'no-store');
      if (definition.polled) res.locals.polled = true;
      const principal = await this.admitted(req, res, definition.access);
      if (definition.body && !req.is('application/json')) {
        throw new UnsupportedMediaType('The request body must be application/json.');
      }
      const reply = await definition.handle({
        params: parseInput(definition.params, req.params, 'path'),
        query: parseInput(definition.query, req.query, 'query'),
        body: parseInput(definition.body, req.body, 'body'),
        headers: parseInput(definition.headers, headersNamedIn(definition.headers, req), 'header'),
        principal: principal as RouteContext<unknown, unknown, unknown, unknown, A>['principal'],
        requestId: req.id,
        log: req.log,
        req,
        res,
      });
      if (!reply) return;
      res.status(reply.status).set(reply.headers ?? {});
      if (reply.body === undefined) res.end();
      else res.json(reply.body);
    };
    this.router[definition.method](definition.path, serve);
    if (definition.lean) this.lean.push(leanRouteOf(definition.method, definition.path, definition.body !== undefined, serve));
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
