/**
 * The Prometheus alert rules that ship in deploy/prometheus: valid for Prometheus's own checker
 * (`promtool`, Debian's `prometheus` package; `./onsale test` installs it), each firing on the
 * series it is written for (deploy/prometheus/alerts.test.yml), and selecting only metrics the code
 * exports.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { metricNamesIn } from '../support/prometheus';

const root = join(__dirname, '..', '..');
const prometheusDir = join(root, 'deploy', 'prometheus');

async function promtool(...args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await promisify(execFile)('promtool', args, { cwd: prometheusDir });
    return stdout + stderr;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT') throw new Error('promtool is not installed: apt-get install prometheus (./onsale test installs it)');
    throw new Error(`promtool ${args.join(' ')} failed:\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
  }
}

/** The `expr` of each rule: on its line, or folded (`>-`) over the more indented lines below it. */
function ruleExpressions(yaml: string): string[] {
  const lines = yaml.split('\n');
  const expressions: string[] = [];
  lines.forEach((line, index) => {
    const match = /^(\s*)expr:\s*(.*)$/.exec(line);
    if (!match) return;
    const [, indent, value] = match;
    if (!/^[>|]-?$/.test(value!)) return void expressions.push(value!);
    const body: string[] = [];
    for (const next of lines.slice(index + 1)) {
      if (next.trim() !== '' && next.search(/\S/) <= indent!.length) break;
      body.push(next.trim());
    }
    expressions.push(body.join(' ').trim());
  });
  return expressions;
}

/** Metric names the code registers (`name: 'onsale_…'`), with a histogram's series suffixes. */
function exportedNames(): Set<string> {
  const sources = ['apps/api/src/metrics.ts', 'apps/worker/src/metrics.ts', 'apps/worker/src/webhooks/webhook-metrics.ts', 'packages/shared/src/metrics.ts'].map((file) => readFileSync(join(root, file), 'utf8'));
  const names = sources.flatMap((source) => [...source.matchAll(/name: '(onsale_[a-z0-9_]+)'/g)].map((match) => match[1]!));
  return new Set(names.flatMap((name) => [name, `${name}_bucket`, `${name}_count`, `${name}_sum`]));
}

/** Series Prometheus itself records about each scrape. */
const PROMETHEUS_OWN = new Set(['up']);

describe('Prometheus alert rules', () => {
  const expressions = ruleExpressions(readFileSync(join(prometheusDir, 'alerts.yml'), 'utf8'));

  it('pass promtool check rules, and the config that loads them passes promtool check config', async () => {
    expect(await promtool('check', 'rules', 'alerts.yml')).toMatch(/SUCCESS: \d+ rules found/);
    expect(await promtool('check', 'config', 'prometheus.yml')).toMatch(/SUCCESS: 1 rule files found/);
  });

  it('fire on the series they are written for, and only then (promtool test rules alerts.test.yml)', async () => {
    expect(await promtool('test', 'rules', 'alerts.test.yml')).toMatch(/SUCCESS/);
  });

  it('cover dead letters, the oldest queued request, decision p99, PostgreSQL and Redis down, and API 5xx', () => {
    const selected = new Set(expressions.flatMap(metricNamesIn));
    for (const name of ['onsale_dead_letters', 'onsale_backlog_oldest_age_seconds', 'onsale_accept_to_decision_seconds_bucket', 'onsale_dependency_up', 'onsale_http_request_duration_seconds_count']) {
      expect(selected).toContain(name);
    }
  });

  it('select only metrics that the API and the workers export', () => {
    expect(expressions.length).toBeGreaterThanOrEqual(6);
    const exported = exportedNames();
    const unknown = expressions.flatMap(metricNamesIn).filter((name) => !exported.has(name) && !PROMETHEUS_OWN.has(name));
    expect(unknown).toEqual([]);
  });
});
