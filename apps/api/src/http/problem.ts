import { InvalidCursor, isTransientDatabaseError } from '@onsale/db';
import { AppError, NotFound, RetryLater, ServiceUnavailable, ValidationFailed } from '@onsale/shared';
import type { ErrorRequestHandler, RequestHandler } from 'express';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

/** Errors body-parser and express raise (http-errors): they carry a status and a type. */
interface HttpError {
  status: number;
  type?: string;
  expose?: boolean;
  message: string;
}

const isHttpError = (error: unknown): error is HttpError =>
  typeof error === 'object' && error !== null && typeof (error as HttpError).status === 'number';

function problemOf(error: AppError): Problem {
  return {
    type: `urn:onsale:problem:${error.code}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    ...error.extensions,
  };
}

export function toProblem(error: unknown): Problem {
  if (error instanceof AppError) return problemOf(error);
  if (error instanceof InvalidCursor) {
    return problemOf(new ValidationFailed(error.message, [{ path: 'query.cursor', message: error.message }]));
  }
  if (isTransientDatabaseError(error)) {
    return problemOf(new ServiceUnavailable('The database is unavailable right now; try again.'));
  }
  if (isHttpError(error) && error.status >= 400 && error.status < 500) {
    const detail = error.type === 'entity.parse.failed' ? 'The request body is not valid JSON.' : error.message;
    return { type: `urn:onsale:problem:${error.type ?? 'http'}`, title: 'Bad request', status: error.status, detail };
  }
  return { type: 'urn:onsale:problem:internal', title: 'Internal error', status: 500, detail: 'Something went wrong on our side.' };
}

/** The one place errors become RFC 9457 `application/problem+json` responses. */
export const problemHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const problem = toProblem(error);
  if (problem.status >= 500) req.log.error({ err: error }, 'request failed');
  if (res.headersSent) {
    res.end();
    return;
  }
  if (error instanceof RetryLater) res.set('Retry-After', String(error.retryAfterSeconds));
  else if (problem.status === 503) res.set('Retry-After', '1');
  res.status(problem.status).type('application/problem+json').send(JSON.stringify({ ...problem, instance: req.originalUrl }));
};

export const notFoundHandler: RequestHandler = (req) => {
  throw new NotFound(`No route ${req.method} ${req.path}.`);
};
