export { createOnsaleClient, OnsaleClient, type DecisionOptions, type OnsaleClientOptions, type WatchOptions } from './client';
export { OnsaleApiError, OnsaleUnreachable, ReservationRejected, SoldOut, type Problem } from './errors';
export type { components, operations, paths } from './openapi';
export * from './types';
