import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterUnderTest } from './cluster-under-test';
import type { RushResult } from './rush';
import type { Verification } from './verify';

/** The figures of one scenario: printed, and appended to test-results/chaos-summary.jsonl. */
export function reportScenario(
  scenario: string,
  figures: { rush: RushResult; verification: Verification; cluster: ClusterUnderTest } & Record<string, unknown>,
): void {
  const { rush, verification, cluster, ...measured } = figures;
  const answers503 = rush.attempts.filter((attempt) => attempt.status === 503);
  const summary = {
    scenario,
    requests: Object.values(rush.finalStatuses).reduce((sum, count) => sum + count, 0) + rush.gaveUp,
    attempts: rush.attempts.length,
    maxInFlight: rush.maxInFlight,
    finalStatuses: rush.finalStatuses,
    gaveUp: rush.gaveUp,
    answers503: answers503.length,
    slowest503Ms: Math.max(0, ...answers503.map((attempt) => attempt.latencyMs)),
    slowestServerErrorsMs: cluster.slowestServerErrorsMs(),
    slowestAnswerMs: Math.max(0, ...rush.attempts.map((attempt) => attempt.latencyMs)),
    hungAttempts: rush.attempts.filter((attempt) => attempt.status === 'timeout').length,
    networkErrors: rush.attempts.filter((attempt) => attempt.status === 'network').length,
    ...measured,
    verification,
    logs: cluster.logFile('api').replace(/[^/]+$/, ''),
  };
  console.log(`chaos ${scenario}\n${JSON.stringify(summary, null, 2)}`);
  const dir = join(__dirname, '..', '..', '..', 'test-results');
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, 'chaos-summary.jsonl'), `${JSON.stringify({ at: new Date().toISOString(), ...summary })}\n`);
}
