import { describeProfile, locate, summariseProfile, type CpuProfile } from './profile-summary';

const REPO = '/repo';
const frame = (id: number, functionName: string, url: string, lineNumber = 0) => ({ id, callFrame: { functionName, url, lineNumber } });

/** 12 samples of 1 ms: idle 4, the route 2, zod 2, GC 1, a pnpm-nested pino 1, zod's module loading 1, a native write under pino 1. */
const profile: CpuProfile = {
  nodes: [
    { ...frame(1, '(root)', ''), children: [2, 3, 5, 6, 8] },
    frame(2, '(idle)', ''),
    frame(3, 'handle', 'file:///repo/apps/api/dist/http/route.js', 70),
    frame(4, 'parse', 'file:///repo/node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/parse.js', 9),
    frame(5, '(garbage collector)', ''),
    { ...frame(6, 'write', 'file:///repo/node_modules/.pnpm/pino@9.0.0/node_modules/pino/lib/tools.js', 99), children: [10] },
    // The same function reached through another path: counted as one frame.
    frame(7, 'parse', 'file:///repo/node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/parse.js', 9),
    // Top-level code run by require(): start-up, whatever package it is in.
    { ...frame(8, 'Module._load', 'node:internal/modules/cjs/loader', 1002), children: [9] },
    frame(9, 'init', 'file:///repo/node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/core.cjs', 54),
    // A native write: node internals, named with the package that called it.
    frame(10, 'writeUtf8String', ''),
  ],
  startTime: 0,
  endTime: 12_000,
  samples: [2, 2, 3, 4, 2, 3, 7, 5, 6, 2, 9, 10],
  timeDeltas: Array.from({ length: 12 }, () => 1_000),
};

describe('a CPU profile summary', () => {
  const summary = summariseProfile(profile, { process: 'api', file: 'api.cpuprofile' }, REPO);

  it('counts each sample until the next, and the time not idle', () => {
    expect(summary.totalMs).toBeCloseTo(12);
    expect(summary.busyMs).toBeCloseTo(8);
  });

  it('ranks frames by self time, merging a function reached by several paths, files relative to the repo or their package', () => {
    expect(summary.topFrames.map(({ frame, area, selfMs }) => [frame, area, Math.round(selfMs)])).toEqual([
      ['(idle)', 'idle', 4],
      ['handle apps/api/dist/http/route.js:71', 'apps/api', 2],
      ['parse node_modules/zod/v4/core/parse.js:10', 'zod', 2],
      ['(garbage collector)', 'GC', 1],
      ['write node_modules/pino/lib/tools.js:100', 'pino', 1],
      ['init node_modules/zod/v4/core/core.cjs:55', 'module loading (start-up)', 1],
      ['writeUtf8String (native, via pino)', 'node internals', 1],
    ]);
    expect(summary.topFrames[1]!.busyShare).toBeCloseTo(2 / 8);
    expect(summary.topFrames[1]!.selfShare).toBeCloseTo(2 / 12);
  });

  it('rolls self time up by area', () => {
    expect(Object.fromEntries(summary.areas.map(({ area, selfMs }) => [area, Math.round(selfMs)]))).toEqual({
      idle: 4,
      'apps/api': 2,
      zod: 2,
      GC: 1,
      pino: 1,
      'module loading (start-up)': 1,
      'node internals': 1,
    });
  });

  it('falls back to hit counts when the samples were not kept', () => {
    const counted = summariseProfile(
      { nodes: [{ ...frame(1, '(idle)', ''), hitCount: 3 }, { ...frame(2, 'f', 'node:internal/x'), hitCount: 1 }], startTime: 0, endTime: 4_000 },
      { process: 'api', file: 'x' },
      REPO,
    );
    expect(counted.areas.map(({ area, selfMs }) => [area, selfMs])).toEqual([
      ['idle', 3],
      ['node internals', 1],
    ]);
  });

  it('prints the frames and areas', () => {
    const text = describeProfile(summary);
    expect(text).toContain('handle apps/api/dist/http/route.js:71');
    expect(text).toMatch(/25\.0%\s+16\.7%\s+2\s+apps\/api/);
  });
});

describe('where a frame belongs', () => {
  it.each([
    ['node:internal/http', 'f', 'node internals'],
    ['', 'writev', 'node internals'],
    ['', '(program)', 'program (native, unattributed)'],
    ['file:///repo/packages/db/dist/inventory.js', 'f', 'packages/db'],
    ['file:///repo/node_modules/.pnpm/@scope+x@1.0.0/node_modules/@scope/x/index.js', 'f', 'other: @scope/x'],
    ['file:///repo/node_modules/.pnpm/postgres@3.4.9/node_modules/postgres/cjs/src/connection.js', 'f', 'postgres.js'],
  ])('%s %s is %s', (url, name, area) => {
    expect(locate(url, name, REPO).area).toBe(area);
  });
});
