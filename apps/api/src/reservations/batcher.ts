import { withDeadline } from '@onsale/shared';

interface Waiting<In, Out> {
  input: In;
  resolve(output: Out): void;
  reject(error: unknown): void;
}

export interface BatcherOptions {
  maxBatchSize: number;
  /**
   * A batch with no outcome by then fails with `deadline.error()` and the next batch goes: one
   * stalled flush must not hold every later call. The stalled flush's signal is aborted, and
   * whatever it settles to later is ignored.
   */
  deadline?: { ms: number; error: () => unknown };
  /** Failures for which the batch is retried item by item, so one bad input fails only its own call. */
  isolateFailure?: (error: unknown) => boolean;
}

/**
 * Gathers calls into batches, one batch in flight at a time. Idle, a call is flushed at once
 * (with whatever arrived in the same event-loop turn); busy, calls wait and the next flush takes
 * them all. The batch size follows the load with no timer and no added latency when quiet.
 * DataLoader, the usual library for this, batches only within one tick, not while a flush is in
 * flight, which is what lets a batch grow with the load; hence this small class.
 */
export class Batcher<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  private flushing = false;
  private scheduled = false;

  constructor(
    private readonly flushBatch: (inputs: In[], signal: AbortSignal) => Promise<Out[]>,
    private readonly options: BatcherOptions,
  ) {}

  add(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.flushing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.waiting.length === 0) return;
    this.flushing = true;
    const batch = this.waiting.splice(0, this.options.maxBatchSize);
    try {
      await this.settle(batch);
    } finally {
      this.flushing = false;
      if (this.waiting.length > 0) this.schedule();
    }
  }

  private async settle(batch: Waiting<In, Out>[]): Promise<void> {
    try {
      const outputs = await this.flushWithinDeadline(batch.map((entry) => entry.input));
      batch.forEach((entry, index) => entry.resolve(outputs[index]!));
    } catch (error) {
      if (batch.length > 1 && this.options.isolateFailure?.(error)) {
        // One at a time, in the order they came.
        for (const entry of batch) await this.settle([entry]);
      } else {
        for (const entry of batch) entry.reject(error);
      }
    }
  }

  private flushWithinDeadline(inputs: In[]): Promise<Out[]> {
    const controller = new AbortController();
    const flushed = this.flushBatch(inputs, controller.signal);
    const { deadline } = this.options;
    if (!deadline) return flushed;
    return withDeadline(flushed, deadline.ms, { error: deadline.error, onExpired: () => controller.abort() });
  }
}
