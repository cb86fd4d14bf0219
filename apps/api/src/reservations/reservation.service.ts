import { createHash, randomUUID } from 'node:crypto';
import {
  findReservation,
  listCustomerReservations,
  toReservationView,
  type DatabaseClient,
  type Page,
  type ReservationWithItems,
} from '@onsale/db';
import {
  IdempotencyKeyReused,
  jobIdFor,
  NotFound,
  StateConflict,
  UnprocessableRequest,
  type CreateReservationBody,
  type Logger,
  type PaginationQuery,
  type PartitionQueues,
  type Principal,
  type ReservationCommand,
  type ReservationStatus,
  type ReservationView,
} from '@onsale/shared';
import type { EventCatalog } from '../events/event-catalog';
import type { ReservationIntake } from './reservation-intake';
import type { ReservationUpdates } from './reservation-updates';

export interface ReservationServiceDeps {
  database: DatabaseClient;
  queues: PartitionQueues;
  intake: ReservationIntake;
  updates: ReservationUpdates;
  catalog: EventCatalog;
  commandWaitMs: number;
}

export interface RequestContext {
  principal: Principal;
  requestId: string;
  log: Logger;
}

/** A command answered either with the decision, or with `pending` while it still waits in its partition. */
export type CommandReply = { pending: false; reservation: ReservationView } | { pending: true; reservation: ReservationView };

/** What confirm and cancel lead to, and from which statuses. */
const OWNER_COMMANDS = {
  confirm: { from: ['held'], to: 'confirmed' },
  cancel: { from: ['queued', 'held', 'confirmed'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly ReservationStatus[]; to: ReservationStatus }>;

const cannotBecome = (id: string, status: ReservationStatus, target: ReservationStatus) =>
  new StateConflict(`Reservation ${id} is ${status}; it cannot become ${target}.`, { reservationStatus: status });

const requestHashOf = (eventId: string, body: CreateReservationBody) =>
  createHash('sha256').update(JSON.stringify({ eventId, items: body.items })).digest('hex');

export class ReservationService {
  constructor(private readonly deps: ReservationServiceDeps) {}

  /** Validates against the event and hands the request to the intake, which queues it for its partition. */
  async request(
    context: RequestContext,
    eventId: string,
    body: CreateReservationBody,
    idempotencyKey: string | undefined,
  ): Promise<{ reservation: ReservationView; replayed: boolean; decided: boolean }> {
    const event = await this.deps.catalog.get(eventId);
    if (!event) throw new NotFound(`No event ${eventId}.`);
    const idsByCode = new Map(event.ticketTypes.map((ticketType) => [ticketType.code, ticketType.id]));
    const unknown = body.items
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => !idsByCode.has(item.ticketType));
    if (unknown.length > 0) {
      throw new UnprocessableRequest(
        'The event sells no such ticket type.',
        unknown.map(({ item, index }) => ({ path: `body.items.${index}.ticketType`, message: `unknown code ${item.ticketType}` })),
      );
    }

    const id = randomUUID();
    const requestHash = requestHashOf(eventId, body);
    const request = {
      id,
      eventId,
      partition: this.deps.queues.partitionOf(eventId),
      customerId: context.principal.sub,
      items: body.items.map((item) => ({ ticketTypeId: idsByCode.get(item.ticketType)!, quantity: item.quantity })),
      idempotencyKey: idempotencyKey ?? null,
      requestHash,
      requestId: context.requestId,
    };
    const outcome = await this.deps.intake.accept(request);

    if (outcome.kind === 'replayed') {
      const earlier = outcome.reservation;
      if (earlier.requestHash !== requestHash) {
        throw new IdempotencyKeyReused(`Idempotency-Key ${idempotencyKey} was used for a different request.`);
      }
      return { reservation: toReservationView(earlier), replayed: true, decided: false };
    }
    if (outcome.kind === 'decided') {
      return { reservation: toReservationView(outcome.reservation), replayed: false, decided: true };
    }

    const createdAt = outcome.createdAt.toISOString();
    return {
      reservation: {
        id,
        eventId,
        customerId: context.principal.sub,
        status: 'queued',
        items: body.items,
        createdAt,
        updatedAt: createdAt,
        version: 1,
      },
      replayed: false,
      decided: false,
    };
  }

  async get(principal: Principal, id: string): Promise<ReservationWithItems> {
    const reservation = await findReservation(this.deps.database.sql, id);
    // Someone else's reservation is answered exactly like a missing one.
    if (!reservation || (reservation.customerId !== principal.sub && principal.role !== 'admin')) {
      throw new NotFound(`No reservation ${id}.`);
    }
    return reservation;
  }

  async listMine(principal: Principal, page: PaginationQuery): Promise<Page<ReservationView>> {
    const found = await listCustomerReservations(this.deps.database.db, principal.sub, page);
    return { items: found.items.map(toReservationView), nextCursor: found.nextCursor };
  }

  /** Turns the caller's hold into a sale. */
  confirm(context: RequestContext, id: string): Promise<CommandReply> {
    return this.runOwnerCommand(context, id, 'confirm');
  }

  /** Releases the caller's queued request, hold or sale. */
  cancel(context: RequestContext, id: string): Promise<CommandReply> {
    return this.runOwnerCommand(context, id, 'cancel');
  }

  /**
   * Answers at once when the reservation is already where the command leads (idempotent) or
   * cannot get there (409); otherwise runs the command through the event's partition.
   */
  private async runOwnerCommand(context: RequestContext, id: string, kind: keyof typeof OWNER_COMMANDS): Promise<CommandReply> {
    const { from, to } = OWNER_COMMANDS[kind];
    const reservation = await this.ownedBy(context.principal, id);
    if (reservation.status === to) return { pending: false, reservation: toReservationView(reservation) };
    if (!(from as readonly ReservationStatus[]).includes(reservation.status)) throw cannotBecome(id, reservation.status, to);
    const reply = await this.runCommand(context, { kind, reservation });
    if (!reply.pending && reply.reservation.status !== to) throw cannotBecome(id, reply.reservation.status, to);
    return reply;
  }

  private async ownedBy(principal: Principal, id: string): Promise<ReservationWithItems> {
    const reservation = await findReservation(this.deps.database.sql, id);
    if (!reservation || reservation.customerId !== principal.sub) throw new NotFound(`No reservation ${id}.`);
    return reservation;
  }

  /** Enqueues the command on the event's partition and waits, up to the configured time, for its outcome. */
  private async runCommand(
    context: RequestContext,
    command: { kind: ReservationCommand['kind']; reservation: ReservationWithItems },
  ): Promise<CommandReply> {
    const job: ReservationCommand = {
      kind: command.kind,
      eventId: command.reservation.eventId,
      reservationId: command.reservation.id,
      requestId: context.requestId,
    };
    const commandId = jobIdFor(job);
    const update = await this.deps.updates.waitFor(
      command.reservation.id,
      (candidate) => candidate.commandId === commandId,
      this.deps.commandWaitMs,
      () => this.deps.queues.enqueue(job),
    );
    return update
      ? { pending: false, reservation: update.reservation }
      : { pending: true, reservation: toReservationView(command.reservation) };
  }
}
