/** GET /healthz and GET /readyz over HTTP, against the real API and a real partition worker. */
import { apiWithWorkerForThisFile } from '../../../test/support/api-app';

const { call } = apiWithWorkerForThisFile();

describe('operations', () => {
  it('answers /healthz with 200', async () => {
    const reply = await call('GET', '/healthz');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 while PostgreSQL and Redis answer', async () => {
    const reply = await call('GET', '/readyz');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'ok' });
  });
});
