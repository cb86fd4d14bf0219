import { countDeadDeliveries, type Database } from '@onsale/db';
import { addReadGauge } from '@onsale/shared';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { AttemptOutcome } from '@onsale/db';

/** The webhook delivery's metrics, on the worker's registry (docs/observability.md). */
export class WebhookMetrics {
  private readonly attempts: Counter<'result'>;
  private readonly latency: Histogram;
  private readonly died: Counter;
  private readonly yielding: Gauge;
  private readonly yieldedPasses: Counter;

  constructor(registry: Registry, database: Database) {
    const registers = [registry];
    this.attempts = new Counter({
      name: 'onsale_webhook_attempts_total',
      help: 'Webhook delivery attempts this worker made, by result: delivered (2xx), retry (failed, tried again later), dead (failed for good)',
      labelNames: ['result'],
      registers,
    });
    this.latency = new Histogram({
      name: 'onsale_webhook_attempt_duration_seconds',
      help: 'Time of one webhook delivery attempt, to the end of the answer or the failure',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.died = new Counter({
      name: 'onsale_webhook_deliveries_died_total',
      help: 'Webhook deliveries this worker saw fail for good (schedule exhausted, or 410 Gone)',
      registers,
    });
    this.yielding = new Gauge({
      name: 'onsale_webhooks_yielding',
      help: 'Whether this worker\'s webhooks are yielding to a backlog of decisions now (1): fan-out, hand-out and delivery wait, for at most WEBHOOK_MAX_YIELD_MS',
      registers,
    });
    this.yieldedPasses = new Counter({
      name: 'onsale_webhook_relay_yielded_passes_total',
      help: 'Webhook relay passes this worker skipped because decisions were behind arrivals',
      registers,
    });
    addReadGauge(
      registry,
      { name: 'onsale_webhook_deliveries_dead', help: 'Dead webhook deliveries in PostgreSQL, by endpoint (redeliver them from the admin API)', labelNames: ['endpoint_id'] },
      async () => (await countDeadDeliveries(database)).map(({ endpointId, dead }) => [{ endpoint_id: endpointId }, dead] as const),
    );
  }

  readonly recordAttempt = (outcome: AttemptOutcome): void => {
    const result = outcome.next.state;
    this.attempts.inc({ result });
    this.latency.observe(outcome.latencyMs / 1000);
    if (result === 'dead') this.died.inc();
  };

  readonly recordYielding = (yielding: boolean): void => this.yielding.set(yielding ? 1 : 0);

  readonly recordYieldedPass = (): void => this.yieldedPasses.inc();
}
