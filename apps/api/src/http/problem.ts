import { InvalidCursor } from '@onsale/db';
import { AppError, isTransient, NotFound, RetryLater, ServiceUnavailable, ValidationFailed } from '@onsale/shared';
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

/** What body-parser refuses (http-errors' `type`), in our words rather than the library's: our problem code, title and detail. */
const BODY_REFUSALS: Record<string, { code: string; title: string; detail: string }> = {
  'entity.parse.failed': { code: 'malformed_json', title: 'Bad request', detail: 'The request body is not valid JSON.' },
  'entity.too.large': { code: 'content_too_large', title: 'Content too large', detail: 'The request body is larger than this API accepts.' },
  'entity.verify.failed': { code: 'unverified_body', title: 'Bad request', detail: 'The request body could not be verified.' },
  'request.aborted': { code: 'incomplete_body', title: 'Bad request', detail: 'The request body ended before its announced length.' },
  'request.size.invalid': { code: 'incomplete_body', title: 'Bad request', detail: 'The request body does not match its Content-Length.' },
  'encoding.unsupported': {
    code: 'unsupported_encoding',
    title: 'Unsupported media type',
    detail: 'The request body\u2019s content encoding or charset is not supported.',
  },
  'charset.unsupported': { code: 'unsupported_charset', title: 'Unsupported media type', detail: 'The request body\u2019s charset is not supported; send UTF-8.' },
  'stream.encoding.set': { code: 'unreadable_body', title: 'Bad request', detail: 'The request body could not be read.' },
  'stream.not.readable': { code: 'unreadable_body', title: 'Bad request', detail: 'The request body could not be read.' },
};

function bodyProblemOf(error: HttpError): Problem {
  const known = error.type ? BODY_REFUSALS[error.type] : undefined;
  const { code, title, detail } = known ?? { code: 'http', title: 'Bad request', detail: 'The request could not be read.' };
  return { type: `urn:onsale:problem:${code}`, title, status: error.status, detail };
}

export function toProblem(error: unknown): Problem {
  if (error instanceof AppError) return problemOf(error);
  if (error instanceof InvalidCursor) {
    return problemOf(new ValidationFailed(error.message, [{ path: 'query.cursor', message: error.message }]));
  }
  if (isTransient(error)) {
    return problemOf(new ServiceUnavailable('The database is unavailable right now; try again.'));
  }
  if (isHttpError(error) && error.status >= 400 && error.status < 500) return bodyProblemOf(error);
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
