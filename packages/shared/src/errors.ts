/**
 * Errors the API answers with. Each maps to one RFC 9457 problem type; the API's
 * error middleware is the only place that turns them into HTTP responses.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  /** Stable, machine-readable code; also the last segment of the problem `type`. */
  abstract readonly code: string;
  abstract readonly title: string;
  /**
   * `extensions` are public: they go into the problem body. `cause` is not: it is logged with the
   * error, never answered (a client learns nothing of our internals).
   */
  constructor(
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    options: { cause?: unknown } = {},
  ) {
    super(detail, options);
    this.name = new.target.name;
  }
}

export interface FieldError {
  path: string;
  message: string;
}

/** The request is malformed: bad JSON, wrong types, unknown fields, out-of-range values. */
export class ValidationFailed extends AppError {
  readonly status = 400;
  readonly code = 'validation_failed';
  readonly title = 'Your request is not valid';
  constructor(detail: string, readonly errors: FieldError[] = []) {
    super(detail, { errors });
  }
}

/** No usable bearer token. */
export class Unauthorized extends AppError {
  readonly status = 401;
  readonly code = 'unauthorized';
  readonly title = 'Authentication required';
}

/** The caller is known but lacks the role the route needs. */
export class Forbidden extends AppError {
  readonly status = 403;
  readonly code = 'forbidden';
  readonly title = 'Not allowed';
}

/** The resource does not exist, or the caller may not see it. */
export class NotFound extends AppError {
  readonly status = 404;
  readonly code = 'not_found';
  readonly title = 'Not found';
}

/** The request conflicts with the resource's current state (e.g. confirming an expired hold). */
export class StateConflict extends AppError {
  readonly status = 409;
  readonly code = 'state_conflict';
  readonly title = 'Conflicts with the current state';
}

/** An Idempotency-Key was replayed with a different request body. */
export class IdempotencyKeyReused extends AppError {
  readonly status = 422;
  readonly code = 'idempotency_key_reused';
  readonly title = 'Idempotency-Key already used for a different request';
}

/** Well-formed but refers to things that do not exist in the target (e.g. an unknown ticket type code). */
export class UnprocessableRequest extends AppError {
  readonly status = 422;
  readonly code = 'unprocessable';
  readonly title = 'The request cannot be applied';
  constructor(detail: string, readonly errors: FieldError[] = []) {
    super(detail, { errors });
  }
}

/** A dependency (PostgreSQL, Redis) is unreachable. */
export class ServiceUnavailable extends AppError {
  readonly status = 503;
  readonly code = 'service_unavailable';
  readonly title = 'Service unavailable';
}

/** A request body that is not JSON. */
export class UnsupportedMediaType extends AppError {
  readonly status = 415;
  readonly code = 'unsupported_media_type';
  readonly title = 'Send application/json';
}

/** An error the client should retry after a while: answered with `Retry-After`. */
export abstract class RetryLater extends AppError {
  constructor(
    detail: string,
    /** Seconds until a retry is worth it; the `Retry-After` header. */
    readonly retryAfterSeconds: number,
    extensions: Record<string, unknown> = {},
  ) {
    super(detail, extensions);
  }
}

/** The caller sent more requests than its rate limit allows in the current window. */
export class RateLimited extends RetryLater {
  readonly status = 429;
  readonly code = 'rate_limited';
  readonly title = 'Too many requests';
}

/** The customer already has as many undecided requests for the event as one customer may. */
export class TooManyQueued extends RetryLater {
  readonly status = 429;
  readonly code = 'too_many_queued';
  readonly title = 'Too many requests waiting for a decision';
}

/** The event's backlog would take longer to decide than the API lets a new request wait. */
export class BacklogFull extends RetryLater {
  readonly status = 503;
  readonly code = 'backlog_full';
  readonly title = 'Too many requests waiting; try again later';
}

/** Fewer tickets are left than the request asks for: a final answer, nothing was recorded. */
export class SoldOut extends AppError {
  readonly status = 409;
  readonly code = 'sold_out';
  readonly title = 'Sold out';
}

/*
 * Failures: errors the processes react to rather than answer with. Each says whether trying
 * again may help (`isTransient` in failure-policy.ts reads it); the API maps a transient one to
 * 503 with Retry-After, the worker retries it in place within the job's budget.
 */

/** A failure of the process's own work, with a stable code and whether it may pass. */
export abstract class Failure extends Error {
  abstract readonly code: string;
  /** True when the same work, tried again a little later, may succeed. */
  abstract readonly transient: boolean;

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No answer within a deadline (PostgreSQL, Redis, a flush, an attempt): transient, like a lost connection. */
export class DeadlineExceeded extends Failure {
  static readonly code = 'DEADLINE_EXCEEDED';
  readonly code = DeadlineExceeded.code;
  readonly transient = true;

  constructor(what: string, readonly ms: number) {
    super(`${what}: no answer within ${ms} ms`);
  }
}

/**
 * The data or a caller broke a rule the code relies on (a reservation on another event than its
 * command says, a transaction that did not commit, a seat taken twice): permanent, a bug or a
 * corruption to look into. The worker narrows or sets aside the work that hit it.
 */
export class InvariantViolated extends Failure {
  readonly code = 'INVARIANT_VIOLATED';
  readonly transient = false;
}

/** A partition job's payload does not match the job contract: permanent, it fails the same way every time. */
export class InvalidJobPayload extends Failure {
  readonly code = 'INVALID_JOB_PAYLOAD';
  readonly transient = false;
}

/**
 * A partition job's retries ran out (its budget, or its attempts at a permanent failure); `cause`
 * is the last failure. Never retried: the job is set aside as a dead letter.
 */
export class RetriesExhausted extends Failure {
  readonly code = 'RETRIES_EXHAUSTED';
  readonly transient = false;

  constructor(readonly attempts: number, readonly firstAttemptAt: Date, cause: unknown) {
    super(`gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
