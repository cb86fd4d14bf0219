import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOnsaleClient, type Backlog, type DeadLetter, type Event } from '@onsale/client';
import { partitionFor } from '@onsale/queue';
import { DEFAULT_PARTITION_COUNT } from '@onsale/shared';
import { sql } from 'drizzle-orm';
import { apiWithWorkerForThisFile } from '../../../test/support/api-app';
import { givenDeadLetter } from '../../../test/support/dead-letters';
import { givenEvent, givenQueuedReservation } from '../../../test/support/factories';
import { waitUntil } from '../../../test/support/test-environment';
import { newCustomer, signedToken, TEST_JWT_SECRET } from '../../../test/support/tokens';
import { runCli } from './cli';
import { CLEAR_SCREEN } from './commands';

/* `onsale` run through its exported main against the real API and a worker in-process. */

const { app } = apiWithWorkerForThisFile();

async function onsale(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--url', app().baseUrl, '--jwt-secret', TEST_JWT_SECRET, ...argv], {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    interactive: false,
  });
  return { code, stdout, stderr };
}

async function onsaleJson<T>(...argv: string[]): Promise<T> {
  const { code, stdout, stderr } = await onsale('--json', ...argv);
  expect({ code, stderr }).toEqual({ code: 0, stderr: expect.any(String) as string });
  return JSON.parse(stdout) as T;
}

async function tempFile(name: string, content: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'onsale-cli-')), name);
  await writeFile(file, content);
  return file;
}

const EVENT_YAML = `
name: CLI tour
startsAt: 2031-06-01T20:00:00Z
maxTicketsPerCustomer: 4
ticketTypes:
  - { code: GA, name: General admission, priceCents: 4500, capacity: 200 }
  - { code: VIP, name: Front row, priceCents: 15000, capacity: 20 }
`;

test('events create (YAML), list, show, pause, resume and close', async () => {
  const created = await onsaleJson<Event>('events', 'create', '--file', await tempFile('event.yaml', EVENT_YAML));
  expect(created).toMatchObject({ name: 'CLI tour', status: 'on_sale', maxTicketsPerCustomer: 4 });
  expect(created.ticketTypes.map((t) => [t.code, t.capacity, t.available])).toEqual([['GA', 200, 200], ['VIP', 20, 20]]);

  const listed = await onsaleJson<Event[]>('events', 'list');
  expect(listed.map((event) => event.id)).toContain(created.id);

  const table = await onsale('events', 'show', created.id);
  expect(table.code).toBe(0);
  expect(table.stdout).toContain('CLI tour  [on_sale]');
  expect(table.stdout).toMatch(/GA\s*│\s*General admission\s*│\s*45\.00\s*│\s*200\s*│\s*200\s*│\s*0\s*│\s*0/);

  expect((await onsaleJson<Event>('events', 'pause', created.id)).status).toBe('paused');
  expect((await onsaleJson<Event>('events', 'resume', created.id)).status).toBe('on_sale');
  const closed = await onsaleJson<Event>('events', 'close', created.id);
  expect(Date.parse(closed.salesEndAt!)).toBeLessThanOrEqual(Date.now());
  const [row] = await app().env.db.execute<{ status: string; ended: boolean }>(
    sql`SELECT status, sales_end_at <= now() AS ended FROM events WHERE id = ${created.id}`,
  );
  expect(row).toEqual({ status: 'on_sale', ended: true });
});

test('backlog shows the queued requests PostgreSQL holds, per event and per partition', async () => {
  const { database, db } = app().env;
  const [first, second] = [await givenEvent(database), await givenEvent(database)];
  // Recorded without a job: they stay queued until the sweep's REQUEUE_AFTER_MS (30 s).
  for (let i = 0; i < 3; i++) await givenQueuedReservation(database, first, [{ ticketType: 'GA', quantity: 1 }]);
  await givenQueuedReservation(database, second, [{ ticketType: 'GA', quantity: 2 }]);

  const backlog = await onsaleJson<Backlog>('backlog');
  const counted = await db.execute<{ eventId: string; partition: number; n: number }>(sql`
    SELECT event_id AS "eventId", partition, count(*)::int AS n FROM reservations WHERE status = 'queued' GROUP BY 1, 2`);
  expect(backlog.events.map((e) => ({ eventId: e.eventId, partition: e.partition, n: e.queued })).sort((a, b) => a.eventId.localeCompare(b.eventId))).toEqual(
    counted.map((row) => ({ ...row })).sort((a, b) => a.eventId.localeCompare(b.eventId)),
  );
  expect(backlog.events.find((e) => e.eventId === first.id)!.queued).toBe(3);
  expect(backlog.partitions.reduce((sum, p) => sum + p.queued, 0)).toBe(counted.reduce((sum, row) => sum + row.n, 0));
  expect(backlog.events.every((e) => e.oldestQueuedAgeMs >= 0)).toBe(true);

  const table = await onsale('backlog');
  expect(table.stdout).toContain(`${counted.reduce((sum, row) => sum + row.n, 0)} requests queued`);
});

test('tokens mint gives a token the API accepts, with the role asked for', async () => {
  const minted = await onsaleJson<{ token: string; role: string }>('tokens', 'mint', '--sub', 'ops-1', '--role', 'admin', '--ttl', '60');
  expect(minted.role).toBe('admin');
  const code = await runCli(['--url', app().baseUrl, '--token', minted.token, 'backlog'], { out: () => {}, err: () => {}, interactive: false });
  expect(code).toBe(0);
  const customer = (await onsale('tokens', 'mint', '--sub', 'fan-1')).stdout.trim();
  const refused = await runCli(['--url', app().baseUrl, '--token', customer, 'backlog'], { out: () => {}, err: () => {}, interactive: false });
  expect(refused).toBe(1);
});

test('export sales --csv has one line per confirmed reservation and ticket type, as PostgreSQL counts them', async () => {
  const admin = createOnsaleClient({ baseUrl: app().baseUrl, token: (await onsale('tokens', 'mint', '--sub', 'a', '--role', 'admin')).stdout.trim() });
  const event = await admin.events.create({
    name: 'Export me',
    startsAt: '2031-01-01T20:00:00Z',
    ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 1000, capacity: 50 }],
  });
  for (let i = 0; i < 7; i++) {
    const buyer = createOnsaleClient({ baseUrl: app().baseUrl, token: newCustomer().token });
    const hold = await buyer.reserve(event.id, [{ ticketType: 'GA', quantity: 1 + (i % 3) }]);
    if (i !== 3) await buyer.confirm(hold.id); // one hold is left unpaid: not a sale
  }

  const { code, stdout, stderr } = await onsale('export', 'sales', event.id, '--csv');
  expect(code).toBe(0);
  const [head, ...lines] = stdout.trim().split('\n');
  expect(head).toBe('reservation_id,customer_id,ticket_type,quantity,reserved_at,confirmed_at');
  const [sold] = await app().env.db.execute<{ n: number; tickets: number }>(sql`
    SELECT count(*)::int AS n, sum(i.quantity)::int AS tickets FROM reservations r JOIN reservation_items i ON i.reservation_id = r.id
    WHERE r.event_id = ${event.id} AND r.status = 'confirmed'`);
  expect(lines).toHaveLength(sold!.n);
  expect(lines.reduce((sum, line) => sum + Number(line.split(',')[3]), 0)).toBe(sold!.tickets);
  expect(stderr).toBe('6 sales exported\n');
});

test('every failure exits non-zero with a readable message', async () => {
  const missing = await onsale('events', 'show', randomUUID());
  expect(missing).toMatchObject({ code: 1, stdout: '' });
  expect(missing.stderr).toMatch(/^onsale: event .*: 404 Not found: No event/);

  const invalid = await onsale('events', 'create', '--file', await tempFile('bad.json', '{"name": "", "ticketTypes": []}'));
  expect(invalid.code).toBe(1);
  expect(invalid.stderr).toContain('400');
  expect(invalid.stderr).toContain('- body.name:');

  const notJson = await onsale('events', 'create', '--file', await tempFile('bad.json', '{nope'));
  expect(notJson.stderr).toMatch(/bad\.json is not valid json/);

  const unreachable = await runCli(['--url', 'http://127.0.0.1:9', 'events', 'list'], { out: () => {}, err: () => {}, interactive: false });
  expect(unreachable).toBe(1);
  const badUrl = await onsale('--url', 'not a url', 'events', 'list');
  expect(badUrl).toMatchObject({ code: 1, stderr: 'onsale: --url (or ONSALE_URL) is not a URL: not a url\n' });

  const noToken = await runCli(['--url', app().baseUrl, 'backlog'], { out: () => {}, err: (text) => expect(text).toContain('401'), interactive: false });
  expect(noToken).toBe(1);

  expect(await onsale('dead-letters', 'redrive')).toMatchObject({ code: 1, stderr: 'onsale: give a dead letter id, or --all to redrive every one\n' });
  expect((await onsale('dead-letters', 'redrive', randomUUID())).stderr).toMatch(/^onsale: redrive .*: 404 Not found: No dead letter/);
  expect((await onsale('events', 'frobnicate')).code).not.toBe(0);
});

test('dead-letters list, redrive <id>, redrive --all (a refusal reported, the rest redriven) and delete', async () => {
  const { database, db } = app().env;
  const events = [await givenEvent(database), await givenEvent(database)];
  // Queued without a job: only the redriven decide (or the 30 s sweep) decides them.
  const queued = await Promise.all(events.map((event) => givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }])));
  const decideFor = (eventId: string) => ({ kind: 'decide', partition: partitionFor(eventId, DEFAULT_PARTITION_COUNT), requestId: `cli-${eventId}` }) as const;
  const [first, second] = [await givenDeadLetter(app().env, decideFor(events[0]!.id)), await givenDeadLetter(app().env, decideFor(events[1]!.id))];
  const invalid = await givenDeadLetter(app().env, { kind: 'confirm', partition: 0, reservationId: 'not-a-uuid', requestId: 'cli-invalid' });

  const listed = await onsaleJson<DeadLetter[]>('dead-letters', 'list');
  expect(listed.map((letter) => letter.id)).toEqual([first.id, second.id, invalid.id]);
  const table = await onsale('dead-letters', 'list');
  expect(table.stdout).toContain('3 dead letters');
  expect(table.stdout).toMatch(new RegExp(`${first.id}\\s*│\\s*decide\\s*│\\s*${first.partition}\\s*│\\s*3`));

  expect(await onsale('dead-letters', 'redrive', first.id)).toEqual({ code: 0, stdout: `redriven ${first.id} as decide-p${first.partition}\n`, stderr: '' });
  const all = await onsale('dead-letters', 'redrive', '--all');
  expect(all.code).toBe(1);
  expect(all.stdout).toBe(`redriven ${second.id} as decide-p${second.partition}\n1 redriven, 1 refused\n`);
  expect(all.stderr).toContain(`not redriven ${invalid.id}: redrive ${invalid.id}: 409`);
  expect(all.stderr).toContain('- payload.reservationId:');
  expect(all.stderr).toContain('onsale: 1 of 2 dead letters were not redriven');

  await waitUntil(async () => {
    const rows = await db.execute<{ status: string }>(sql`SELECT status FROM reservations WHERE id IN (${queued[0]!.id}, ${queued[1]!.id})`);
    return rows.length === 2 && rows.every((row) => row.status === 'held');
  });
  expect((await onsaleJson<DeadLetter[]>('dead-letters', 'list')).map((letter) => letter.id)).toEqual([invalid.id]);
  expect(await onsale('dead-letters', 'delete', invalid.id)).toEqual({ code: 0, stdout: `deleted ${invalid.id}\n`, stderr: '' });
  expect(await onsaleJson<DeadLetter[]>('dead-letters', 'list')).toEqual([]);
});


/** `onsale` with exactly `argv` (no --jwt-secret). */
async function onsaleWithout(argv: string[], output: { terminal?: boolean; signal?: AbortSignal; onOut?: (text: string) => void } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    argv,
    {
      out: (text) => {
        stdout += text;
        output.onOut?.(text);
      },
      err: (text) => void (stderr += text),
      interactive: false,
      terminal: output.terminal,
    },
    { signal: output.signal },
  );
  return { code, stdout, stderr };
}

test("a subcommand's --help lists the global options", async () => {
  for (const argv of [['events', 'list', '--help'], ['export', 'sales', '--help'], ['dead-letters', 'redrive', '--help']]) {
    const help = await onsaleWithout(argv);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Global Options:');
    for (const option of ['--url <url>', '--token <jwt>', '--jwt-secret <secret>', '--json']) expect(help.stdout).toContain(option);
  }
});

test('a --token that is not a JWT, or one the API refuses, fails every command, public ones included', async () => {
  const garbage = await onsaleWithout(['--url', app().baseUrl, '--token', 'garbage', 'events', 'list']);
  expect(garbage).toEqual({ code: 1, stdout: '', stderr: expect.stringMatching(/^onsale: --token \(or ONSALE_TOKEN\) is not a JWT/) as string });

  const wronglySigned = signedToken({ sub: 'ops', role: 'admin', exp: Math.floor(Date.now() / 1000) + 60 }, 'not-the-api-secret-at-all');
  const refused = await onsaleWithout(['--url', app().baseUrl, '--token', wronglySigned, 'events', 'list']);
  expect(refused).toMatchObject({ code: 1, stdout: '' });
  expect(refused.stderr).toMatch(/^onsale: the API refused --token \(or ONSALE_TOKEN\): check --token: 401/);

  const customer = newCustomer().token;
  expect((await onsaleWithout(['--url', app().baseUrl, '--token', customer, 'events', 'list'])).code).toBe(0);
});

test('export sales of an event that does not exist is a 404, not an empty CSV', async () => {
  const missing = randomUUID();
  const exported = await onsale('export', 'sales', missing, '--csv');
  expect(exported).toMatchObject({ code: 1, stdout: '' });
  expect(exported.stderr).toMatch(new RegExp(`^onsale: event ${missing}: 404 Not found`));
});

test('events close says the sales are closed (the status stays on_sale), pause and cancel say the new status', async () => {
  const { database } = app().env;
  const event = await givenEvent(database);
  const closed = await onsale('events', 'close', event.id);
  expect(closed.code).toBe(0);
  expect(closed.stdout).toMatch(/^close: .* is now sales closed at \S+: new requests are rejected sales_closed, held tickets can still be confirmed\n$/);
  expect((await onsale('events', 'show', event.id)).stdout).toContain('(ended)');
  expect((await onsale('events', 'pause', event.id)).stdout).toMatch(/^pause: .* is now paused, sales ended /);
});

test('events show --watch redraws in place on a terminal and appends elsewhere', async () => {
  const event = await givenEvent(app().env.database);
  const watch = async (terminal: boolean) => {
    const controller = new AbortController();
    const draws: string[] = [];
    const run = await onsaleWithout(['--url', app().baseUrl, '--jwt-secret', TEST_JWT_SECRET, 'events', 'show', event.id, '--watch', '1'], {
      terminal,
      signal: controller.signal,
      onOut: (text) => {
        draws.push(text);
        if (draws.length === 2) controller.abort();
      },
    });
    expect(run.code).toBe(0);
    return draws;
  };

  const onTerminal = await watch(true);
  expect(onTerminal).toHaveLength(2);
  expect(onTerminal.every((draw) => draw.startsWith(CLEAR_SCREEN) && draw.includes(event.name))).toBe(true);

  const piped = await watch(false);
  expect(piped).toHaveLength(2);
  expect(piped.every((draw) => draw.startsWith('\n') && !draw.includes('\x1b'))).toBe(true);
});

test("waitlist shows an event's waitlist: the counters per ticket type and the entries in join order", async () => {
  const { database } = app().env;
  const event = await givenEvent(database, { ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 100, capacity: 1 }] });
  const held = await createOnsaleClient({ baseUrl: app().baseUrl, token: newCustomer().token }).reserve(event.id, [{ ticketType: 'GA', quantity: 1 }]);
  expect(held.status).toBe('held');
  const customers = [newCustomer(), newCustomer()];
  const entries = [];
  for (const [index, customer] of customers.entries()) {
    entries.push(await createOnsaleClient({ baseUrl: app().baseUrl, token: customer.token }).waitlist.join(event.id, 'GA', index + 1));
  }

  const listed = await onsaleJson<{ items: { id: string; position: number }[]; lines: unknown[] }>('waitlist', event.id);
  expect(listed.items.map((entry) => [entry.id, entry.position])).toEqual([
    [entries[0]!.id, 1],
    [entries[1]!.id, 2],
  ]);
  expect(listed.lines).toEqual([{ ticketType: 'GA', waiting: 2, waitingTickets: 3, offered: 0 }]);
  const shown = await onsale('waitlist', event.id);
  expect(shown.code).toBe(0);
  expect(shown.stdout).toContain(entries[1]!.id);
});
