export default async function globalTeardown(): Promise<void> {
  const containers = (globalThis as { onsaleTestContainers?: { stop(): Promise<unknown> }[] }).onsaleTestContainers;
  await Promise.all((containers ?? []).map((container) => container.stop()));
}
