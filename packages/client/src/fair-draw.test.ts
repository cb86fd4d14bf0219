import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { checkDraw, drawEntryOf } from './fair-draw';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** A draw as the API publishes it, made with Node's crypto from the method's words (the server's own code is @onsale/domain's). */
function publishedDraw(size: number) {
  const seed = randomBytes(32).toString('hex');
  const ids = Array.from({ length: size }, () => randomUUID());
  const ranked = ids
    .map((id) => ({ entry: sha256(id) }))
    .map(({ entry }) => ({ entry, rank: createHmac('sha256', Buffer.from(seed, 'hex')).update(entry).digest('hex') }))
    .sort((a, b) => (a.rank < b.rank ? -1 : 1));
  const entries = ranked.map(({ entry, rank }, index) => ({ position: index + 1, entry, rank }));
  return { draw: { commitment: sha256(Buffer.from(seed, 'hex')), seed }, entries, ids };
}

describe('checkDraw', () => {
  it('agrees with a draw made from the published method, and finds a customer\'s entry from their reservation id', async () => {
    const { draw, entries, ids } = publishedDraw(50);
    expect(await checkDraw(draw, entries)).toEqual({ ok: true, problems: [] });
    expect(await drawEntryOf(ids[7]!)).toBe(sha256(ids[7]!));
    expect(entries.some((entry) => entry.entry === sha256(ids[7]!))).toBe(true);
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
