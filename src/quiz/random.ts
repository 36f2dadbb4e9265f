import { fnv1a32 } from '../hash.ts';

/**
 * Deterministic randomness for quizzes: the same input always gives the same option order and draw, on every machine
 * and after every restart. Nothing here reads a clock or `Math.random`.
 */

/** 2^32: turns a 32-bit hash into a number in [0, 1). */
const TWO_TO_32 = 0x1_0000_0000;
/**
 * A generator of numbers in [0, 1) fully determined by `seed`: a Weyl sequence on 32 bits, each step mixed by the
 * MurmurHash3 finaliser. Plenty for shuffling a handful of options or a pool of questions; not for secrets.
 */
export function seededRandom(seed: string): () => number {
	let state = fnv1a32(seed);
	return () => {
		state = (state + 0x9e3779b9) >>> 0;
		let z = state;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		return ((z ^ (z >>> 16)) >>> 0) / TWO_TO_32;
	};
}

/** A shuffled copy of `items` (Fisher–Yates driven by `random`); `items` is left as it was. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		const a = out[i] as T;
		out[i] = out[j] as T;
		out[j] = a;
	}
	return out;
}
