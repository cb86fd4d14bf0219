import { parseArgs } from 'node:util';
import { describeAllocatorCost, measureAllocatorCost } from './allocator-cost';

/*
 * `pnpm bench:allocator`: the seat allocator alone on a 20,000-seat map (no database, no queue):
 * µs per best-available request through whole drains of the map, per exact-seats request, and
 * the cost of building a ticket type's availability. `--seats`, `--batch`, `--rounds`, `--seed`.
 */

const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    seats: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '5' },
    seed: { type: 'string', default: '20261202' },
  },
});

const positive = (name: string, text: string): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, not ${text}`);
  return value;
};

try {
  const cost = measureAllocatorCost({
    seats: positive('seats', flags.seats),
    batchSize: positive('batch', flags.batch),
    rounds: positive('rounds', flags.rounds),
    seed: Number(flags.seed),
  });
  process.stdout.write(`${describeAllocatorCost(cost).join('\n')}\n`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
