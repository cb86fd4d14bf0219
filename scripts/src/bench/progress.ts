/*
 * One progress line while a run is under way: rewritten in place on a terminal, otherwise
 * printed every few seconds so that a log stays readable.
 */

export interface ProgressReading {
  sent: number;
  succeeded: number;
  decided: number | undefined;
}

const TTY_INTERVAL_MS = 500;
const LOG_INTERVAL_MS = 5_000;

const count = (n: number) => n.toLocaleString('en-US');

export function formatProgress(label: string, reading: ProgressReading, elapsedMs: number): string {
  const decided = reading.decided === undefined ? '–' : count(reading.decided);
  const backlog = reading.decided === undefined ? '–' : count(Math.max(0, reading.succeeded - reading.decided));
  return `${label}  sent ${count(reading.sent)}  2xx ${count(reading.succeeded)}  decided ${decided}  backlog ${backlog}  ${(elapsedMs / 1000).toFixed(1)} s`;
}

export function startProgress(label: string, read: () => ProgressReading): { stop(): void } {
  const tty = process.stdout.isTTY === true;
  const startedAt = performance.now();
  const print = () => {
    const line = formatProgress(label, read(), performance.now() - startedAt);
    process.stdout.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
  };
  const timer = setInterval(print, tty ? TTY_INTERVAL_MS : LOG_INTERVAL_MS);
  return {
    stop() {
      clearInterval(timer);
      print();
      if (tty) process.stdout.write('\n');
    },
  };
}
