/** How many requests the fuzz test sends: 10,000 in `pnpm test`, FUZZ_REQUESTS to change it (more for a longer hunt). */
export const fuzzRequestCount = (): number => Number(process.env.FUZZ_REQUESTS ?? 10_000);
