import { Pool } from 'undici';
import type { FromPollers, PollerStart, PollProgress, ToPollers } from './forked-pollers';
import { DEFAULT_RETRY_AFTER_SECONDS, startPollers } from './reservation-pollers';

/*
 * The poller process that ForkedPollers forks: the pollers of one job over one undici Pool, on an
 * event loop of their own. 'start' starts them, 'progress' answers the counts so far, 'stop'
 * stops them, answers their summary and exits. It exits too when the bench goes away.
 */

interface Running {
  progress(): PollProgress;
  finished: Promise<unknown>;
  stop(): Promise<Extract<FromPollers, { kind: 'stopped' }>['summary']>;
}

const send = (message: FromPollers) => new Promise<void>((resolve) => process.send!(message, undefined, {}, () => resolve()));

function run(pool: Pool, job: PollerStart['job']): Running {
  const pollers = startPollers(pool, job.reservations, {
    firstWithinMs: job.firstWithinMs,
    pauseMs: (retryAfter) => (retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS) * 1000,
  });
  const { log } = pollers;
  return {
    progress: () => ({ polls: log.polls, byStatus: { ...log.byStatus }, failed: log.failed }),
    finished: pollers.finished,
    stop: async () => (await pollers.stop()).summary(),
  };
}

let pool: Pool | undefined;
let running: Running | undefined;

async function handle(message: ToPollers): Promise<void> {
  switch (message.kind) {
    case 'start': {
      if (running) throw new Error('the pollers were started already');
      pool = new Pool(message.start.url, { connections: message.start.connections, pipelining: 1 });
      running = run(pool, message.start.job);
      void running.finished.then(() => send({ kind: 'finished' }));
      return send({ kind: 'started' });
    }
    case 'progress':
      return send({ kind: 'progress', progress: running!.progress() });
    case 'stop': {
      const summary = await running!.stop();
      await pool!.close();
      await send({ kind: 'stopped', summary });
      process.exit(0);
    }
  }
}

if (!process.send) throw new Error('poller-process.js is started by ForkedPollers (child_process.fork), not by hand');
process.on('message', (message) => {
  handle(message as ToPollers).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));
