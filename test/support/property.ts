import type fc from 'fast-check';

/** The seed every property suite runs with unless `FC_SEED` names another, so a run checks the same cases every time. */
export const PROPERTY_SEED = 20_261_130;

/**
 * fast-check parameters for `fc.assert`: a fixed seed (override with `FC_SEED=<n>` to explore other cases) and
 * `numRuns` runs. A failure message carries the seed and path that replay the shrunk counterexample
 * (`fc.assert(property, { seed, path })`).
 */
export function propertyParameters<T>(numRuns: number, extra: fc.Parameters<T> = {}): fc.Parameters<T> {
	const fromEnv = process.env.FC_SEED;
	const seed = fromEnv === undefined || fromEnv === '' ? PROPERTY_SEED : Number(fromEnv);
	if (!Number.isSafeInteger(seed)) throw new Error(`property: FC_SEED must be an integer, got "${fromEnv}"`);
	return { seed, numRuns, ...extra };
}
