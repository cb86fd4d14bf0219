import { createServer } from 'node:http';
import { createLogger, runUntilSignalled } from '@onsale/shared';

/*
 * The onsale-webhooks variant's receiver: a local endpoint that answers every webhook (a POST)
 * 204 at once (reading the body), so that the drain measures what recording and delivering
 * webhooks costs Onsale, not a slow receiver. `GET /received` answers how many it has received
 * and when the first and last arrived (this machine's clock, ms since the epoch): the bench waits
 * on it for the webhooks to catch up after the drain. Port from BENCH_WEBHOOK_PORT; logs the count
 * when stopped.
 */

const PORT = Number(process.env.BENCH_WEBHOOK_PORT);

runUntilSignalled(async () => {
  const logger = createLogger({ name: 'onsale-bench-webhook-receiver', level: 'info' });
  let count = 0;
  let firstAt: number | null = null;
  let lastAt: number | null = null;
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/received') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ count, firstAt, lastAt }));
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    req.resume();
    req.on('end', () => {
      count += 1;
      lastAt = Date.now();
      firstAt ??= lastAt;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
  logger.info({ port: PORT }, 'webhook receiver listening');
  return {
    logger,
    graceMs: 2_000,
    close: async () => {
      logger.info({ received: count }, 'webhook receiver stopped');
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
});
