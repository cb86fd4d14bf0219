import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { commitmentOf, drawOrder } from '@onsale/domain';
import { checkDraw, drawEntryOf } from './fair-draw';

/** A draw as the API publishes it, made by the server's own code. */
function publishedDraw(size: number) {
  const seed = randomBytes(32).toString('hex');
  const ids = Array.from({ length: size }, () => randomUUID());
  const entries = drawOrder(seed, ids).map(({ entry, rank }, index) => ({ position: index + 1, entry, rank }));
  return { draw: { commitment: commitmentOf(seed), seed }, entries, ids };
}

describe('checkDraw', () => {
  it("agrees with the server's draw, and finds a customer's entry from their reservation id", async () => {
    const { draw, entries, ids } = publishedDraw(50);
    expect(await checkDraw(draw, entries)).toEqual({ ok: true, problems: [] });
    expect(await drawEntryOf(ids[7]!)).toBe(createHash('sha256').update(ids[7]!).digest('hex'));
    expect(entries.some((entry) => entry.entry === createHash('sha256').update(ids[7]!).digest('hex'))).toBe(true);
  });

  it('fails a seed that is not the one committed to, a rank that does not recompute, and positions out of rank order', async () => {
    const { draw, entries } = publishedDraw(10);
    const otherSeed = await checkDraw({ ...draw, seed: randomBytes(32).toString('hex') }, entries);
    expect(otherSeed.ok).toBe(false);
    expect(otherSeed.problems[0]).toMatch(/not the commitment/);

    const swapped = entries.map((entry, index) => (index === 0 ? { ...entry, position: 2 } : index === 1 ? { ...entry, position: 1 } : entry));
    expect((await checkDraw(draw, swapped)).problems).toHaveLength(2);

    const forged = entries.map((entry, index) => (index === 3 ? { ...entry, rank: '0'.repeat(64) } : entry));
    expect((await checkDraw(draw, forged)).problems.some((problem) => problem.includes('recomputed'))).toBe(true);
    expect(await checkDraw({ ...draw, seed: null }, entries)).toEqual({ ok: false, problems: ['the draw has not run: no seed to check'] });
  });
});
