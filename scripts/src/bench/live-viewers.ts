import http from 'node:http';
import { parseArgs } from 'node:util';
import { OnsaleClient } from '../client';
import { startLocalOnsale, type RunningProcess } from '../processes';
import { ProcessSampler, type ResourceSummary } from './process-sampler';

/*
 * `pnpm bench:live`: what live viewers cost the API. The API and a worker run as built processes
 * on a fresh database; the same steady rush (`--rate` requests a second for `--seconds`) runs
 * twice, first with nobody watching, then with `--viewers` SSE connections open on
 * GET /v1/events/:id/live. Reported: the API process's CPU and RSS in each phase (and while the
 * viewers only watch an idle event), and how many updates the viewers received.
 */

const { values: flags } = parseArgs({
  options: {
    viewers: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '10' },
  },
});
const viewerCount = Number(flags.viewers);
const ratePerSecond = Number(flags.rate);
const rushSeconds = Number(flags.seconds);
const PREFIX = 'onsale-live-bench';
const JWT_SECRET = 'live-benchmark-secret';
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Viewers {
  /** `live` messages received by all viewers so far. */
  messages(): number;
  close(): void;
}

/** Opens `count` SSE connections and resolves once each has its first message. */
async function openViewers(url: string, count: number): Promise<Viewers> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const requests: http.ClientRequest[] = [];
  let messages = 0;
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const request = http.get(url, { agent, headers: { Accept: 'text/event-stream' } }, (response) => {
            if (response.statusCode !== 200) reject(new Error(`viewer: HTTP ${response.statusCode}`));
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => {
              messages += chunk.split('event: live').length - 1;
              resolve();
            });
            response.on('error', () => undefined);
          });
          request.on('error', reject);
          requests.push(request);
        }),
    ),
  );
  return {
    messages: () => messages,
    close: () => {
      for (const request of requests) request.destroy();
      agent.destroy();
    },
  };
}

/** `ratePerSecond` requests a second for `seconds`, each from a new buyer, paced every 100 ms. */
async function rush(client: OnsaleClient, eventId: string, phase: string): Promise<number> {
  let accepted = 0;
  const inFlight: Promise<void>[] = [];
  for (let tick = 0; tick < rushSeconds * 10; tick++) {
    const startedAt = performance.now();
    for (let n = 0; n < ratePerSecond / 10; n++) {
      const buyer = `${phase}-${tick}-${n}`;
      inFlight.push(
        client.reserve(eventId, buyer, [{ ticketType: 'GA', quantity: 1 }]).then((reply) => {
          if (reply.status === 202) accepted++;
        }),
      );
    }
    await sleep(Math.max(0, 100 - (performance.now() - startedAt)));
  }
  await Promise.all(inFlight);
  return accepted;
}

async function measure<T>(api: RunningProcess, run: () => Promise<T>): Promise<{ result: T; usage: ResourceSummary }> {
  const sampler = new ProcessSampler([{ name: 'api', pids: () => [api.child.pid!] }]);
  sampler.start();
  const result = await run();
  const [usage] = sampler.stop();
  return { result, usage: usage! };
}

const figures = (usage: ResourceSummary) =>
  `CPU avg ${usage.cpuAveragePercent.toFixed(1)} %, peak ${usage.cpuPeakPercent.toFixed(0)} %; RSS max ${usage.rssMaxMb.toFixed(0)} MB`;

async function main(): Promise<void> {
  const onsale = await startLocalOnsale({
    database: 'onsale_live_bench',
    keyPrefix: PREFIX,
    jwtSecret: JWT_SECRET,
    workers: 1,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/12',
  });
  const { api, url } = onsale;
  const client = new OnsaleClient(url, JWT_SECRET, 32);
  let viewers: Viewers | undefined;
  try {
    const event = await client.createEvent({
      name: 'live viewers benchmark',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5_000, capacity: 10_000_000 }],
    });
    say(`rush: ${ratePerSecond} requests/s for ${rushSeconds} s; viewers: ${viewerCount}`);
    await rush(client, event.id, 'warm-up');

    const alone = await measure(api, () => rush(client, event.id, 'alone'));
    say(`rush, nobody watching:       ${figures(alone.usage)} (${alone.result} accepted)`);

    viewers = await openViewers(`${url}/v1/events/${event.id}/live`, viewerCount);
    const idle = await measure(api, () => sleep(rushSeconds * 1000));
    say(`${viewerCount} viewers, no rush:      ${figures(idle.usage)}`);

    const before = viewers.messages();
    const watched = await measure(api, () => rush(client, event.id, 'watched'));
    const received = viewers.messages() - before;
    say(`rush, ${viewerCount} viewers watching: ${figures(watched.usage)} (${watched.result} accepted)`);
    say(`viewers received ${received} updates in ${rushSeconds} s: ${(received / viewerCount / rushSeconds).toFixed(2)} per viewer per second`);
    say(
      `cost of ${viewerCount} viewers during the rush: +${(watched.usage.cpuAveragePercent - alone.usage.cpuAveragePercent).toFixed(1)} % CPU, ` +
        `+${(watched.usage.rssMaxMb - alone.usage.rssMaxMb).toFixed(0)} MB RSS`,
    );
  } finally {
    viewers?.close();
    await client.close();
    await onsale.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
