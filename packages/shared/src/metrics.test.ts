import { Registry } from 'prom-client';
import { addReadGauge, cachedReading } from './metrics';

describe('cachedReading', () => {
  it('reads once for every caller within the time to live, then reads again', async () => {
    let reads = 0;
    const read = cachedReading(async () => ++reads, 50);
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await read()).toBe(2);
    expect(reads).toBe(2);
  });

  it('does not keep a failed reading', async () => {
    let reads = 0;
    const read = cachedReading(async () => {
      reads += 1;
      if (reads === 1) throw new Error('unreachable');
      return reads;
    }, 60_000);
    await expect(read()).rejects.toThrow('unreachable');
    expect(await read()).toBe(2);
  });
});

describe('addReadGauge', () => {
  it('replaces its series with each reading, and exports none when the reading fails', async () => {
    const registry = new Registry();
    const readings: (() => Promise<[{ event_id: string }, number][]>)[] = [
      async () => [[{ event_id: 'a' }, 3], [{ event_id: 'b' }, 1]],
      async () => [[{ event_id: 'b' }, 2]],
      async () => Promise.reject(new Error('unreachable')),
    ];
    let scrape = 0;
    addReadGauge(registry, { name: 'test_backlog', help: 'test', labelNames: ['event_id'] }, () => readings[scrape++]!());
    const values = async () => (await registry.getSingleMetric('test_backlog')!.get()).values.map(({ labels, value }) => [labels.event_id, value]);
    expect(await values()).toEqual([['a', 3], ['b', 1]]);
    expect(await values()).toEqual([['b', 2]]);
    expect(await values()).toEqual([]);
  });
});
