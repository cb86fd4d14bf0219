import type { Timeline } from './timeline';

/*
 * The run's chart: one panel per run, 2xx/s and decisions/s (left axis) and backlog (right axis) over time.
 * Written by hand as SVG: the chart libraries for Node need a DOM or a native canvas, and two
 * polylines per panel do not justify either.
 */

export interface ChartPanel {
  title: string;
  timeline: Timeline;
}

const WIDTH = 900;
const PANEL_HEIGHT = 220;
const MARGIN = { left: 70, right: 80, top: 30, bottom: 36 };
const DECISIONS_COLOUR = '#1f77b4';
const BACKLOG_COLOUR = '#ff7f0e';
const ACCEPTED_COLOUR = '#999';

const escapeXml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A round number ≥ `value` (1, 2 or 5 × a power of ten), so that axis labels read well. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power;
}

const compact = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(Math.round(n)));

function panel(chart: ChartPanel, top: number): string {
  const { t, acceptedPerSecond, decisionsPerSecond, backlog, bucketMs } = chart.timeline;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const maxSeconds = niceCeiling(Math.max(1, ((t.at(-1) ?? 0) + bucketMs) / 1000));
  const maxRate = niceCeiling(Math.max(0, ...decisionsPerSecond, ...acceptedPerSecond));
  const maxBacklog = niceCeiling(Math.max(0, ...backlog));
  const x = (ms: number) => MARGIN.left + (ms / 1000 / maxSeconds) * plotWidth;
  const y = (value: number, max: number) => top + MARGIN.top + plotHeight - (value / max) * plotHeight;
  const line = (values: number[], max: number, colour: string, dash = '') =>
    `<polyline fill="none" stroke="${colour}" stroke-width="1.5"${dash && ` stroke-dasharray="${dash}"`} points="${values
      .map((value, index) => `${x(t[index]! + bucketMs / 2).toFixed(1)},${y(value, max).toFixed(1)}`)
      .join(' ')}"/>`;
  const ticks = [0, 0.5, 1];
  const bottom = top + MARGIN.top + plotHeight;
  return [
    `<text x="${MARGIN.left}" y="${top + 18}" font-weight="bold">${escapeXml(chart.title)}</text>`,
    `<rect x="${MARGIN.left}" y="${top + MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#ccc"/>`,
    ...ticks.map((f) => {
      const yy = y(f * maxRate, maxRate).toFixed(1);
      return `<text x="${MARGIN.left - 6}" y="${yy}" text-anchor="end" fill="${DECISIONS_COLOUR}">${compact(f * maxRate)}</text>` +
        `<text x="${WIDTH - MARGIN.right + 6}" y="${yy}" fill="${BACKLOG_COLOUR}">${compact(f * maxBacklog)}</text>`;
    }),
    ...[0, 0.25, 0.5, 0.75, 1].map(
      (f) => `<text x="${x(f * maxSeconds * 1000).toFixed(1)}" y="${bottom + 16}" text-anchor="middle">${+(f * maxSeconds).toFixed(2)} s</text>`,
    ),
    `<text x="${MARGIN.left - 6}" y="${top + MARGIN.top - 6}" text-anchor="end" fill="${DECISIONS_COLOUR}">decisions/s</text>`,
    `<text x="${MARGIN.left + plotWidth / 2}" y="${top + 18}" fill="${ACCEPTED_COLOUR}">- - 2xx/s</text>`,
    line(acceptedPerSecond, maxRate, ACCEPTED_COLOUR, '4 3'),
    `<text x="${WIDTH - MARGIN.right + 6}" y="${top + MARGIN.top - 6}" fill="${BACKLOG_COLOUR}">backlog</text>`,
    line(decisionsPerSecond, maxRate, DECISIONS_COLOUR),
    line(backlog, maxBacklog, BACKLOG_COLOUR),
  ].join('\n');
}

export function renderChart(panels: ChartPanel[]): string {
  const height = Math.max(1, panels.length) * PANEL_HEIGHT;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
    ...panels.map((chart, index) => panel(chart, index * PANEL_HEIGHT)),
    '</svg>',
    '',
  ].join('\n');
}
