import { Batcher } from './batcher';

/** A flush that records each batch and resolves when the test says so. */
function recordingFlush(fail: (input: number) => boolean = () => false) {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  const flush = (inputs: number[]) => {
    batches.push(inputs);
    return new Promise<number[]>((resolve, reject) =>
      pending.push(() => (inputs.some(fail) ? reject(new Error(`bad batch ${inputs.join(',')}`)) : resolve(inputs.map((n) => n * 10)))),
    );
  };
  const releaseNext = async () => {
    while (pending.length === 0) await new Promise((resolve) => setImmediate(resolve));
    pending.shift()!();
  };
  return { flush, batches, releaseNext };
}

describe('Batcher', () => {
  it('flushes alone when idle, then gathers everything that arrives while a flush is in flight', async () => {
    const { flush, batches, releaseNext } = recordingFlush();
    const batcher = new Batcher(flush, { maxBatchSize: 100 });

    const first = batcher.add(1);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [2, 3, 4].map((n) => batcher.add(n));
    await releaseNext();
    await releaseNext();

    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('caps a batch at maxBatchSize, keeping arrival order across batches', async () => {
    const { flush, batches, releaseNext } = recordingFlush();
    const batcher = new Batcher(flush, { maxBatchSize: 2 });

    const results = [1, 2, 3, 4, 5].map((n) => batcher.add(n));
    for (let i = 0; i < 3; i++) await releaseNext();

    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('retries a failed batch one by one when told to, so only the bad input fails', async () => {
    const { flush, batches, releaseNext } = recordingFlush((n) => n === 2);
    const batcher = new Batcher(flush, { maxBatchSize: 10, isolateFailure: () => true });

    const results = [1, 2, 3].map((n) => batcher.add(n).catch((error: Error) => error.message));
    for (let i = 0; i < 4; i++) await releaseNext();

    expect(await Promise.all(results)).toEqual([10, 'bad batch 2', 30]);
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('fails the whole batch when the failure is not to be isolated', async () => {
    const { flush, releaseNext } = recordingFlush((n) => n === 2);
    const batcher = new Batcher(flush, { maxBatchSize: 10, isolateFailure: () => false });

    const results = [1, 2].map((n) => batcher.add(n).catch((error: Error) => error.message));
    await releaseNext();

    expect(await Promise.all(results)).toEqual(['bad batch 1,2', 'bad batch 1,2']);
  });

  it('fails a batch that outlives its deadline, aborts its flush and goes on with the next batch', async () => {
    const signals: AbortSignal[] = [];
    const batches: number[][] = [];
    // The first flush never settles (a statement stuck behind a dead connection); later ones answer at once.
    const flush = (inputs: number[], signal: AbortSignal) => {
      batches.push(inputs);
      signals.push(signal);
      return batches.length === 1 ? new Promise<number[]>(() => {}) : Promise.resolve(inputs.map((n) => n * 10));
    };
    const batcher = new Batcher(flush, { maxBatchSize: 10, deadline: { ms: 50, error: () => new Error('too late') } });

    const stuck = batcher.add(1).catch((error: Error) => error.message);
    await new Promise((resolve) => setImmediate(resolve));
    const next = batcher.add(2);

    expect(await stuck).toBe('too late');
    expect(signals[0]!.aborted).toBe(true);
    expect(await next).toBe(20);
    expect(batches).toEqual([[1], [2]]);
  });
});
