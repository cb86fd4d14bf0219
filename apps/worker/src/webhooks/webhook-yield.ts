import type { Logger } from '@onsale/shared';

export interface WebhookYieldOptions {
  /** The longest one backlog defers webhooks (`WEBHOOK_MAX_YIELD_MS`); 0: they never yield. */
  maxYieldMs: number;
  /** Whether decisions are behind arrivals now (areDecisionsBehind); false when unknown. */
  decisionsBehind: () => Promise<boolean>;
  /** Told when webhooks start (true) and stop (false) yielding: the delivery workers pause and resume. */
  onChange: (yielding: boolean) => Promise<void> | void;
  /** Told of each relay pass skipped. */
  onYieldedPass?: () => void;
}

/**
 * Whether a relay pass yields to a backlog of decisions: asked once a pass. Webhooks yield from
 * the first pass that finds decisions behind to the first that finds them caught up, for at most
 * `maxYieldMs`; a backlog that lasts longer has its webhooks run alongside the decisions again (as
 * without yielding) until it ends. So no webhook waits for a backlog more than `maxYieldMs` (and
 * a relay interval), and none is dropped: what a skipped pass would have done, a later one does.
 */
export function webhookYield(options: WebhookYieldOptions, logger: Logger) {
  let yieldingSince: number | undefined;
  let skipped = 0;
  /** The backlog outlasted `maxYieldMs`: no more yielding until it ends. */
  let overdue = false;

  async function stopYielding(): Promise<{ yieldedMs: number; skippedPasses: number }> {
    const stopped = { yieldedMs: Date.now() - yieldingSince!, skippedPasses: skipped };
    yieldingSince = undefined;
    await options.onChange(false);
    return stopped;
  }

  return {
    async shouldYield(): Promise<boolean> {
      if (options.maxYieldMs === 0) return false;
      const behind = await options.decisionsBehind();
      if (!behind) {
        overdue = false;
        if (yieldingSince !== undefined) logger.info(await stopYielding(), 'decisions caught up: webhooks run again');
        return false;
      }
      if (overdue) return false;
      if (yieldingSince === undefined) {
        yieldingSince = Date.now();
        skipped = 0;
        logger.info({ maxYieldMs: options.maxYieldMs }, 'decisions behind arrivals: webhooks yield to them');
        await options.onChange(true);
      }
      if (Date.now() - yieldingSince >= options.maxYieldMs) {
        overdue = true;
        logger.warn(await stopYielding(), 'decisions still behind after WEBHOOK_MAX_YIELD_MS: webhooks run alongside them until they catch up');
        return false;
      }
      skipped += 1;
      options.onYieldedPass?.();
      return true;
    },
  };
}

export type WebhookYield = ReturnType<typeof webhookYield>;
