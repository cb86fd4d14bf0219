/**
 * @onsale/domain: the pure rules of an on-sale, with no I/O (no database, no queue, no clock of
 * its own): what the decision transaction in @onsale/db applies under its lock, and what the API
 * reads to answer before it. Its only dependency is @onsale/shared, for the contracts' types.
 */
export {
  availableOf,
  decideInOrder,
  decideReservation,
  inventoryMoveOf,
  isWithinSalesWindow,
  statusesThatReach,
  type InventoryMove,
  type QueuedRequest,
  type RequestedItem,
  type ReservationDecision,
  type SaleTerms,
  type Stock,
} from './reservation-rules';
export {
  bestAvailable,
  exactSeats,
  SeatAvailability,
  type Allocation,
  type AllocatorRow,
  type AllocatorSeat,
  type BestAvailableOptions,
  type ExactAllocation,
} from './seat-allocator';
export { toEventView, toReservationView, type EventRecord, type ReservationRecord } from './views';
export { commitmentOf, DRAW_METHOD, drawEntryOf, drawOrder, drawRankOf } from './fair-draw';
