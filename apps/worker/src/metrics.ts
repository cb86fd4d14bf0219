import { readPoolConnections, type Database, type ReservationWithItems } from '@onsale/db';
import type { PartitionJob } from '@onsale/queue';
import { addPoolGauges, addReachabilityGauge, createMetricsRegistry, type DeadLetterView } from '@onsale/shared';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { Handled } from './commands';

/*
 * What a worker exports on METRICS_PORT: the transitions it committed, by event, and how its
 * transactions went, plus its pool and reachability. Names, labels and meaning: docs/observability.md.
 */

export interface WorkerMetricsDeps {
  database: Database;
  poolSize: number;
  /** The `application_name` this process's pool connects with. */
  applicationName: string;
  postgresPing: () => Promise<unknown>;
  redisPing: () => Promise<unknown>;
}

/** The reason label of a hold: it has none. */
const NO_REASON = 'none';

export class WorkerMetrics {
  readonly registry: Registry = createMetricsRegistry();
  private readonly registers = [this.registry];

  private readonly decided = new Counter({
    name: 'onsale_reservations_decided_total',
    help: 'Reservation requests decided, by event, outcome (held, rejected) and reason (none for a hold)',
    labelNames: ['event_id', 'outcome', 'reason'],
    registers: this.registers,
  });

  /** Reservations that reached each settled state, by event: confirmed, cancelled, expired. */
  private readonly settled = {
    confirmed: this.transitionCounter('confirmed', 'Holds confirmed (sold), by event'),
    cancelled: this.transitionCounter('cancelled', 'Reservations cancelled (queued, held or confirmed), by event'),
    expired: this.transitionCounter('expired', 'Holds expired, by sweep or at a late confirm, by event'),
  };

  private readonly batchSize = new Histogram({
    name: 'onsale_decision_batch_size',
    help: 'Requests decided by one decide transaction',
    buckets: [0, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
    registers: this.registers,
  });

  private readonly transactionDuration = new Histogram({
    name: 'onsale_transaction_duration_seconds',
    help: 'Time to run one partition command transaction (in-place retries included), by job kind',
    labelNames: ['kind'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: this.registers,
  });

  private readonly acceptToDecision = new Histogram({
    name: 'onsale_accept_to_decision_seconds',
    help: 'From a request recorded as queued (created_at) to its decision written (decided_at)',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: this.registers,
  });

  private readonly deadLettered = new Counter({
    name: 'onsale_jobs_dead_lettered_total',
    help: 'Partition jobs this worker set aside as dead letters after their last attempt failed, by job kind',
    labelNames: ['kind'],
    registers: this.registers,
  });

  constructor(deps: WorkerMetricsDeps) {
    addReachabilityGauge(this.registry, { postgres: deps.postgresPing, redis: deps.redisPing });
    addPoolGauges(this.registry, deps.poolSize, () => readPoolConnections(deps.database, deps.applicationName));
  }

  /** Called by the command handler once a job's transaction has committed. */
  readonly recordHandled = (job: PartitionJob, handled: Handled, transactionSeconds: number): void => {
    this.transactionDuration.observe({ kind: job.kind }, transactionSeconds);
    if (job.kind === 'decide') {
      this.batchSize.observe(handled.reservations.length);
      for (const reservation of handled.reservations) this.recordDecision(reservation);
      return;
    }
    // confirm and cancel return their reservation even when they changed nothing.
    if ((job.kind === 'confirm' || job.kind === 'cancel') && handled.outcome.changed !== 1) return;
    for (const { status, eventId } of handled.reservations) {
      if (status === 'confirmed' || status === 'cancelled' || status === 'expired') this.settled[status].inc({ event_id: eventId });
    }
  };

  /** Called by the poison guard for every job it set aside. */
  readonly recordDeadLettered = (letter: DeadLetterView): void => {
    this.deadLettered.inc({ kind: letter.kind });
  };

  private recordDecision(reservation: ReservationWithItems): void {
    this.decided.inc({ event_id: reservation.eventId, outcome: reservation.status, reason: reservation.reason ?? NO_REASON });
    if (reservation.decidedAt) {
      this.acceptToDecision.observe((reservation.decidedAt.getTime() - reservation.createdAt.getTime()) / 1000);
    }
  }

  private transitionCounter(status: string, help: string) {
    return new Counter({ name: `onsale_reservations_${status}_total`, help, labelNames: ['event_id'], registers: this.registers });
  }
}
