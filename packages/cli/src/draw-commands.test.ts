import { createOnsaleClient, type Reservation } from '@onsale/client';
import { apiWithWorkerForThisFile } from '../../../test/support/api-app';
import { waitUntil } from '../../../test/support/test-environment';
import { newCustomer, TEST_JWT_SECRET, adminToken } from '../../../test/support/tokens';
import { runCli } from './cli';

/* `onsale events draw` against the real API and a worker in-process. */

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

describe('onsale events draw', () => {
  it('shows the commitment before the draw, then the seed, a passing check and where a reservation was drawn', async () => {
    const admin = createOnsaleClient({ baseUrl: app().baseUrl, token: adminToken() });
    const event = await admin.events.create({
      name: 'Fair opening',
      startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      preQueueOpensAt: new Date(Date.now() - 60_000).toISOString(),
      salesStartAt: new Date(Date.now() + 2_000).toISOString(),
      ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5000, capacity: 10 }],
    });
    const entries: Reservation[] = [];
    for (let i = 0; i < 5; i++) entries.push(await createOnsaleClient({ baseUrl: app().baseUrl, token: newCustomer().token }).request(event.id, [{ ticketType: 'GA', quantity: 1 }]));

    const before = await onsale('events', 'draw', event.id);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('[open]');
    expect(before.stdout).toContain('seed       (revealed after the draw)');
    expect(before.stdout).not.toContain('check:');

    await waitUntil(async () => (await admin.events.draw(event.id)).status === 'drawn', 20_000);
    const after = await onsale('events', 'draw', event.id, '--reservation', entries[2]!.id);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('[drawn]');
    expect(after.stdout).toContain('check: ok');
    expect(after.stdout).toMatch(new RegExp(`reservation ${entries[2]!.id}: drawn at position [1-5]\\n`));

    const { stdout } = await onsale('--json', 'events', 'draw', event.id, '--reservation', entries[2]!.id);
    const parsed = JSON.parse(stdout) as { seed: string; check: { ok: boolean; position: number } };
    expect(parsed.check.ok).toBe(true);
    expect(parsed.seed).toMatch(/^[0-9a-f]{64}$/);

    const unknown = await onsale('events', 'draw', '00000000-0000-4000-8000-000000000000');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/404|no pre-queue/i);
  });
});
