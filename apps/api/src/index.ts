export { createApp, createRouteTable, httpApp, type AppDeps } from './app';
export { EventCatalog } from './events/event-catalog';
export { addEventRoutes } from './events/event.routes';
export { addHealthRoutes } from './health.routes';
export type { Reply, RouteTable } from './http/route';
export type { RequestContext } from './reservations/request-context';
export { prepareReservationRequest, queuedView } from './reservations/reservation-request';
export { reservationRequestRoute } from './reservations/reservation.routes';
export { closeServer, listen, startApi } from './server';
