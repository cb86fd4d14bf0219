import { isTransientDatabaseError } from '@onsale/db';
import { retryTransient } from './retry';

/** An error shaped like a PostgreSQL driver error with the given SQLSTATE. */
function pgError(code: string): Error {
  return Object.assign(new Error(`postgres error ${code}`), { code });
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('retryTransient', () => {
  it('returns at once when the operation succeeds', async () => {
    const operation = jest.fn().mockResolvedValue('done');
    const onRetry = jest.fn();

    await expect(retryTransient(operation, { isTransient: () => true, budgetMs: 1_000, onRetry })).resolves.toBe('done');

    expect(operation).toHaveBeenCalledTimes(1);
    expect(onRetry).not.toHaveBeenCalled();
  });

  it('retries transient errors until the operation succeeds', async () => {
    const serialization = pgError('40001');
    const deadlock = pgError('40P01');
    const operation = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(serialization)
      .mockRejectedValueOnce(deadlock)
      .mockResolvedValue('committed');
    const onRetry = jest.fn();

    const result = await retryTransient(operation, { isTransient: isTransientDatabaseError, budgetMs: 10_000, onRetry });

    expect(result).toBe('committed');
    expect(operation).toHaveBeenCalledTimes(3);
    expect(onRetry.mock.calls).toEqual([
      [serialization, 1],
      [deadlock, 2],
    ]);
  });

  it('retries a transient error wrapped as the cause of another error', async () => {
    const wrapped = new Error('Failed query', { cause: pgError('57P01') });
    const operation = jest.fn<Promise<number>, []>().mockRejectedValueOnce(wrapped).mockResolvedValue(42);

    await expect(retryTransient(operation, { isTransient: isTransientDatabaseError, budgetMs: 10_000 })).resolves.toBe(42);
    expect(operation).toHaveBeenCalledTimes(2);
  });

  it('gives up after the budget and throws the last error', async () => {
    // A clock that only the operation moves: each attempt "takes" 40 ms of a 100 ms budget.
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const errors: Error[] = [];
    const operation = jest.fn(async () => {
      now += 40;
      const error = pgError('40001');
      errors.push(error);
      throw error;
    });
    const onRetry = jest.fn();

    const thrown = await retryTransient(operation, { isTransient: isTransientDatabaseError, budgetMs: 100, onRetry }).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(thrown).toBe(errors[2]);
    // Attempts end at +40 and +80 (within budget, retried) and +120 (past it, thrown).
    expect(operation).toHaveBeenCalledTimes(3);
    expect(onRetry).toHaveBeenCalledTimes(2);
    expect(errors).toHaveLength(3);
  });

  it('does not retry a transient error once the budget is already spent', async () => {
    const error = pgError('40001');
    const operation = jest.fn().mockRejectedValue(error);

    await expect(retryTransient(operation, { isTransient: () => true, budgetMs: 0 })).rejects.toBe(error);
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('does not retry a non-transient error', async () => {
    const uniqueViolation = pgError('23505');
    const operation = jest.fn().mockRejectedValue(uniqueViolation);
    const onRetry = jest.fn();

    await expect(
      retryTransient(operation, { isTransient: isTransientDatabaseError, budgetMs: 10_000, onRetry }),
    ).rejects.toBe(uniqueViolation);
    expect(operation).toHaveBeenCalledTimes(1);
    expect(onRetry).not.toHaveBeenCalled();
  });

  it('does not retry a plain programming error', async () => {
    const bug = new TypeError('cannot read properties of undefined');
    const operation = jest.fn().mockRejectedValue(bug);

    await expect(retryTransient(operation, { isTransient: isTransientDatabaseError, budgetMs: 10_000 })).rejects.toBe(bug);
    expect(operation).toHaveBeenCalledTimes(1);
  });
});
