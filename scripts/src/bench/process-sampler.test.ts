import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { ProcessSampler } from './process-sampler';

/** A process that burns `cpuMs` of CPU, says so, then idles until killed. */
async function burner(cpuMs: number): Promise<ChildProcess> {
  const script = `const t = process.cpuUsage(); while ((process.cpuUsage(t).user + process.cpuUsage(t).system) / 1000 < ${cpuMs}); console.log('done'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout!, 'data');
  return child;
}

describe('ProcessSampler', () => {
  let child: ChildProcess | undefined;
  afterEach(() => void child?.kill());

  it('counts the CPU of a process that started after sampling did, from its start, though it is first seen late', async () => {
    let visible: number[] = [];
    const sampler = new ProcessSampler([{ name: 'late', pids: () => visible }]);
    sampler.start();
    child = await burner(300);
    visible = [child.pid!];

    const [late] = sampler.stop();

    expect(late!.cpuSeconds).toBeGreaterThanOrEqual(0.29);
  });

  it('counts only the CPU used since sampling started by a process already running', async () => {
    child = await burner(300);
    const sampler = new ProcessSampler([{ name: 'early', pids: () => [child!.pid!] }]);
    sampler.start();

    const [early] = sampler.stop();

    expect(early!.cpuSeconds).toBeLessThan(0.1);
  });
});
