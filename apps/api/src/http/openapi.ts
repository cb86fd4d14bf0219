import { OpenApiGeneratorV31, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { problemDetails } from '@onsale/shared';

/** Error responses share one component, named through zod metadata. */
export const problemSchema = problemDetails.meta({ id: 'Problem' });

export function prepareRegistry(registry: OpenAPIRegistry): void {
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  registry.registerComponent('securitySchemes', 'streamToken', {
    type: 'apiKey',
    in: 'query',
    name: 'streamToken',
    description: 'A short-lived token for one reservation, from POST /v1/reservations/{id}/stream-token (for EventSource)',
  });
}

/** The OpenAPI 3.1 document, generated from the routes' own zod schemas. */
export function openApiDocument(registry: OpenAPIRegistry): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Onsale API',
      version: '1.0.0',
      description:
        'Queue-based booking for high-traffic on-sales. Reservations are accepted at once (202) and decided in arrival order per event.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    // Relative: the server that serves this document.
    servers: [{ url: '/', description: 'This Onsale API' }],
  });
}
