import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { securityHeaders, securityPolicy } from './security-headers';

/** The headers of a GET answered by an app that runs `middleware` first. */
async function headersThrough(middleware: RequestHandler): Promise<Record<string, string>> {
  const app = express();
  app.disable('x-powered-by');
  app.use(middleware);
  app.get('/', (_req, res) => void res.status(204).end());
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const headers = Object.fromEntries(response.headers);
    delete headers.date;
    return headers;
  } finally {
    server.close();
  }
}

describe('securityHeaders', () => {
  it('sets exactly the headers that helmet, run on the response, sets', async () => {
    const recorded = await headersThrough(securityHeaders);
    expect(recorded).toEqual(await headersThrough(securityPolicy));
    expect(recorded['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(recorded['x-frame-options']).toBe('DENY');
    expect(recorded['referrer-policy']).toBe('no-referrer');
  });
});
