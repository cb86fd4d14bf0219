import { setTimeout as sleep } from 'node:timers/promises';
import type { DeadLetters } from '@onsale/queue';
import type { DeadLetterView, Logger } from '@onsale/shared';

/** Where a job was taken from. */
export interface JobOrigin {
  queue: string;
  partition: number;
  jobId: string | undefined;
  /** The BullMQ job name: the kind its producer meant. */
  name: string;
  /** For a work notice the sweeps re-add (`decide`, `expire`), its command id: one dead letter waits per id. */
  noticeId?: string;
}

export interface PoisonGuardDeps {
  deadLetters: Pick<DeadLetters, 'add'>;
  /** How many times a job's handler runs before the job is set aside (`JOB_MAX_ATTEMPTS`). */
  maxAttempts: number;
  /** The wait after the first failed attempt, doubled after each one, at most MAX_BACKOFF_MS. */
  backoffMs: number;
  workerId: string;
  logger: Logger;
  /** Told of every job set aside (the metrics). */
  onDeadLettered?: (letter: DeadLetterView) => void;
}

const MAX_BACKOFF_MS = 2_000;

/** What a dead letter records of the error: never more than an operator needs to find it in the logs. */
function describe(error: unknown): DeadLetterView['error'] {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
}

function requestIdOf(payload: unknown): string | null {
  const requestId = (payload as { requestId?: unknown } | null)?.requestId;
  return typeof requestId === 'string' ? requestId : null;
}

/**
 * A poison job is one that fails however often it runs. Its partition must not wait on it: the
 * job gets a bounded number of attempts, retried in place (a BullMQ retry would re-enter at the
 * tail of the queue and reorder the partition's commands), and is then set aside as a dead
 * letter, which an operator can read, redrive or delete. Transient database failures are retried
 * inside each attempt by the command handler; what reaches this guard is an attempt that failed.
 */
export function createPoisonGuard(deps: PoisonGuardDeps) {
  async function setAside(origin: JobOrigin, payload: unknown, error: unknown, attempts: number, firstAttemptAt: Date): Promise<void> {
    const letter = await deps.deadLetters.add({
      queue: origin.queue,
      partition: origin.partition,
      jobId: origin.jobId ?? null,
      kind: origin.name,
      payload,
      requestId: requestIdOf(payload),
      error: describe(error),
      attempts,
      firstAttemptAt: firstAttemptAt.toISOString(),
      deadLetteredAt: new Date().toISOString(),
      workerId: deps.workerId,
    }, { onePer: origin.noticeId });
    deps.logger.error(
      {
        err: error,
        deadLetterId: letter.id,
        jobId: letter.jobId,
        kind: letter.kind,
        partition: letter.partition,
        requestId: letter.requestId,
        attempts,
        heldPartitionMs: Date.parse(letter.deadLetteredAt) - firstAttemptAt.getTime(),
      },
      'partition job set aside as a dead letter',
    );
    deps.onDeadLettered?.(letter);
  }

  return {
    /** Sets a job aside at once: one whose payload no attempt could handle (it failed validation). */
    setAside: (origin: JobOrigin, payload: unknown, error: unknown) => setAside(origin, payload, error, 1, new Date()),

    /** Runs `handle` until it succeeds, at most `maxAttempts` times; then sets the job aside. */
    async attempt(origin: JobOrigin, payload: unknown, handle: () => Promise<void>): Promise<void> {
      const firstAttemptAt = new Date();
      for (let attempt = 1; ; attempt++) {
        try {
          return await handle();
        } catch (error) {
          if (attempt >= deps.maxAttempts) return setAside(origin, payload, error, attempt, firstAttemptAt);
          deps.logger.warn({ err: error, attempt, jobId: origin.jobId, partition: origin.partition, requestId: requestIdOf(payload) }, 'partition job failed; retrying in place');
          await sleep(Math.min(MAX_BACKOFF_MS, deps.backoffMs * 2 ** (attempt - 1)));
        }
      }
    },
  };
}

export type PoisonGuard = ReturnType<typeof createPoisonGuard>;
