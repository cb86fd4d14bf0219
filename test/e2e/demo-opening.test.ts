import { createOnsaleClient } from '@onsale/client';
import { apiWithWorkerForThisFile } from '../support/api-app';
import { adminToken, TEST_JWT_SECRET } from '../support/tokens';
import { runOpening } from '@onsale/scripts/demo-opening';

/* `./onsale demo --opening` at a small size against the real API and a worker: the draw, the sell-out, then the waitlist offer. */

jest.setTimeout(120_000);

const { app } = apiWithWorkerForThisFile();

it('ends the fair opening with a sold-out buyer taking a returned ticket from the waitlist', async () => {
  const lines: string[] = [];
  const admin = createOnsaleClient({ baseUrl: app().baseUrl, token: adminToken() });
  const ok = await runOpening({ admin, url: app().baseUrl, jwtSecret: TEST_JWT_SECRET, buyers: 30, tickets: 10, say: (line) => lines.push(line) });
  expect(ok).toBe(true);
  const text = lines.join('\n');
  expect(text).toMatch(/Waitlist: buyer #\d+, sold out, joined the GA waitlist at position 1/);
  expect(text).toMatch(/offered to buyer #\d+ in the cancel's own transaction: hold \S+ until \S+/);
  expect(text).toMatch(/paid: reservation confirmed, waitlist entry accepted/);
});
