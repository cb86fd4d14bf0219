import { cpuTicks, idlePercent } from './load-generator-cpu';

describe("the machine's idle CPU", () => {
  it('is idle + iowait over all ticks between two readings of /proc/stat', () => {
    const before = cpuTicks('cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\n');
    const after = cpuTicks('cpu  300 0 150 1000 50 0 0 0 20 0\ncpu0 150 0 75 500 25 0 0 0 10 0\n');
    expect(before).toEqual({ idle: 850, total: 1000 });
    // 300 more ticks busy, 200 more idle; guest time (already in user) is not counted twice.
    expect(idlePercent(before, after)).toBeCloseTo(40);
    expect(idlePercent(after, after)).toBe(0);
  });
});
