import type { DeadLetters } from '@onsale/queue';
import { RetriesExhausted, type DeadLetterView, type Logger } from '@onsale/shared';

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
  workerId: string;
  logger: Logger;
  /** Told of every job set aside (the metrics). */
  onDeadLettered?: (letter: DeadLetterView) => void;
}

/** What a dead letter records of the error: never more than an operator needs to find it in the logs. */
function describe(error: unknown): DeadLetterView['error'] {
  // Not `instanceof Error`: Node's socket errors come from another realm under jest's vm.
  const { name, message, code } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown; code?: unknown };
  if (typeof message !== 'string') return { name: 'Error', message: String(error) };
  return { name: typeof name === 'string' ? name : 'Error', message, ...(typeof code === 'string' ? { code } : {}) };
}

function requestIdOf(payload: unknown): string | null {
  const requestId = (payload as { requestId?: unknown } | null)?.requestId;
  return typeof requestId === 'string' ? requestId : null;
}

/**
 * A poison job is one that fails however often it runs. Its partition must not wait on it: the
 * failure policy (`retryInPlace` in @onsale/shared, run by the command handler) retries it in
 * place within one budget and then gives up with RetriesExhausted; this guard sets such a job
 * aside as a dead letter, which an operator can read, redrive or delete. The guard retries
 * nothing itself: the policy's is the only retry loop.
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

    /**
     * Runs `handle` once; a failure sets the job aside: with the attempts and the first attempt's
     * time of a RetriesExhausted, and its last failure as the error.
     */
    async attempt(origin: JobOrigin, payload: unknown, handle: () => Promise<void>): Promise<void> {
      const startedAt = new Date();
      try {
        return await handle();
      } catch (error) {
        if (error instanceof RetriesExhausted) return setAside(origin, payload, error.cause, error.attempts, error.firstAttemptAt);
        return setAside(origin, payload, error, 1, startedAt);
      }
    },
  };
}

export type PoisonGuard = ReturnType<typeof createPoisonGuard>;
