import { createRequire } from 'node:module';
import type { LRParser } from '@lezer/lr';

// lezer-promql ships CommonJS, but its type declarations are marked as ES modules only.
const { parser } = createRequire(__filename)('@prometheus-io/lezer-promql') as { parser: LRParser };

/** One sample of a Prometheus text exposition: `name{labels} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The samples of a Prometheus text-format scrape (comments skipped). */
export function parseExposition(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = SAMPLE_LINE.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(LABEL)].map(([, name, value]) => [name!, value!.replace(/\\(.)/g, '$1')]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The sum of the samples named `name` whose labels include `labels`. */
export function sumOf(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([label, value]) => sample.labels[label] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

/** GET <url> and parse it as a Prometheus scrape. */
export async function scrape(url: string): Promise<Sample[]> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  return parseExposition(await res.text());
}

/** A metric a PromQL expression selects, with the labels it requires to equal a value (`name{label="value"}`). */
export interface Selector {
  name: string;
  equal: Record<string, string>;
}

/** The metrics a PromQL expression selects, found by Prometheus's own grammar (lezer-promql). */
export function selectorsIn(expression: string): Selector[] {
  const tree = parser.parse(expression);
  const text = (node: { from: number; to: number }) => expression.slice(node.from, node.to);
  const selectors: Selector[] = [];
  let error: string | undefined;
  tree.iterate({
    enter(ref) {
      if (ref.type.isError) error ??= `PromQL syntax error at ${ref.from} in: ${expression}`;
      if (ref.name !== 'VectorSelector') return;
      const identifier = ref.node.getChild('Identifier');
      if (!identifier) return;
      const equal: Record<string, string> = {};
      for (const matcher of ref.node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []) {
        const [label, operator, value] = [matcher.getChild('LabelName'), matcher.getChild('MatchOp'), matcher.getChild('StringLiteral')];
        if (label && value && operator?.getChild('EqlSingle')) equal[text(label)] = JSON.parse(text(value)) as string;
      }
      selectors.push({ name: text(identifier), equal });
    },
  });
  if (error) throw new Error(error);
  return selectors;
}

/** The metric names a PromQL expression selects. */
export const metricNamesIn = (expression: string): string[] => [...new Set(selectorsIn(expression).map((selector) => selector.name))];
