import { apiRoutes, type AppDeps } from '../app';
import { openApiDocument } from './openapi';

/** Optional dependencies that change no route: absent while routes are only declared. */
const ABSENT: ReadonlySet<string | symbol> = new Set<keyof AppDeps>(['rateLimits', 'admission', 'bearerTokens', 'databaseWaitMs', 'intake', 'states']);

/**
 * Stands in for every dependency while routes are only declared: declaring a route runs none of
 * its handler, so nothing reads these. Any property of it is itself, but for the secret the
 * route table derives its key from (no token is ever checked with it) and the optional
 * admission settings and rate limits, which are left out.
 */
const declaredOnly: AppDeps = new Proxy({} as AppDeps, {
  get: (_target, name) => (name === 'jwtSecret' ? 'declared-only-never-verifies' : ABSENT.has(name) ? undefined : declaredOnly),
});

/**
 * The API's OpenAPI document, built in-process from the same route table the API serves, without
 * PostgreSQL, Redis or a listening server: what the client's types are generated from.
 */
export function apiOpenApiDocument(): ReturnType<typeof openApiDocument> {
  return openApiDocument(apiRoutes(declaredOnly).registry);
}
