import { createServer } from 'node:http';
import { createLogger, runUntilSignalled } from '@onsale/shared';

/*
 * The onsale-webhooks variant's receiver: a local endpoint that answers every webhook 204 at once
 * (reading the body), so that the drain measures what recording and delivering webhooks costs
 * Onsale, not a slow receiver. Port from BENCH_WEBHOOK_PORT; logs how many it received when stopped.
 */

const PORT = Number(process.env.BENCH_WEBHOOK_PORT);

runUntilSignalled(async () => {
  const logger = createLogger({ name: 'onsale-bench-webhook-receiver', level: 'info' });
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
  logger.info({ port: PORT }, 'webhook receiver listening');
  return {
    logger,
    graceMs: 2_000,
    close: async () => {
      logger.info({ received }, 'webhook receiver stopped');
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
});
