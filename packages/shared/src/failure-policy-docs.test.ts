import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defaultOf } from './config';
import {
  PERMANENT_RETRY_FIRST_DELAY_MS,
  PERMANENT_RETRY_MAX_DELAY_MS,
  permanentFailureHoldMs,
  TRANSIENT_RETRY_MAX_DELAY_MS,
  worstCasePartitionStallMs,
} from './failure-policy';

/*
 * The failure policy's numbers in the documents are the code's: read from the configuration's
 * defaults and the policy's constants, so a change to either fails here until the docs follow.
 */

const root = resolve(__dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const guarantees = read('docs/guarantees.md');
const architecture = read('docs/architecture.md');

const defaults = {
  WORKER_RETRY_BUDGET_MS: defaultOf('WORKER_RETRY_BUDGET_MS') as number,
  JOB_MAX_ATTEMPTS: defaultOf('JOB_MAX_ATTEMPTS') as number,
};
/** 60000 → "60 s", 500 → "0.5 s". */
const seconds = (ms: number) => `${ms / 1000} s`;
const budget = seconds(defaults.WORKER_RETRY_BUDGET_MS);
const stall = seconds(worstCasePartitionStallMs(defaults));

it('reads the defaults it checks', () => {
  expect(typeof defaults.WORKER_RETRY_BUDGET_MS).toBe('number');
  expect(typeof defaults.JOB_MAX_ATTEMPTS).toBe('number');
});

it('guarantees.md states the budget, the attempts, the pauses and the derived worst-case stall', () => {
  expect(guarantees).toContain(`\`WORKER_RETRY_BUDGET_MS\` (default ${budget})`);
  expect(guarantees).toContain(`\`JOB_MAX_ATTEMPTS\` times (default ${defaults.JOB_MAX_ATTEMPTS})`);
  expect(guarantees).toContain(`worst-case partition stall = WORKER_RETRY_BUDGET_MS = ${stall} with the defaults`);
  expect(guarantees).toContain(`retried every ≤ ${seconds(TRANSIENT_RETRY_MAX_DELAY_MS)}`);
  expect(guarantees).toContain(`(${PERMANENT_RETRY_FIRST_DELAY_MS} ms, then ${2 * PERMANENT_RETRY_FIRST_DELAY_MS} ms,\ndoubling, at most ${seconds(PERMANENT_RETRY_MAX_DELAY_MS)})`);
  expect(guarantees).toContain(`+ ${permanentFailureHoldMs(defaults)} ms with the defaults`);
  expect(guarantees).toContain(`× the budget, ${seconds(defaults.JOB_MAX_ATTEMPTS * defaults.WORKER_RETRY_BUDGET_MS)}`);
});

it('architecture.md states the same numbers', () => {
  expect(architecture).toContain(`\`WORKER_RETRY_BUDGET_MS\` (default ${budget})`);
  expect(architecture).toContain(`\`JOB_MAX_ATTEMPTS\` (default ${defaults.JOB_MAX_ATTEMPTS})`);
  expect(architecture).toContain(`the worst-case partition stall is ${stall}`);
  expect(architecture).toContain(`retried every ≤ ${seconds(TRANSIENT_RETRY_MAX_DELAY_MS)}`);
  expect(architecture).toContain(`(${PERMANENT_RETRY_FIRST_DELAY_MS} ms, ${2 * PERMANENT_RETRY_FIRST_DELAY_MS} ms … between them), within the job's ${budget} budget`);
  expect(architecture).toContain(`retry in place for the job's budget, ${budget},`);
});

it('neither document says an outage holds a job for JOB_MAX_ATTEMPTS windows, nor calls issue 8 open', () => {
  for (const document of [guarantees, architecture]) {
    expect(document).not.toMatch(/JOB_MAX_ATTEMPTS` windows|issue 8 stays open/);
  }
});

it('architecture.md and guarantees.md link only to files inside the repository that exist', () => {
  for (const path of ['docs/architecture.md', 'docs/guarantees.md']) {
    const text = read(path);
    // Markdown links, and relative paths quoted as code (`../shared/MACHINE.md` was one, outside the repository).
    const links = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g), ...text.matchAll(/`(\.\.\/[^`\s]+)`/g)]
      .map((match) => match[1]!)
      .filter((target) => !/^[a-z]+:/.test(target));
    for (const target of links) {
      const file = resolve(root, dirname(path), target);
      expect({ path, target, inside: file.startsWith(root + '/') }).toEqual({ path, target, inside: true });
      expect({ path, target, exists: existsSync(file) }).toEqual({ path, target, exists: true });
    }
  }
});
