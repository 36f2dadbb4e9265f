/**
 * The name side of the index: every title and alias of every concept, findable by exact compact key,
 * by prefix (also while a Hangul syllable is half typed), by 초성, by substring and by edit distance.
 *
 * Names are spelled three ways: `key` (compactKey: `강제접근제어`), `jamo` (keys typed: `ㄱㅏㅇㅈㅔ…`) and, when
 * the name has Hangul, `initials` (`ㄱㅈㅈㄱㅈㅇ`). Two arrays of name numbers sorted by `jamo` and by
 * `initials` answer exact and prefix queries by binary search; jamo bigram postings, each list sorted by
 * name length, give typo candidates of about the query's length without touching the other names.
 */

import type { Concept } from '../notes/concept.ts';
import {
	boundedDistance,
	codeBigramKey,
	createDistanceScratch,
	type DistanceScratch,
	MAX_DISTANCE_LENGTH,
} from './fuzzy.ts';
import { decomposeHangul, hasHangulSyllable, initialConsonants } from './hangul.ts';
import { IntMap } from './intmap.ts';
import { compactKey } from './normalize.ts';

/** How a name belongs to its concept (`NameIndex.kind`); lower is better. */
export const NAME_TITLE = 0;
export const NAME_ALIAS = 1;
/** A title or alias without its leading numbering (`2. 프로세스` → `프로세스`); `text` keeps the written name. */
export const NAME_DERIVED = 2;

/** Numbering that note writers put before a heading: `1.`, `2.3)`, `(4)`, `iv.`, `①`. */
const LEADING_NUMBERING = /^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]|\(\d{1,3}\)|[ivx]{1,4}[.)]|[\u2460-\u2473])\s*/iu;

/** Names shorter than this many keys get no typo candidates (nothing to tell them apart by). */
const MIN_GRAM_NAME_LENGTH = 2;

export interface NameIndex {
	readonly count: number;
	/** The name as written (title or alias). */
	readonly text: readonly string[];
	readonly key: readonly string[];
	readonly jamo: readonly string[];
	readonly owner: Int32Array;
	readonly kind: Uint8Array;
	/** `initials` of names that contain Hangul, `''` for the others. */
	readonly initials: readonly string[];
	/** Name numbers sorted by `jamo` (ties by kind, then by the owner's rank). */
	readonly byJamo: Int32Array;
	/** Numbers of names with Hangul, sorted by `initials`. */
	readonly byInitials: Int32Array;
	/** Jamo bigram key → gram number (-1: no name has it). */
	readonly gramIds: IntMap;
	/** Postings of gram `g`: `gramNames[gramStart[g] .. gramStart[g + 1])`, sorted by name length in keys. */
	readonly gramStart: Int32Array;
	readonly gramNames: Int32Array;
	/** Length of `jamo`, capped to 65535. */
	readonly jamoLength: Uint16Array;
	/** Per-query scratch: shared-gram counts per name, and the names touched. */
	readonly sharedGrams: Uint16Array;
	readonly touched: Int32Array;
	readonly distance: DistanceScratch;
}

/**
 * Collects the names of the concepts. `titleKeys[c]` is the compact key of concept `c`'s title;
 * `rankOf[c]` orders concepts for ties (0 = best).
 */
export function buildNameIndex(
	concepts: readonly Concept[],
	titleKeys: readonly string[],
	rankOf: Int32Array,
): NameIndex {
	const text: string[] = [];
	const key: string[] = [];
	const jamo: string[] = [];
	const ownerList: number[] = [];
	const kindList: number[] = [];
	const seen = new Set<string>();
	const add = (conceptIndex: number, written: string, spelled: string, kind: number, spelledKey?: string): void => {
		if (typeof written !== 'string') return;
		const k = spelledKey ?? compactKey(spelled);
		if (k === '' || seen.has(k)) return;
		seen.add(k);
		text.push(written);
		key.push(k);
		jamo.push(decomposeHangul(k));
		ownerList.push(conceptIndex);
		kindList.push(kind);
	};
	for (let c = 0; c < concepts.length; c++) {
		const concept = concepts[c];
		if (concept === undefined) continue;
		seen.clear();
		add(c, concept.title, concept.title, NAME_TITLE, titleKeys[c]);
		for (const alias of concept.aliases) add(c, alias, alias, NAME_ALIAS);
		for (const written of [concept.title, ...concept.aliases]) {
			if (typeof written !== 'string') continue;
			const stripped = written.replace(LEADING_NUMBERING, '');
			if (stripped !== written) add(c, written, stripped, NAME_DERIVED);
		}
	}
	const count = text.length;
	const owner = Int32Array.from(ownerList);
	const kind = Uint8Array.from(kindList);
	const jamoLength = new Uint16Array(count);
	for (let n = 0; n < count; n++) jamoLength[n] = Math.min(65535, (jamo[n] ?? '').length);

	const tieBreak = (a: number, b: number): number =>
		(kind[a] ?? 0) - (kind[b] ?? 0) || (rankOf[owner[a] ?? 0] ?? 0) - (rankOf[owner[b] ?? 0] ?? 0) || a - b;
	const byJamo = sortedBy(count, jamo, tieBreak, () => true);

	const initials: string[] = new Array<string>(count).fill('');
	for (let n = 0; n < count; n++) {
		const k = key[n] ?? '';
		if (hasHangulSyllable(k)) initials[n] = initialConsonants(k);
	}
	const byInitials = sortedBy(count, initials, tieBreak, (n) => initials[n] !== '');

	const grams = buildGrams(jamo, jamoLength);
	return {
		count,
		text,
		key,
		jamo,
		owner,
		kind,
		initials,
		byJamo,
		byInitials,
		gramIds: grams.ids,
		gramStart: grams.start,
		gramNames: grams.names,
		jamoLength,
		sharedGrams: new Uint16Array(count),
		touched: new Int32Array(count),
		distance: createDistanceScratch(),
	};
}

function sortedBy(
	count: number,
	spelling: readonly string[],
	tieBreak: (a: number, b: number) => number,
	keep: (n: number) => boolean,
): Int32Array {
	const order: number[] = [];
	for (let n = 0; n < count; n++) if (keep(n)) order.push(n);
	order.sort((a, b) => {
		const sa = spelling[a] ?? '';
		const sb = spelling[b] ?? '';
		return sa < sb ? -1 : sa > sb ? 1 : tieBreak(a, b);
	});
	return Int32Array.from(order);
}

function buildGrams(
	jamo: readonly string[],
	jamoLength: Uint16Array,
): { ids: IntMap; start: Int32Array; names: Int32Array } {
	const count = jamo.length;
	const ids = new IntMap(1 << 12);
	let gramCounts: Int32Array = new Int32Array(1024);
	let lastName: Int32Array = new Int32Array(1024).fill(-1);
	const nameGrams: number[] = [];
	const nameGramStart = new Int32Array(count + 1);
	for (let n = 0; n < count; n++) {
		nameGramStart[n] = nameGrams.length;
		const spelling = jamo[n] ?? '';
		const length = Math.min(spelling.length, MAX_DISTANCE_LENGTH);
		if (length < MIN_GRAM_NAME_LENGTH) continue;
		for (let i = 1; i < length; i++) {
			const gramKey = codeBigramKey(spelling.charCodeAt(i - 1), spelling.charCodeAt(i));
			let id = ids.get(gramKey);
			if (id < 0) {
				id = ids.size;
				ids.set(gramKey, id);
				if (id >= gramCounts.length) {
					gramCounts = grow(gramCounts, 0);
					lastName = grow(lastName, -1);
				}
			}
			if (lastName[id] === n) continue;
			lastName[id] = n;
			gramCounts[id] = (gramCounts[id] ?? 0) + 1;
			nameGrams.push(id);
		}
	}
	nameGramStart[count] = nameGrams.length;
	const gramTotal = ids.size;
	const start = new Int32Array(gramTotal + 1);
	for (let g = 0; g < gramTotal; g++) start[g + 1] = (start[g] ?? 0) + (gramCounts[g] ?? 0);
	const fill = start.slice(0, gramTotal);
	const names = new Int32Array(nameGrams.length);
	for (const n of byLengthOrder(jamoLength)) {
		for (let p = nameGramStart[n] ?? 0, end = nameGramStart[n + 1] ?? 0; p < end; p++) {
			const g = nameGrams[p] ?? 0;
			const at = fill[g] ?? 0;
			names[at] = n;
			fill[g] = at + 1;
		}
	}
	return { ids, start, names };
}

/** Name numbers ordered by length, then number (a counting sort: lengths are small integers). */
function byLengthOrder(jamoLength: Uint16Array): Int32Array {
	let longest = 0;
	for (const length of jamoLength) if (length > longest) longest = length;
	const start = new Int32Array(longest + 2);
	for (const length of jamoLength) start[length + 1] = (start[length + 1] ?? 0) + 1;
	for (let length = 0; length <= longest; length++) start[length + 1] = (start[length + 1] ?? 0) + (start[length] ?? 0);
	const order = new Int32Array(jamoLength.length);
	for (let n = 0; n < jamoLength.length; n++) {
		const length = jamoLength[n] ?? 0;
		const at = start[length] ?? 0;
		order[at] = n;
		start[length] = at + 1;
	}
	return order;
}

function grow(array: Int32Array, fillValue: number): Int32Array {
	const bigger = new Int32Array(array.length * 2).fill(fillValue);
	bigger.set(array);
	return bigger;
}

/** First position in `sorted` (name numbers) whose spelling is `>= target`. */
function lowerBound(sorted: Int32Array, spelling: readonly string[], target: string): number {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if ((spelling[sorted[middle] ?? 0] ?? '') < target) low = middle + 1;
		else high = middle;
	}
	return low;
}

/** The `[from, to)` range of `sorted` whose spellings start with `prefix`. */
export function prefixRange(sorted: Int32Array, spelling: readonly string[], prefix: string): [number, number] {
	const from = lowerBound(sorted, spelling, prefix);
	const to = lowerBound(sorted, spelling, `${prefix}\uffff`);
	return [from, Math.max(from, to)];
}

/**
 * Calls `visit(name, shared)` for names of length in `[minLength, maxLength]` sharing a jamo bigram with
 * `queryJamo`, `shared` being how many of the query's distinct bigrams they hold. A name within edit distance
 * `d` holds all but at most `3d` of the {@link distinctGramCount} (an edit, a swap included, breaks at most
 * three), which lets the caller skip most names before computing any distance.
 */
export function forEachGramCandidate(
	index: NameIndex,
	queryJamo: string,
	minLength: number,
	maxLength: number,
	visit: (name: number, shared: number) => void,
): void {
	const { sharedGrams, touched, gramStart, gramNames, jamoLength } = index;
	const length = Math.min(queryJamo.length, MAX_DISTANCE_LENGTH);
	const lengthAt = (p: number): number => jamoLength[gramNames[p] ?? 0] ?? 0;
	const seenKeys = new Set<number>();
	let touchedCount = 0;
	for (let i = 1; i < length; i++) {
		const gramKey = codeBigramKey(queryJamo.charCodeAt(i - 1), queryJamo.charCodeAt(i));
		if (seenKeys.has(gramKey)) continue;
		seenKeys.add(gramKey);
		const g = index.gramIds.get(gramKey);
		if (g < 0) continue;
		const end = gramStart[g + 1] ?? 0;
		for (let p = firstAtLeast(gramStart[g] ?? 0, end, minLength, lengthAt); p < end; p++) {
			const n = gramNames[p] ?? 0;
			if ((jamoLength[n] ?? 0) > maxLength) break;
			const shared = sharedGrams[n] ?? 0;
			if (shared === 0) touched[touchedCount++] = n;
			sharedGrams[n] = shared + 1;
		}
	}
	for (let t = 0; t < touchedCount; t++) {
		const n = touched[t] ?? 0;
		visit(n, sharedGrams[n] ?? 0);
		sharedGrams[n] = 0;
	}
}

/** How many distinct jamo bigrams (as the candidate filter folds them) the first keys of `jamo` have. */
export function distinctGramCount(jamo: string): number {
	const length = Math.min(jamo.length, MAX_DISTANCE_LENGTH);
	const keys = new Set<number>();
	for (let i = 1; i < length; i++) keys.add(codeBigramKey(jamo.charCodeAt(i - 1), jamo.charCodeAt(i)));
	return keys.size;
}

/** First position in `[from, to)` whose name length is at least `length` (postings are sorted by length). */
function firstAtLeast(from: number, to: number, length: number, lengthAt: (p: number) => number): number {
	let low = from;
	let high = to;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (lengthAt(middle) < length) low = middle + 1;
		else high = middle;
	}
	return low;
}

/** The bounded distance of the query to name `n`, or `max + 1`. */
export function nameDistance(index: NameIndex, queryJamo: string, n: number, max: number): number {
	return boundedDistance(queryJamo, index.jamo[n] ?? '', max, index.distance);
}

/** Postings of the rarest jamo bigram of `queryJamo`, or `null` when the query has no indexed bigram (then a substring cannot be in any name's first keys either, except for one-key queries). */
export function rarestGramPostings(index: NameIndex, queryJamo: string): [number, number] | null {
	let best: [number, number] | null = null;
	const length = Math.min(queryJamo.length, MAX_DISTANCE_LENGTH);
	for (let i = 1; i < length; i++) {
		const g = index.gramIds.get(codeBigramKey(queryJamo.charCodeAt(i - 1), queryJamo.charCodeAt(i)));
		if (g < 0) return [0, 0];
		const from = index.gramStart[g] ?? 0;
		const to = index.gramStart[g + 1] ?? 0;
		if (best === null || to - from < best[1] - best[0]) best = [from, to];
	}
	return best;
}
