import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Logger } from '@onsale/shared';
import type express from 'express';
import type { ApiMetrics } from '../metrics';
import { problemHandler } from './problem';
import { logRequest, type SuccessSampling } from './request-log';
import type { LeanMatch, RouteTable } from './route';
import { setJsonSecurityHeaders } from './security-headers';

/** What a lean route passes through besides its own handler. */
export interface LeanShell {
  logger: Logger;
  /** Successes logged one in so many (LOG_SUCCESS_SAMPLE); every one when absent. */
  sampling?: SuccessSampling;
  metrics?: ApiMetrics;
  /** The JSON body parser every route uses (its limit, its media types). */
  json: express.RequestHandler;
  /** The CORS policy, when origins are allowed. */
  cors?: express.RequestHandler;
}

type Handle = (req: IncomingMessage, res: ServerResponse, done?: (error?: unknown) => void) => void;

/**
 * Serves the table's lean routes (buy, poll, the seat map) before Express's router is entered:
 * for a request that does little else, walking every layer of the app and writing the document
 * headers of the pages cost more than its own work (docs/benchmarks.md, Polls). A lean request
 * passes through what it needs and nothing else: its log line, metrics, CORS, the JSON security
 * headers, the rate limits and authentication (in the route), its body, problem+json errors.
 * Everything else, a lean route's path with a trailing slash or a HEAD included, is routed.
 */
export function serveLeanRoutesFirst(app: express.Express, routes: RouteTable, shell: LeanShell): void {
  // Express's own entry point (`app(req, res)` calls it, whatever server or test harness holds the app).
  const withExpress = app as unknown as { handle: Handle };
  const routed = withExpress.handle.bind(app);
  withExpress.handle = (req, res, done) => {
    const match = routes.leanMatch(req.method ?? '', req.url ?? '');
    if (match) serveLean(app, routes, shell, match, req, res);
    else routed(req, res, done);
  };
}

/**
 * Request and response classes for `http.createServer` that are born with Express's methods (and
 * `app`), as `expressServer` makes them. Express gives a plain request its methods by changing
 * its prototype, and V8 then runs Node's HTTP code on that object far slower: measured on this
 * machine, a bare Node server answering JSON took 27 µs of CPU a request, 118 µs once each request
 * and response had its prototype changed, 46 µs with these classes and Express's `res.json`.
 */
function expressServerClasses(app: express.Express): { IncomingMessage: typeof IncomingMessage; ServerResponse: typeof ServerResponse } {
  class ExpressRequest extends IncomingMessage {}
  class ExpressResponse extends ServerResponse {}
  const copy = (target: object, ...sources: object[]) => {
    for (const source of sources) Object.defineProperties(target, Object.getOwnPropertyDescriptors(source));
  };
  // app.request inherits express.request's methods and getters, and adds `app`: both, in that order.
  copy(ExpressRequest.prototype, Object.getPrototypeOf(app.request) as object, app.request);
  copy(ExpressResponse.prototype, Object.getPrototypeOf(app.response) as object, app.response);
  return { IncomingMessage: ExpressRequest, ServerResponse: ExpressResponse as typeof ServerResponse };
}

/** An HTTP server for `app` whose requests and responses are born Express's (expressServerClasses). */
export function expressServer(app: express.Express): Server {
  return createServer(expressServerClasses(app), app);
}

function serveLean(app: express.Express, routes: RouteTable, shell: LeanShell, match: LeanMatch, incoming: IncomingMessage, outgoing: ServerResponse): void {
  // What Express does before routing, but for a request already born Express's (expressServer).
  const born = 'app' in incoming;
  const req = (born ? incoming : Object.setPrototypeOf(incoming, app.request)) as express.Request;
  const res = (born ? outgoing : Object.setPrototypeOf(outgoing, app.response)) as express.Response;
  req.res = res;
  res.req = req;
  res.locals = Object.create(null) as Record<string, unknown>;
  req.originalUrl = req.url;
  req.params = match.params;
  logRequest(shell.logger, req, res, shell.sampling);
  shell.metrics?.timeRequest(req, res, match.route.path);
  setJsonSecurityHeaders(res);
  const fail = (error: unknown) => problemHandler(error, req, res, () => undefined);
  const serve = () => void routes.serveLean(match, req, res).catch(fail);
  const read = () => (match.route.readsBody ? void shell.json(req, res, (error?: unknown) => (error ? fail(error) : serve())) : serve());
  if (shell.cors) void shell.cors(req, res, read);
  else read();
}
