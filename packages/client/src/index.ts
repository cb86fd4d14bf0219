export { createOnsaleClient, OnsaleClient, type OnsaleClientOptions } from './client';
export { OnsaleApiError, OnsaleUnreachable, type Problem } from './errors';
export type { components, operations, paths } from './openapi';
export * from './types';
