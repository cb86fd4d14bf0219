/** Wall-clock time in milliseconds with sub-millisecond resolution, comparable with PostgreSQL's timestamps on this machine. */
export const wallNow = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
