import { randomUUID } from 'node:crypto';
import { allPartitionQueueNames, partitionFor, partitionQueueName } from './partition';
import { reservationChannel } from './reservation-channel';

describe('partitionFor', () => {
  it('gives the same partition for the same event every time', () => {
    const eventId = randomUUID();
    const first = partitionFor(eventId, 16);
    for (let i = 0; i < 10; i++) expect(partitionFor(eventId, 16)).toBe(first);
  });

  it('is the 32-bit FNV-1a hash, so any process or language computes the same partition', () => {
    // Reference values of FNV-1a/32 (http://www.isthe.com/chongo/tech/comp/fnv/).
    expect(partitionFor('', 2 ** 32)).toBe(0x811c9dc5);
    expect(partitionFor('a', 2 ** 32)).toBe(0xe40c292c);
    expect(partitionFor('foobar', 2 ** 32)).toBe(0xbf9cf968);
    expect(partitionFor('foobar', 16)).toBe(0xbf9cf968 % 16);
  });

  it.each([1, 2, 7, 16, 1024])('stays within 0..%i-1', (partitionCount) => {
    for (let i = 0; i < 1_000; i++) {
      const partition = partitionFor(randomUUID(), partitionCount);
      expect(Number.isInteger(partition)).toBe(true);
      expect(partition).toBeGreaterThanOrEqual(0);
      expect(partition).toBeLessThan(partitionCount);
    }
  });

  it('spreads 10,000 random event ids evenly over 16 partitions', () => {
    const total = 10_000;
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < total; i++) counts[partitionFor(randomUUID(), 16)]! += 1;
    for (const count of counts) {
      expect(count / total).toBeGreaterThanOrEqual(0.04);
      expect(count / total).toBeLessThanOrEqual(0.085);
    }
  });
});

describe('partition queue names', () => {
  it('carry a Redis Cluster hash tag naming the partition', () => {
    expect(partitionQueueName(0)).toContain('{p0}');
    expect(partitionQueueName(13)).toContain('{p13}');
  });

  it('are distinct, one per partition, in partition order', () => {
    const names = allPartitionQueueNames(16);
    expect(names).toHaveLength(16);
    expect(new Set(names).size).toBe(16);
    names.forEach((name, partition) => {
      expect(name).toBe(partitionQueueName(partition));
      expect(name.match(/\{([^}]*)\}/)?.[1]).toBe(`p${partition}`);
    });
  });

  it('give every partition its own hash tag, so partitions can land on different slots', () => {
    const tags = allPartitionQueueNames(64).map((name) => name.match(/\{([^}]*)\}/)?.[1]);
    expect(new Set(tags).size).toBe(64);
  });
});

describe('reservationChannel', () => {
  it('is namespaced by the key prefix and the reservation', () => {
    expect(reservationChannel('onsale', 'abc')).toBe('onsale:reservation:abc');
  });
});
