/**
 * Edit distance for typo tolerance. Strings are compared as typed keys: Hangul decomposed into jamo
 * (see `decomposeHangul`), Latin as lower-case letters. The distance is the optimal string alignment
 * distance (Levenshtein plus swaps of two neighbours, each costing 1).
 */

/** Longest string, in code units, that the distance functions look at; longer inputs are cut. */
export const MAX_DISTANCE_LENGTH = 96;

/**
 * How many edits a name of `length` keys (jamo or letters) may be away from the query and still match:
 * 0 up to 3 keys, 1 up to 7 (`selinx`, `aparmor`, `가상`), 2 up to 13 (`apparmour`, `하이퍼바이저`), then 3.
 */
export function allowedDistance(length: number): number {
	if (length <= 3) return 0;
	if (length <= 7) return 1;
	if (length <= 13) return 2;
	return 3;
}

/** Reusable rows for {@link boundedDistance}; one per index, never shared across threads. */
export interface DistanceScratch {
	rowBeforePrevious: Int32Array;
	previous: Int32Array;
	current: Int32Array;
}

/** Rows for strings of up to {@link MAX_DISTANCE_LENGTH} code units. */
export function createDistanceScratch(): DistanceScratch {
	const size = MAX_DISTANCE_LENGTH + 2;
	return { rowBeforePrevious: new Int32Array(size), previous: new Int32Array(size), current: new Int32Array(size) };
}

/**
 * The optimal string alignment distance of `a` and `b` when it is at most `max`, otherwise `max + 1`.
 * Only the diagonal band of width `2 * max + 1` is computed and the computation stops as soon as a whole
 * row exceeds `max`, so the cost is O(min(|a|, |b|) · max). Inputs are cut to {@link MAX_DISTANCE_LENGTH}.
 */
export function boundedDistance(a: string, b: string, max: number, scratch: DistanceScratch): number {
	const la = Math.min(a.length, MAX_DISTANCE_LENGTH);
	const lb = Math.min(b.length, MAX_DISTANCE_LENGTH);
	const limit = Math.max(0, Math.min(max, Math.max(la, lb)));
	const over = limit + 1;
	if (Math.abs(la - lb) > limit) return over;
	if (la === 0 || lb === 0) return Math.max(la, lb) <= limit ? Math.max(la, lb) : over;
	let twoBack = scratch.rowBeforePrevious;
	let previous = scratch.previous;
	let current = scratch.current;
	for (let j = 0; j <= lb; j++) previous[j] = j <= limit ? j : over;
	for (let i = 1; i <= la; i++) {
		const ai = a.charCodeAt(i - 1);
		const aBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
		const from = Math.max(1, i - limit);
		const to = Math.min(lb, i + limit);
		current[from - 1] = from === 1 ? (i <= limit ? i : over) : over;
		let rowMin = current[from - 1] ?? over;
		for (let j = from; j <= to; j++) {
			const bj = b.charCodeAt(j - 1);
			const substitution = (previous[j - 1] ?? over) + (ai === bj ? 0 : 1);
			const deletion = (previous[j] ?? over) + 1;
			const insertion = (current[j - 1] ?? over) + 1;
			let cell = Math.min(substitution, deletion, insertion);
			if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && aBefore === bj) {
				const swap = (twoBack[j - 2] ?? over) + 1;
				if (swap < cell) cell = swap;
			}
			if (cell > over) cell = over;
			current[j] = cell;
			if (cell < rowMin) rowMin = cell;
		}
		if (to < lb) current[to + 1] = over;
		if (rowMin > limit) return over;
		const recycled = twoBack;
		twoBack = previous;
		previous = current;
		current = recycled;
	}
	const distance = previous[lb] ?? over;
	return distance <= limit ? distance : over;
}

/** The optimal string alignment distance of `a` and `b`, inputs cut to {@link MAX_DISTANCE_LENGTH} code units. */
export function editDistance(a: string, b: string, scratch: DistanceScratch): number {
	return boundedDistance(a, b, MAX_DISTANCE_LENGTH, scratch);
}

/**
 * Key of the bigram of code units `a`, `b` for the candidate filter. Code units are folded to 15 bits, so two
 * bigrams may share a key: the filter then lets a few more names through to the exact distance, never fewer.
 */
export function codeBigramKey(a: number, b: number): number {
	return (a & 0x7fff) * 0x8000 + (b & 0x7fff);
}
