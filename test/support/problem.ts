import type { Reply } from './http-client';

/** An RFC 9457 problem body, with the extensions the API adds. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { path: string; message: string }[];
  reservationStatus?: string;
}

/** Expects an RFC 9457 problem with the given status, and returns it. */
export function expectProblem(reply: Reply<unknown>, status: number): Problem {
  const problem = reply.body as Problem;
  expect({ status: reply.status, body: reply.body }).toMatchObject({ status, body: { status } });
  expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(reply.body).toEqual(
    expect.objectContaining({
      type: expect.stringMatching(/^urn:onsale:problem:/),
      title: expect.any(String),
      detail: expect.any(String),
    }),
  );
  expect(problem.title).not.toBe('');
  expect(problem.detail).not.toBe('');
  return problem;
}

/** A 400 from request validation: a problem listing the fields at fault. */
export function expectValidationProblem(reply: Reply<unknown>, paths: string[]): Problem {
  const problem = expectProblem(reply, 400);
  expect(problem.errors).toEqual(expect.arrayContaining(paths.map((path) => expect.objectContaining({ path }))));
  for (const error of problem.errors!) expect(error.message).toEqual(expect.any(String));
  return problem;
}
