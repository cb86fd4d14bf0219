import {
  findReservation,
  findSeatsByLabel,
  findReservationByIdempotencyKey,
  listCustomerReservations,
  type Database,
  type Page,
  type QueuedReservationInput,
  type ReservationWithItems,
} from '@onsale/db';
import { statusesThatReach, toReservationView } from '@onsale/domain';
import { commandIdOf, type PartitionQueues, type ReservationCommand, type ReservationUpdates } from '@onsale/queue';
import {
  BacklogFull,
  IdempotencyKeyReused,
  NotFound,
  ServiceUnavailable,
  SoldOut,
  StateConflict,
  TooManyQueued,
  type CreateReservationBody,
  type PaginationQuery,
  type Principal,
  type ReservationStatus,
  type ReservationView,
} from '@onsale/shared';
import type { EventCatalog } from '../events/event-catalog';
import type { EventAdmissions } from './event-admission';
import type { QueuedIntake } from './queued-intake';
import type { PollAnswer, ReservationPolls } from './reservation-polls';
import type { RequestContext } from './request-context';
import { prepareReservationRequest, queuedView } from './reservation-request';

export interface ReservationServiceDeps {
  database: Database;
  queues: PartitionQueues;
  intake: QueuedIntake;
  updates: ReservationUpdates;
  catalog: EventCatalog;
  commandWaitMs: number;
  /** Sold out at once, and backpressure: what may be queued at all. */
  admissions: EventAdmissions;
  /** Polls answered from memory; told of every request recorded here. */
  polls: ReservationPolls;
}

/** A command answered either with the decision, or with `pending` while it still waits in its partition. */
export type CommandReply = { pending: false; reservation: ReservationView } | { pending: true; reservation: ReservationView };

/** What confirm and cancel lead to, and from which statuses (the lifecycle's own table). */
const OWNER_COMMANDS = {
  confirm: { from: statusesThatReach('confirmed'), to: 'confirmed' },
  cancel: { from: statusesThatReach('cancelled'), to: 'cancelled' },
} as const satisfies Record<ReservationCommand['kind'], { from: readonly ReservationStatus[]; to: ReservationStatus }>;

const cannotBecome = (id: string, status: ReservationStatus, target: ReservationStatus) =>
  new StateConflict(`Reservation ${id} is ${status}; it cannot become ${target}.`, { reservationStatus: status });

export class ReservationService {
  constructor(private readonly deps: ReservationServiceDeps) {}

  /** Validates against the event and records the request as queued for its partition. */
  async request(
    context: RequestContext,
    eventId: string,
    body: CreateReservationBody,
    idempotencyKey: string | undefined,
  ): Promise<{ reservation: ReservationView; replayed: boolean }> {
    const request = await prepareReservationRequest(
      {
        catalog: this.deps.catalog,
        partitionOf: (id) => this.deps.queues.partitionOf(id),
        findSeats: (id, labels) => findSeatsByLabel(this.deps.database, id, labels),
      },
      context,
      eventId,
      body,
      idempotencyKey,
    );
    const earlier = await this.refusedUnlessReplay(request);
    if (earlier) return this.replay(earlier, request);
    const outcome = await this.deps.intake.accept(request);
    if (outcome.kind === 'accepted') {
      const event = body.seats ? await this.deps.catalog.get(eventId) : undefined;
      return {
        reservation: await this.deps.polls.remember(queuedView(request, body, outcome.createdAt, event), outcome.place, outcome.drawAt),
        replayed: false,
      };
    }
    if (outcome.kind === 'already_in_pre_queue') {
      throw new StateConflict(
        `You already have an entry in the pre-queue of event ${eventId}: one per customer. Its draw decides your place; you may request again once it has run.`,
      );
    }
    if (outcome.kind === 'over_queued_limit') {
      throw new TooManyQueued(
        `You already have the most requests waiting for a decision for event ${eventId} that one customer may; wait for their decisions.`,
        Math.max(1, Math.ceil(this.deps.admissions.estimatedWaitSeconds(eventId))),
      );
    }
    return this.replay(outcome.reservation, request);
  }

  /**
   * Throws if admission control refuses the request (sold out, backlog full), unless it is the
   * retry of a request recorded before under the same Idempotency-Key: then that reservation is
   * returned, since a replay must get its reservation whatever happened since.
   */
  private async refusedUnlessReplay(request: QueuedReservationInput): Promise<ReservationWithItems | undefined> {
    try {
      await this.deps.admissions.check(request);
      return undefined;
    } catch (refusal) {
      if (!request.idempotencyKey || !(refusal instanceof SoldOut || refusal instanceof BacklogFull)) throw refusal;
      const earlier = await findReservationByIdempotencyKey(this.deps.database, request.customerId, request.idempotencyKey);
      if (!earlier) throw refusal;
      return earlier;
    }
  }

  private replay(earlier: ReservationWithItems, request: QueuedReservationInput): { reservation: ReservationView; replayed: true } {
    if (earlier.requestHash !== request.requestHash) {
      throw new IdempotencyKeyReused(`Idempotency-Key ${request.idempotencyKey} was used for a different request.`);
    }
    return { reservation: toReservationView(earlier), replayed: true };
  }

  /** A poll of the reservation, answered from memory when this process knows it (owner or admin). */
  poll(principal: Principal, id: string, ifNoneMatch: string | undefined): Promise<PollAnswer> {
    return this.deps.polls.poll(principal, id, ifNoneMatch);
  }

  async get(principal: Principal, id: string): Promise<ReservationWithItems> {
    const reservation = await findReservation(this.deps.database, id);
    // Someone else's reservation is answered exactly like a missing one.
    if (!reservation || (reservation.customerId !== principal.sub && principal.role !== 'admin')) {
      throw new NotFound(`No reservation ${id}.`);
    }
    return reservation;
  }

  async listMine(principal: Principal, page: PaginationQuery): Promise<Page<ReservationView>> {
    const found = await listCustomerReservations(this.deps.database, principal.sub, page);
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
    if (!from.includes(reservation.status)) throw cannotBecome(id, reservation.status, to);
    const reply = await this.runCommand(context, { kind, reservation });
    if (!reply.pending && reply.reservation.status !== to) throw cannotBecome(id, reply.reservation.status, to);
    return reply;
  }

  private async ownedBy(principal: Principal, id: string): Promise<ReservationWithItems> {
    const reservation = await findReservation(this.deps.database, id);
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
      partition: this.deps.queues.partitionOf(command.reservation.eventId),
      eventId: command.reservation.eventId,
      reservationId: command.reservation.id,
      requestId: context.requestId,
    };
    const commandId = commandIdOf(job);
    const update = await this.deps.updates.waitFor(
      command.reservation.id,
      (candidate) => candidate.commandId === commandId,
      this.deps.commandWaitMs,
      () => this.deps.queues.enqueue(job),
    );
    if (update?.setAside) {
      throw new ServiceUnavailable(
        `The ${command.kind} of reservation ${command.reservation.id} could not be processed and was set aside for an operator; the reservation is unchanged. Try again later.`,
      );
    }
    return update
      ? { pending: false, reservation: update.reservation }
      : { pending: true, reservation: toReservationView(command.reservation) };
  }
}
