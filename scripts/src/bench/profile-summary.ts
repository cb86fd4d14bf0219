import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../processes';
import { renderTable } from './report';

/*
 * Where a process's CPU time went, from the V8 CPU profile Node writes with `--cpu-prof`: the
 * frames with the most self time, and self time rolled up by area (a dependency, a package of
 * Onsale, Node's internals, GC, idle).
 */

/** The parts of a `.cpuprofile` (Chrome DevTools' Profile) read here. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface FrameCost {
  /** `function file:line`, the file relative to the repository or to `node_modules/<package>`. */
  frame: string;
  area: string;
  selfMs: number;
  /** Of the sampled time. */
  selfShare: number;
  /** Of the time not idle: the process's CPU, near enough. */
  busyShare: number;
}

export interface AreaCost {
  area: string;
  selfMs: number;
  selfShare: number;
  busyShare: number;
}

export interface ProfileSummary {
  process: string;
  file: string;
  /** Sampled time in the profile, idle included. */
  totalMs: number;
  /** Sampled time not idle. */
  busyMs: number;
  topFrames: FrameCost[];
  areas: AreaCost[];
}

const TOP_FRAMES = 15;

/** Dependencies grouped by what they do on the hot path; any other package is reported under its own name. */
const PACKAGE_AREAS: Record<string, string> = {
  express: 'express+router',
  router: 'express+router',
  'body-parser': 'express+router',
  'raw-body': 'express+router',
  finalhandler: 'express+router',
  'path-to-regexp': 'express+router',
  'on-finished': 'express+router',
  'type-is': 'express+router',
  'content-type': 'express+router',
  'iconv-lite': 'express+router',
  pino: 'pino',
  'sonic-boom': 'pino',
  'pino-std-serializers': 'pino',
  'fast-redact': 'pino',
  'quick-format-unescaped': 'pino',
  'safe-stable-stringify': 'pino',
  zod: 'zod',
  jose: 'jose',
  jsonwebtoken: 'jsonwebtoken',
  jws: 'jsonwebtoken',
  jwa: 'jsonwebtoken',
  'buffer-equal-constant-time': 'jsonwebtoken',
  postgres: 'postgres.js',
  'drizzle-orm': 'drizzle',
  ioredis: 'ioredis',
  'redis-parser': 'ioredis',
  denque: 'ioredis',
  'cluster-key-slot': 'ioredis',
  bullmq: 'bullmq',
  msgpackr: 'bullmq',
  'rate-limiter-flexible': 'rate-limiter-flexible',
  'prom-client': 'prom-client',
};

const IDLE = 'idle';

/** V8's pseudo-frames: time not spent in any JavaScript function. */
const PSEUDO_FRAMES: Record<string, string> = {
  '(garbage collector)': 'GC',
  '(idle)': IDLE,
  '(program)': 'program (native, unattributed)',
  '(root)': 'program (native, unattributed)',
};

const ONSALE_PACKAGE = /^(apps\/[^/]+|packages\/[^/]+|scripts)\//;

/** The package a `node_modules` path belongs to (the last one: pnpm nests them) and the path inside it. */
function packageOf(path: string): { name: string; inside: string } | undefined {
  const at = path.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const parts = path.slice(at + 'node_modules/'.length).split('/');
  const length = parts[0]?.startsWith('@') ? 2 : 1;
  return { name: parts.slice(0, length).join('/'), inside: parts.slice(length).join('/') };
}

/** A frame's file as read here, and its area. */
export function locate(url: string, functionName: string, repoRoot = REPO_ROOT): { file: string; area: string } {
  if (url === '') return { file: '', area: PSEUDO_FRAMES[functionName] ?? 'node internals' };
  if (url.startsWith('node:')) return { file: url, area: 'node internals' };
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const dependency = packageOf(path);
  if (dependency) return { file: `node_modules/${dependency.name}/${dependency.inside}`, area: PACKAGE_AREAS[dependency.name] ?? `other: ${dependency.name}` };
  const inRepo = relative(repoRoot, path);
  const onsale = ONSALE_PACKAGE.exec(inRepo);
  if (onsale) return { file: inRepo, area: onsale[1]! };
  return { file: path, area: 'other' };
}

/** Self time per node id, in ms: each sample lasts until the next one (the last, as long as the average). */
function selfTimes(profile: CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  if (samples && timeDeltas && samples.length > 0) {
    const average = (profile.endTime - profile.startTime) / samples.length;
    samples.forEach((id, index) => {
      const micros = timeDeltas[index + 1] ?? average;
      self.set(id, (self.get(id) ?? 0) + Math.max(0, micros) / 1000);
    });
    return self;
  }
  // No samples kept: hit counts at the mean sampling interval.
  const hits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const interval = hits > 0 ? (profile.endTime - profile.startTime) / hits / 1000 : 0;
  for (const node of profile.nodes) self.set(node.id, (node.hitCount ?? 0) * interval);
  return self;
}

const MODULE_LOADING = 'module loading (start-up)';
const isModuleLoader = (url: string) => url.startsWith('node:internal/modules/');

const isFile = (url: string) => url.startsWith('file://');

/**
 * What the call tree says of each node: whether it runs under Node's module loader (`require`
 * and the top-level code of every module it runs: a profile covers the whole process, start-up
 * included), and the nearest file of ours or of a package above it (whose code called a native
 * frame such as a socket write).
 */
function callContext(profile: CpuProfile): { loading: Set<number>; callerUrl: Map<number, string> } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const loading = new Set<number>();
  const callerUrl = new Map<number, string>();
  const visit = (id: number, underLoader: boolean, caller: string | undefined) => {
    const node = byId.get(id);
    if (!node) return;
    const inLoader = underLoader || isModuleLoader(node.callFrame.url);
    if (inLoader) loading.add(id);
    if (caller !== undefined) callerUrl.set(id, caller);
    const next = isFile(node.callFrame.url) ? node.callFrame.url : caller;
    for (const child of node.children ?? []) visit(child, inLoader, next);
  };
  const children = new Set(profile.nodes.flatMap((node) => node.children ?? []));
  for (const node of profile.nodes) if (!children.has(node.id)) visit(node.id, false, undefined);
  return { loading, callerUrl };
}

const byCost = <T extends { selfMs: number }>(a: T, b: T) => b.selfMs - a.selfMs;

export function summariseProfile(profile: CpuProfile, names: { process: string; file: string }, repoRoot = REPO_ROOT): ProfileSummary {
  const self = selfTimes(profile);
  const { loading, callerUrl } = callContext(profile);
  const totalMs = [...self.values()].reduce((sum, ms) => sum + ms, 0);
  const frames = new Map<string, { frame: string; area: string; selfMs: number }>();
  const areas = new Map<string, number>();
  for (const { id, callFrame } of profile.nodes) {
    const ms = self.get(id) ?? 0;
    if (ms === 0) continue;
    const located = locate(callFrame.url, callFrame.functionName, repoRoot);
    const { file } = located;
    const area = loading.has(id) ? MODULE_LOADING : located.area;
    const name = callFrame.functionName || '(anonymous)';
    const caller = callerUrl.get(id);
    // A native frame (a socket or file write, a builtin) is named with whose code called it.
    const via = !file && !(callFrame.functionName in PSEUDO_FRAMES) && caller ? ` (native, via ${locate(caller, '', repoRoot).area})` : '';
    const frame = file ? `${name} ${file}:${callFrame.lineNumber + 1}` : `${name}${via}`;
    // One function counts once per area: at start-up and later apart.
    const key = `${frame}\0${area}`;
    frames.set(key, { frame, area, selfMs: (frames.get(key)?.selfMs ?? 0) + ms });
    areas.set(area, (areas.get(area) ?? 0) + ms);
  }
  const busyMs = totalMs - (areas.get(IDLE) ?? 0);
  const shares = (ms: number) => ({ selfShare: totalMs > 0 ? ms / totalMs : 0, busyShare: busyMs > 0 ? ms / busyMs : 0 });
  return {
    ...names,
    totalMs,
    busyMs,
    topFrames: [...frames.values()]
      .map(({ frame, area, selfMs }) => ({ frame, area, selfMs, ...shares(selfMs) }))
      .sort(byCost)
      .slice(0, TOP_FRAMES),
    areas: [...areas].map(([area, selfMs]) => ({ area, selfMs, ...shares(selfMs) })).sort(byCost),
  };
}

/** Every `.cpuprofile` in `dir` (a process writes one), summarised; none if it wrote none. */
export function summariseProfileDir(dir: string, processName: string): ProfileSummary[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
  } catch {
    return [];
  }
  return files.map((file) => summariseFile(join(dir, file), processName));
}

/** By default the process is named after the profile's directory (`<run>-<process>` in a bench run). */
export const summariseFile = (path: string, processName = basename(dirname(resolve(path)))): ProfileSummary =>
  summariseProfile(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile, { process: processName, file: path });

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Areas below this share of the busy time are summed in one line when printed (the JSON keeps them all). */
const MINOR_AREA = 0.005;

/** A process's top frames and areas, as printed after the report. */
export function describeProfile(summary: ProfileSummary): string {
  const heading = `${summary.process}: ${(summary.totalMs / 1000).toFixed(1)} s sampled, ${(summary.busyMs / 1000).toFixed(1)} s not idle (${relative(process.cwd(), summary.file)})`;
  const row = (cost: { selfMs: number; selfShare: number; busyShare: number }) => [percent(cost.busyShare), percent(cost.selfShare), cost.selfMs.toFixed(0)];
  const idleRow = (cost: { selfMs: number; selfShare: number }) => ['–', percent(cost.selfShare), cost.selfMs.toFixed(0)];
  const frames = renderTable([
    ['% busy', '% all', 'ms', 'frame', 'area'],
    ...summary.topFrames.map((frame) => [...(frame.area === IDLE ? idleRow(frame) : row(frame)), frame.frame, frame.area]),
  ]);
  const major = summary.areas.filter((area) => area.area === IDLE || area.busyShare >= MINOR_AREA);
  const minor = summary.areas.filter((area) => !major.includes(area));
  const rest = minor.reduce((sum, area) => ({ selfMs: sum.selfMs + area.selfMs, selfShare: sum.selfShare + area.selfShare, busyShare: sum.busyShare + area.busyShare }), {
    selfMs: 0,
    selfShare: 0,
    busyShare: 0,
  });
  const areas = renderTable([
    ['% busy', '% all', 'ms', 'area'],
    ...major.map((area) => [...(area.area === IDLE ? idleRow(area) : row(area)), area.area]),
    ...(minor.length > 0 ? [[...row(rest), `${minor.length} more below ${percent(MINOR_AREA)} each`]] : []),
  ]);
  return [heading, frames, '', areas].join('\n');
}

// `node scripts/dist/bench/profile-summary.js <file.cpuprofile…>`
if (require.main === module) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node scripts/dist/bench/profile-summary.js <file.cpuprofile…>');
    process.exit(1);
  }
  for (const file of files) process.stdout.write(`${describeProfile(summariseFile(file))}\n\n`);
}
