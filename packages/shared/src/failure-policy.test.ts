import { DeadlineExceeded, InvariantViolated, RetriesExhausted } from './errors';
import { isTransient, retryInPlace, withDeadline, worstCasePartitionStallMs } from './failure-policy';

const transient = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });

describe('isTransient', () => {
  it('classifies connection losses, SQLSTATEs, deadlines and typed failures', () => {
    expect(isTransient(transient())).toBe(true);
    expect(isTransient({ code: '40001' })).toBe(true);
    expect(isTransient({ code: '08006' })).toBe(true);
    expect(isTransient({ code: 'EHOSTUNREACH' })).toBe(true);
    expect(isTransient(new Error('wrapped', { cause: { code: '57P01' } }))).toBe(true);
    expect(isTransient(new DeadlineExceeded('reading', 10))).toBe(true);
    expect(isTransient(new InvariantViolated('broken'))).toBe(false);
    expect(isTransient({ code: '23505' })).toBe(false);
    expect(isTransient(new Error('bug'))).toBe(false);
    expect(isTransient(new RetriesExhausted(3, new Date(), transient()))).toBe(false);
  });
});

describe('withDeadline', () => {
  it('settles like the work, or rejects with DeadlineExceeded and calls onExpired', async () => {
    await expect(withDeadline(Promise.resolve(1), 50)).resolves.toBe(1);
    const onExpired = jest.fn();
    await expect(withDeadline(new Promise(() => undefined), 20, { what: 'waiting for Godot', onExpired })).rejects.toThrow(
      'waiting for Godot: no answer within 20 ms',
    );
    expect(onExpired).toHaveBeenCalledTimes(1);
    await expect(withDeadline(new Promise(() => undefined), 5, { error: () => new InvariantViolated('mine') })).rejects.toThrow('mine');
  });
});

describe('retryInPlace', () => {
  const config = { WORKER_RETRY_BUDGET_MS: 400, JOB_MAX_ATTEMPTS: 3 };

  it('retries transient failures until the budget, then gives up: the stall is worstCasePartitionStallMs', async () => {
    const attempt = jest.fn(() => Promise.reject(transient()));
    const startedAt = performance.now();
    const error = await retryInPlace(attempt, config).catch((thrown: unknown) => thrown);
    const elapsed = performance.now() - startedAt;
    expect(error).toBeInstanceOf(RetriesExhausted);
    expect((error as RetriesExhausted).cause).toMatchObject({ code: 'ECONNREFUSED' });
    expect(attempt.mock.calls.length).toBeGreaterThan(config.JOB_MAX_ATTEMPTS);
    expect(elapsed).toBeGreaterThanOrEqual(worstCasePartitionStallMs(config) - 5);
    expect(elapsed).toBeLessThan(worstCasePartitionStallMs(config) + 100);
  });

  it('gives a permanent failure JOB_MAX_ATTEMPTS attempts', async () => {
    const attempt = jest.fn(() => Promise.reject(new InvariantViolated('refused')));
    const error = await retryInPlace(attempt, config).catch((thrown: unknown) => thrown);
    expect(attempt).toHaveBeenCalledTimes(3);
    expect((error as RetriesExhausted).attempts).toBe(3);
  });

  it('does not wait for an attempt that outlives the budget', async () => {
    const startedAt = performance.now();
    const error = await retryInPlace(() => new Promise(() => undefined), config).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(RetriesExhausted);
    expect(performance.now() - startedAt).toBeLessThan(worstCasePartitionStallMs(config) + 100);
  });

  it('returns the first success', async () => {
    const attempt = jest.fn().mockRejectedValueOnce(transient()).mockRejectedValueOnce(new InvariantViolated('once')).mockResolvedValue('done');
    const onRetry = jest.fn();
    await expect(retryInPlace(attempt, config, { onRetry })).resolves.toBe('done');
    expect(onRetry.mock.calls.map(([, number, wasTransient]) => [number, wasTransient])).toEqual([
      [1, true],
      [2, false],
    ]);
  });
});
