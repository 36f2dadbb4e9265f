/**
 * The search engine of the study bot: one index over the concepts, answering `/explain` lookups,
 * autocomplete and "did you mean" buttons, in Korean and English.
 *
 * Ranking is in tiers, each hit's `score` being its tier's base plus a share below 1 inside the tier:
 *
 * | tier (`match`) | base | inside the tier |
 * | --- | --- | --- |
 * | `exact`: a title or alias has the query's compact key | 4 | title 0.9, alias 0.8, numbering-free name 0.7 |
 * | `prefix`: a name starts with the query | 3 | 0.85 × query length / name length, +0.05 for a title |
 * | `initials`: a 초성 query (`ㅎㅇㅍㅂ`, also mixed: `ㄱㅅ화`) starts a name's initials | 2 | 0.85 × query length / initials length, +0.05 for a title |
 * | `typo`: a name within the allowed edit distance (see `allowedDistance`) on jamo and letters | 1 | 0.9 × (1 − distance / longer length), +0.05 for a title |
 * | `fulltext`: BM25 over names, definition, facts, body and ancestors' titles | 0 | s / (s + 8) |
 *
 * The name a question asks about (`SELinux는 뭐야?` → `selinux`) also gets the exact, prefix and typo tiers,
 * 0.1 below the query as typed. The typo tier runs only when no name matched otherwise, for queries of at most
 * two words (longer ones are sentences, left to the full text). A concept counts once,
 * at its best tier. Equal scores put sections before terms, then the richer concept (definition and facts length)
 * first, then the smaller id, so answers never depend on the order of the concepts. Concepts sharing a title (`sameNameKey`)
 * are collapsed into the best of them (`alsoIn`).
 */

import type { Concept } from '../notes/concept.ts';
import { buildFullTextIndex, type FullTextIndex, searchFullText } from './fulltext.ts';
import { allowedDistance, boundedDistance, MAX_DISTANCE_LENGTH } from './fuzzy.ts';
import {
	decomposeHangul,
	initialConsonants,
	isInitialsQuery,
	isMixedInitialsQuery,
	matchesInitialsPattern,
} from './hangul.ts';
import {
	buildNameIndex,
	distinctGramCount,
	forEachGramCandidate,
	NAME_ALIAS,
	NAME_TITLE,
	type NameIndex,
	nameDistance,
	prefixRange,
	rarestGramPostings,
} from './names.ts';
import { boundInput, compactKey, normalize } from './normalize.ts';
import { stripQuestion } from './tokenize.ts';

/** Which tier a hit comes from; see the table in this module's documentation. */
export type MatchKind = 'exact' | 'prefix' | 'initials' | 'typo' | 'fulltext';

/** One search result. */
export interface SearchHit {
	readonly concept: Concept;
	/** Tier base (exact 4 … fulltext 0) plus a share below 1 within the tier; hits are sorted by it, descending. */
	readonly score: number;
	readonly match: MatchKind;
	/** The title or alias that matched, when a name matched */
	readonly matchedName: string | null;
	/** Other concepts with the same title (`sameNameKey`) in other places, collapsed into this hit: those that matched the query first, by score, then the others, richest first. */
	readonly alsoIn: readonly Concept[];
}

/**
 * An immutable index over a list of concepts. Methods never throw, whatever the string, and cut queries to
 * {@link MAX_QUERY_LENGTH}. Calls reuse scratch memory of the index, so they must not interleave (they cannot
 * within one JavaScript thread; do not share an index between worker threads).
 */
export interface SearchIndex {
	/** Number of concepts indexed. */
	readonly size: number;
	/** The concept with this id (the first one, if the list repeated an id). */
	get(id: string): Concept | undefined;
	/** Every concept, in the order given to {@link buildSearchIndex}. */
	all(): readonly Concept[];
	/** Ranked hits for a query, at most `limit` (default 10). */
	search(query: string, options?: { limit?: number }): SearchHit[];
	/**
	 * Concepts whose names start with what was typed so far (also a half-typed syllable or 초성), then names that
	 * contain it, then, to fill up, names within typo distance; best first, at most 25 (the default), one per title.
	 * Empty input gives the most central concepts: top-level sections first.
	 */
	autocomplete(input: string, limit?: number): Concept[];
	/** The concepts whose names are nearest to the query by edit distance, even when too far for {@link SearchIndex.search}; at most `limit` (default 5). */
	suggest(query: string, limit?: number): Concept[];
}

/** Queries are cut to this many UTF-16 code units before any work. */
export const MAX_QUERY_LENGTH = 200;
const DEFAULT_SEARCH_LIMIT = 10;
const MAX_AUTOCOMPLETE = 25;
const DEFAULT_SUGGEST_LIMIT = 5;
/** Names considered by `suggest` for the exact distance, the ones sharing most jamo bigrams with the query. */
const SUGGEST_CANDIDATES = 48;
/** Keys of the query and of the names that `suggest` compares; a longer query is a sentence, not a misspelt name. */
const SUGGEST_MAX_LENGTH = 48;
/** Similarity (1 − distance / longer length) below which a name is not worth suggesting. */
const SUGGEST_MIN_SIMILARITY = 0.55;
/** Weight of the similarity of the query to the start of a longer name (`프로세` → `프로세스와 스레드`). */
const SUGGEST_PREFIX_WEIGHT = 0.8;
/** Queries of more words than this get no typo tier: a sentence is not a misspelt name. */
const MAX_TYPO_WORDS = 2;
/** How much lower a name found through the question-stripped query scores than one found as typed. */
const ASKED_PENALTY = 0.1;
/** BM25 score at which a full-text hit reaches half of its tier. */
const FULLTEXT_HALF_SCORE = 8;

const TIER_EXACT = 4;
const TIER_PREFIX = 3;
const TIER_INITIALS = 2;
const TIER_TYPO = 1;
const TIER_FULLTEXT = 0;
const MATCH_KINDS: readonly MatchKind[] = ['fulltext', 'typo', 'initials', 'prefix', 'exact'];

/** A query spelled every way the tiers need. */
interface PreparedQuery {
	/** NFKC, lower case, single spaces. */
	readonly normalized: string;
	readonly key: string;
	readonly jamo: string;
	/** The name the query asks about when it differs from the query (`SELinux는 뭐야?` → `selinux`), else `null`. */
	readonly asked: PreparedQuery | null;
}

/** Per-index scratch for collecting the best score of each concept and of each title group during one call. */
interface Collector {
	readonly bestScore: Float64Array;
	readonly bestName: Int32Array;
	readonly touchedConcepts: Int32Array;
	touchedConceptCount: number;
	/** Best concept of each group, -1 when the group has none yet. */
	readonly groupBest: Int32Array;
	readonly touchedGroups: Int32Array;
	touchedGroupCount: number;
}

/**
 * Indexes the concepts. Work and memory are linear in the text size; the concepts are kept, not copied.
 */
export function buildSearchIndex(concepts: readonly Concept[]): SearchIndex {
	const list: readonly Concept[] = concepts.slice();
	const count = list.length;
	const byId = new Map<string, Concept>();
	for (const concept of list) if (!byId.has(concept.id)) byId.set(concept.id, concept);

	const titleKeys = list.map((concept) => compactKey(concept.title));
	const rankOf = richnessRanks(list);
	const groups = titleGroups(
		list.map((concept) => sameNameKey(concept.title)),
		rankOf,
	);
	const names = buildNameIndex(list, titleKeys, rankOf);
	const fullText = buildFullTextIndex(list, titleKeys);
	const central = centralConcepts(list, rankOf, groups.groupOf);
	const collector: Collector = {
		bestScore: new Float64Array(count).fill(-1),
		bestName: new Int32Array(count).fill(-1),
		touchedConcepts: new Int32Array(count),
		touchedConceptCount: 0,
		groupBest: new Int32Array(groups.groupCount).fill(-1),
		touchedGroups: new Int32Array(groups.groupCount),
		touchedGroupCount: 0,
	};
	const engine: Engine = {
		list,
		rankOf,
		groupOf: groups.groupOf,
		groupStart: groups.groupStart,
		groupMembers: groups.groupMembers,
		names,
		fullText,
		collector,
	};

	return {
		size: count,
		get: (id) => byId.get(id),
		all: () => list,
		search: (query, options) =>
			guarded(() => search(engine, query, sanitizeLimit(options?.limit, DEFAULT_SEARCH_LIMIT, count)), []),
		autocomplete: (input, limit) =>
			guarded(() => autocomplete(engine, input, sanitizeLimit(limit, MAX_AUTOCOMPLETE, MAX_AUTOCOMPLETE), central), []),
		suggest: (query, limit) =>
			guarded(() => suggest(engine, query, sanitizeLimit(limit, DEFAULT_SUGGEST_LIMIT, count)), []),
	};
}

interface Engine {
	readonly list: readonly Concept[];
	readonly rankOf: Int32Array;
	readonly groupOf: Int32Array;
	readonly groupStart: Int32Array;
	readonly groupMembers: Int32Array;
	readonly names: NameIndex;
	readonly fullText: FullTextIndex;
	readonly collector: Collector;
}

/**
 * Runs a query and answers `fallback` if it throws (a bug, never expected): a lookup must not take the bot down.
 * Every query clears the per-index scratch before it starts, so a failed one leaves nothing behind.
 */
function guarded<T>(run: () => T, fallback: T): T {
	try {
		return run();
	} catch {
		return fallback;
	}
}

function sanitizeLimit(limit: number | undefined, fallback: number, max: number): number {
	if (limit === undefined || !Number.isFinite(limit)) return Math.min(fallback, max);
	return Math.max(0, Math.min(Math.floor(limit), max));
}

/** The query in every spelling the tiers need; `withAsked` also works out the name a question asks about. */
function prepare(input: string, withAsked: boolean): PreparedQuery {
	const raw = boundInput(typeof input === 'string' ? input : '', MAX_QUERY_LENGTH);
	const normalized = boundInput(normalize(raw), MAX_QUERY_LENGTH * 2);
	const key = compactKey(normalized);
	let asked: PreparedQuery | null = null;
	if (withAsked) {
		const askedText = stripQuestion(normalized);
		const askedKey = compactKey(askedText);
		if (askedKey !== '' && askedKey !== key) {
			asked = { normalized: askedText, key: askedKey, jamo: decomposeHangul(askedKey), asked: null };
		}
	}
	return { normalized, key, jamo: decomposeHangul(key), asked };
}

/** Words of a normalised (single-spaced, trimmed) text. */
function wordCount(normalized: string): number {
	if (normalized === '') return 0;
	let words = 1;
	for (let i = 0; i < normalized.length; i++) if (normalized.charCodeAt(i) === 0x20) words++;
	return words;
}

// ---------------------------------------------------------------------------------------------------------------------
// Build helpers

/**
 * Rank of each concept for ties (0 = first): sections before terms (a heading is the note's own treatment of
 * the concept, a term is defined in passing inside one), then richer first (definition and facts length),
 * then id, then position.
 */
function richnessRanks(list: readonly Concept[]): Int32Array {
	const richness = new Float64Array(list.length);
	const isTerm = new Uint8Array(list.length);
	for (let c = 0; c < list.length; c++) {
		const concept = list[c];
		if (concept === undefined) continue;
		let size = concept.definition.length;
		for (const fact of concept.facts) size += fact.length;
		richness[c] = size;
		isTerm[c] = concept.kind === 'term' ? 1 : 0;
	}
	const order = Array.from({ length: list.length }, (_, c) => c);
	order.sort((a, b) => {
		const byKind = (isTerm[a] ?? 0) - (isTerm[b] ?? 0);
		if (byKind !== 0) return byKind;
		const byRichness = (richness[b] ?? 0) - (richness[a] ?? 0);
		if (byRichness !== 0) return byRichness;
		const idA = list[a]?.id ?? '';
		const idB = list[b]?.id ?? '';
		return idA < idB ? -1 : idA > idB ? 1 : a - b;
	});
	const rankOf = new Int32Array(list.length);
	for (let r = 0; r < order.length; r++) rankOf[order[r] ?? 0] = r;
	return rankOf;
}

/** Groups of concepts with the same compact title; members of each group sorted by rank. */
/**
 * The key under which concepts count as the same: the title's parts (split at brackets, `,` and `;`) compared by
 * `compactKey` in any order, so `UFW (Uncomplicated Firewall)` and `Uncomplicated Firewall (UFW)` are one concept,
 * as are `강제 접근 제어` and `강제접근제어`.
 */
export function sameNameKey(title: string): string {
	return title
		.split(/[()[\]（）,;]+/u)
		.map(compactKey)
		.filter((part) => part !== '')
		.sort()
		.join('|');
}

function titleGroups(
	titleKeys: readonly string[],
	rankOf: Int32Array,
): { groupOf: Int32Array; groupCount: number; groupStart: Int32Array; groupMembers: Int32Array } {
	const count = titleKeys.length;
	const groupOf = new Int32Array(count);
	const ids = new Map<string, number>();
	let groupCount = 0;
	for (let c = 0; c < count; c++) {
		const key = titleKeys[c] ?? '';
		let group = ids.get(key);
		if (group === undefined) {
			group = groupCount++;
			// Concepts without a usable title never collapse with each other.
			if (key !== '') ids.set(key, group);
		}
		groupOf[c] = group;
	}
	const groupStart = new Int32Array(groupCount + 1);
	for (let c = 0; c < count; c++) {
		const g = groupOf[c] ?? 0;
		groupStart[g + 1] = (groupStart[g + 1] ?? 0) + 1;
	}
	for (let g = 0; g < groupCount; g++) groupStart[g + 1] = (groupStart[g + 1] ?? 0) + (groupStart[g] ?? 0);
	const byRank = new Int32Array(count);
	for (let c = 0; c < count; c++) byRank[rankOf[c] ?? 0] = c;
	const fill = groupStart.slice(0, groupCount);
	const groupMembers = new Int32Array(count);
	for (const c of byRank) {
		const g = groupOf[c] ?? 0;
		const at = fill[g] ?? 0;
		groupMembers[at] = c;
		fill[g] = at + 1;
	}
	return { groupOf, groupCount, groupStart, groupMembers };
}

/**
 * The concepts shown for empty autocomplete input: top-level sections first, then the others; within each,
 * the ones with more children and more concepts pointing at them first, then by rank. One per title group.
 */
function centralConcepts(list: readonly Concept[], rankOf: Int32Array, groupOf: Int32Array): readonly Concept[] {
	const indexOfId = new Map<string, number>();
	for (let c = list.length - 1; c >= 0; c--) indexOfId.set(list[c]?.id ?? '', c);
	const inbound = new Int32Array(list.length);
	for (let source = 0; source < list.length; source++) {
		for (const id of list[source]?.relatedIds ?? []) {
			const c = indexOfId.get(id);
			if (c !== undefined && c !== source) inbound[c] = (inbound[c] ?? 0) + 1;
		}
	}
	const top = new Uint8Array(list.length);
	const centrality = new Int32Array(list.length);
	for (let c = 0; c < list.length; c++) {
		top[c] = list[c]?.parentId === null ? 1 : 0;
		centrality[c] = (list[c]?.childIds.length ?? 0) + 2 * (inbound[c] ?? 0);
	}
	const before = (a: number, b: number): boolean => {
		const topA = top[a] ?? 0;
		const topB = top[b] ?? 0;
		if (topA !== topB) return topA > topB;
		const centralityA = centrality[a] ?? 0;
		const centralityB = centrality[b] ?? 0;
		return centralityA !== centralityB ? centralityA > centralityB : (rankOf[a] ?? 0) < (rankOf[b] ?? 0);
	};
	const groupBest = new Map<number, number>();
	for (let c = 0; c < list.length; c++) {
		const g = groupOf[c] ?? 0;
		const best = groupBest.get(g);
		if (best === undefined || before(c, best)) groupBest.set(g, c);
	}
	const chosen: number[] = [];
	for (const c of groupBest.values()) insertBounded(chosen, c, MAX_AUTOCOMPLETE, before);
	return chosen.map((c) => list[c]).filter((concept): concept is Concept => concept !== undefined);
}

/** Inserts `item` into `sorted` (ordered by `before`), keeping at most `max` items. */
function insertBounded(sorted: number[], item: number, max: number, before: (a: number, b: number) => boolean): void {
	const last = sorted[sorted.length - 1];
	if (sorted.length >= max && (last === undefined || !before(item, last))) return;
	let at = sorted.length;
	while (at > 0 && before(item, sorted[at - 1] ?? 0)) at--;
	sorted.splice(at, 0, item);
	if (sorted.length > max) sorted.pop();
}

// ---------------------------------------------------------------------------------------------------------------------
// Collecting the best score per concept and per title group

function clear(collector: Collector): void {
	for (let t = 0; t < collector.touchedConceptCount; t++) {
		const c = collector.touchedConcepts[t] ?? 0;
		collector.bestScore[c] = -1;
		collector.bestName[c] = -1;
	}
	for (let t = 0; t < collector.touchedGroupCount; t++) collector.groupBest[collector.touchedGroups[t] ?? 0] = -1;
	collector.touchedConceptCount = 0;
	collector.touchedGroupCount = 0;
}

/** Records that concept `c` scores `score` through name `name` (-1: no name); keeps the best per concept and per group. */
function offer(engine: Engine, c: number, score: number, name: number): void {
	const { collector } = engine;
	const previous = collector.bestScore[c] ?? -1;
	if (score <= previous) return;
	if (previous < 0) collector.touchedConcepts[collector.touchedConceptCount++] = c;
	collector.bestScore[c] = score;
	collector.bestName[c] = name;
	const g = engine.groupOf[c] ?? 0;
	const best = collector.groupBest[g] ?? -1;
	if (best < 0) {
		collector.groupBest[g] = c;
		collector.touchedGroups[collector.touchedGroupCount++] = g;
	} else if (best !== c && ranksBefore(engine, c, best)) {
		collector.groupBest[g] = c;
	}
}

function ranksBefore(engine: Engine, a: number, b: number): boolean {
	const scoreA = engine.collector.bestScore[a] ?? -1;
	const scoreB = engine.collector.bestScore[b] ?? -1;
	return scoreA !== scoreB ? scoreA > scoreB : (engine.rankOf[a] ?? 0) < (engine.rankOf[b] ?? 0);
}

/** The best concept of each touched group, best first, at most `limit`. */
function selectTop(engine: Engine, limit: number): number[] {
	const { collector } = engine;
	const top: number[] = [];
	const before = (a: number, b: number): boolean => ranksBefore(engine, a, b);
	for (let t = 0; t < collector.touchedGroupCount; t++) {
		insertBounded(top, collector.groupBest[collector.touchedGroups[t] ?? 0] ?? 0, limit, before);
	}
	return top;
}

// ---------------------------------------------------------------------------------------------------------------------
// Queries

function titleBonus(names: NameIndex, n: number): number {
	return names.kind[n] === NAME_TITLE ? 0.05 : 0;
}

function exactShare(names: NameIndex, n: number): number {
	const kind = names.kind[n];
	return kind === NAME_TITLE ? 0.9 : kind === NAME_ALIAS ? 0.8 : 0.7;
}

/** Offers the names matching a 초성 or mixed 초성 query at `base`. */
function collectInitials(engine: Engine, query: PreparedQuery, base: number): void {
	const pureInitials = isInitialsQuery(query.normalized);
	if (!pureInitials && !isMixedInitialsQuery(query.normalized)) return;
	const { names } = engine;
	const pattern = initialConsonants(query.key);
	if (pattern === '') return;
	const [from, to] = prefixRange(names.byInitials, names.initials, pattern);
	for (let i = from; i < to; i++) {
		const n = names.byInitials[i] ?? 0;
		if (!pureInitials && !matchesInitialsPattern(names.key[n] ?? '', query.key)) continue;
		const share = 0.85 * (pattern.length / Math.max(pattern.length, (names.initials[n] ?? '').length));
		offer(engine, names.owner[n] ?? 0, base + share + titleBonus(names, n), n);
	}
}

/** Offers the names within the allowed edit distance of the query at `base`. */
function collectTypos(engine: Engine, query: PreparedQuery, base: number): void {
	const { names } = engine;
	const queryLength = query.jamo.length;
	if (queryLength < 2 || queryLength > MAX_DISTANCE_LENGTH) return;
	const max = allowedDistance(queryLength);
	if (max <= 0) return;
	const queryGrams = distinctGramCount(query.jamo);
	forEachGramCandidate(names, query.jamo, queryLength - max, queryLength + max, (n, shared) => {
		const nameLength = names.jamoLength[n] ?? 0;
		const allowed = Math.min(max, allowedDistance(Math.min(queryLength, nameLength)));
		if (allowed <= 0 || shared < queryGrams - 3 * allowed) return;
		const longer = Math.max(queryLength, nameLength);
		const distance = nameDistance(names, query.jamo, n, allowed);
		if (distance === 0 || distance > allowed) return;
		offer(engine, names.owner[n] ?? 0, base + 0.9 * (1 - distance / longer) + titleBonus(names, n), n);
	});
}

function search(engine: Engine, input: string, limit: number): SearchHit[] {
	const { names, collector } = engine;
	clear(collector);
	if (limit <= 0) return [];
	const query = prepare(input, true);
	let exactFound = false;
	if (query.key !== '') {
		const [from, to] = prefixRange(names.byJamo, names.jamo, query.jamo);
		for (let i = from; i < to; i++) {
			const n = names.byJamo[i] ?? 0;
			const key = names.key[n] ?? '';
			const owner = names.owner[n] ?? 0;
			if (key === query.key) {
				exactFound = true;
				offer(engine, owner, TIER_EXACT + exactShare(names, n), n);
			} else if (key.startsWith(query.key)) {
				offer(engine, owner, TIER_PREFIX + 0.85 * (query.key.length / key.length) + titleBonus(names, n), n);
			}
		}
		collectInitials(engine, query, TIER_INITIALS);
	}
	if (!exactFound && query.asked !== null) collectAskedName(engine, query.asked);
	const initialsOnly = isInitialsQuery(query.normalized);
	// A query that names, starts or abbreviates a name is no typo; a sentence is left to the full text.
	if (collector.touchedGroupCount === 0 && query.key !== '' && !initialsOnly) {
		if (wordCount(query.normalized) <= MAX_TYPO_WORDS) collectTypos(engine, query, TIER_TYPO);
		if (query.asked !== null && wordCount(query.asked.normalized) <= MAX_TYPO_WORDS) {
			collectTypos(engine, query.asked, TIER_TYPO);
		}
	}
	if (!initialsOnly && collector.touchedGroupCount < limit) {
		searchFullText(engine.fullText, query.normalized, (d, s) => {
			offer(engine, d, TIER_FULLTEXT + Math.min(0.999, s / (s + FULLTEXT_HALF_SCORE)), -1);
		});
	}
	const hits = selectTop(engine, limit).map((c) => toHit(engine, c));
	clear(collector);
	return hits;
}

/**
 * Name tiers for the name a question asks about (`SELinux는 뭐야?` → `selinux`), a little below the same
 * tiers for the query as typed.
 */
function collectAskedName(engine: Engine, asked: PreparedQuery): void {
	const { names } = engine;
	const [from, to] = prefixRange(names.byJamo, names.jamo, asked.jamo);
	for (let i = from; i < to; i++) {
		const n = names.byJamo[i] ?? 0;
		const key = names.key[n] ?? '';
		const owner = names.owner[n] ?? 0;
		if (key === asked.key) {
			offer(engine, owner, TIER_EXACT + exactShare(names, n) - ASKED_PENALTY, n);
		} else if (key.startsWith(asked.key)) {
			const share = 0.85 * (asked.key.length / key.length) + titleBonus(names, n) - ASKED_PENALTY;
			offer(engine, owner, TIER_PREFIX + Math.max(0, share), n);
		}
	}
}

function toHit(engine: Engine, c: number): SearchHit {
	const { collector, names, list } = engine;
	const score = collector.bestScore[c] ?? 0;
	const tier = Math.max(0, Math.min(TIER_EXACT, Math.floor(score)));
	const name = collector.bestName[c] ?? -1;
	const g = engine.groupOf[c] ?? 0;
	const matched: number[] = [];
	const others: number[] = [];
	for (let m = engine.groupStart[g] ?? 0, end = engine.groupStart[g + 1] ?? 0; m < end; m++) {
		const member = engine.groupMembers[m] ?? 0;
		if (member === c) continue;
		if ((collector.bestScore[member] ?? -1) >= 0) matched.push(member);
		else others.push(member);
	}
	matched.sort((a, b) => (ranksBefore(engine, a, b) ? -1 : ranksBefore(engine, b, a) ? 1 : 0));
	const alsoIn: Concept[] = [];
	for (const member of matched.concat(others)) {
		const concept = list[member];
		if (concept !== undefined) alsoIn.push(concept);
	}
	return {
		concept: list[c] as Concept,
		score,
		match: MATCH_KINDS[tier] ?? 'fulltext',
		matchedName: tier > TIER_FULLTEXT && name >= 0 ? (names.text[name] ?? null) : null,
		alsoIn,
	};
}

/** Autocomplete tiers: exact name 5, starts with the typed syllables 4, with the typed keys or 초성 3, contains 2, typo 1. */
function autocomplete(engine: Engine, input: string, limit: number, central: readonly Concept[]): Concept[] {
	const { names, collector } = engine;
	clear(collector);
	if (limit <= 0) return [];
	const query = prepare(input, false);
	if (query.key === '') return central.slice(0, limit);
	const [from, to] = prefixRange(names.byJamo, names.jamo, query.jamo);
	for (let i = from; i < to; i++) {
		const n = names.byJamo[i] ?? 0;
		const key = names.key[n] ?? '';
		const owner = names.owner[n] ?? 0;
		if (key === query.key) offer(engine, owner, 5 + exactShare(names, n), n);
		else if (key.startsWith(query.key))
			offer(engine, owner, 4 + 0.85 * (query.key.length / key.length) + titleBonus(names, n), n);
		else
			offer(
				engine,
				owner,
				3 + 0.85 * (query.jamo.length / Math.max(1, (names.jamo[n] ?? '').length)) + titleBonus(names, n),
				n,
			);
	}
	collectInitials(engine, query, 3);
	if (collector.touchedGroupCount < limit) collectContaining(engine, query, 2);
	if (collector.touchedGroupCount < limit && !isInitialsQuery(query.normalized)) collectTypos(engine, query, 1);
	const concepts = selectTop(engine, limit).map((c) => engine.list[c] as Concept);
	clear(collector);
	return concepts;
}

/**
 * Offers names whose spelling contains the input after their first character, earlier and shorter first.
 * Input without Hangul is looked for in the compact keys: same answer, and a Latin letter or digit is not
 * slowed down by the jamo whose low byte it shares (`1` is 0x31, `ㄱ` is U+3131).
 */
function collectContaining(engine: Engine, query: PreparedQuery, base: number): void {
	const { names } = engine;
	const plain = query.jamo === query.key;
	const needle = plain ? query.key : query.jamo;
	const spellings = plain ? names.key : names.jamo;
	const check = (n: number): void => {
		const spelling = spellings[n] ?? '';
		const at = spelling.indexOf(needle, 1);
		if (at < 0) return;
		const share = 0.5 / (1 + at) + 0.4 * (needle.length / spelling.length);
		offer(engine, names.owner[n] ?? 0, base + share, n);
	};
	const postings = rarestGramPostings(names, query.jamo);
	if (postings === null) {
		for (let n = 0; n < names.count; n++) check(n);
		return;
	}
	for (let p = postings[0]; p < postings[1]; p++) check(names.gramNames[p] ?? 0);
}

/**
 * Nearest names by edit distance over jamo: similarity 1 − distance / longer length, or 0.8 × the similarity of
 * the query to the name's start when that is higher; names under {@link SUGGEST_MIN_SIMILARITY} are left out.
 */
function suggest(engine: Engine, input: string, limit: number): Concept[] {
	const { names, collector } = engine;
	clear(collector);
	if (limit <= 0) return [];
	const query = prepare(input, false);
	if (query.key === '') return [];
	const jamo = query.jamo.slice(0, SUGGEST_MAX_LENGTH);
	const queryLength = jamo.length;
	// Names that start like the query first, then those sharing most jamo bigrams with it.
	const [from, to] = prefixRange(names.byJamo, names.jamo, jamo);
	const candidates: number[] = [];
	for (let i = from; i < to && candidates.length < SUGGEST_CANDIDATES; i++) candidates.push(names.byJamo[i] ?? 0);
	const prefixed = new Set(candidates);
	const shared: number[] = [];
	const gramNames: number[] = [];
	const order: number[] = [];
	const before = (a: number, b: number): boolean => {
		const sa = shared[a] ?? 0;
		const sb = shared[b] ?? 0;
		return sa !== sb ? sa > sb : (gramNames[a] ?? 0) < (gramNames[b] ?? 0);
	};
	// A name sharing fewer bigrams cannot reach the minimum similarity, even as a prefix.
	const minShared = Math.max(1, Math.floor(0.25 * (queryLength - 1)));
	const room = SUGGEST_CANDIDATES - candidates.length;
	const [shortest, longest] = [Math.max(1, Math.floor(queryLength / 2)), queryLength * 2 + 2];
	forEachGramCandidate(names, jamo, shortest, longest, (n, count) => {
		if (count < minShared || prefixed.has(n) || room <= 0) return;
		const last = order[order.length - 1];
		if (order.length >= room && last !== undefined && count <= (shared[last] ?? 0)) return;
		shared.push(count);
		gramNames.push(n);
		insertBounded(order, gramNames.length - 1, room, before);
	});
	for (const slot of order) candidates.push(gramNames[slot] ?? 0);
	const wholeShare = 1 - SUGGEST_MIN_SIMILARITY;
	const startShare = 1 - SUGGEST_MIN_SIMILARITY / SUGGEST_PREFIX_WEIGHT;
	for (const n of candidates) {
		const spelling = (names.jamo[n] ?? '').slice(0, SUGGEST_MAX_LENGTH);
		const longer = Math.max(1, queryLength, spelling.length);
		// Distances past these bounds give a similarity under the minimum: the banded distance stops there.
		const wholeMax = Math.floor(wholeShare * longer);
		const wholeDistance = boundedDistance(jamo, spelling, wholeMax, names.distance);
		const whole = wholeDistance <= wholeMax ? 1 - wholeDistance / longer : 0;
		let similarity = whole;
		if (spelling.length > queryLength) {
			const startMax = Math.floor(startShare * queryLength);
			const startDistance = boundedDistance(jamo, spelling.slice(0, queryLength), startMax, names.distance);
			if (startDistance <= startMax)
				similarity = Math.max(similarity, SUGGEST_PREFIX_WEIGHT * (1 - startDistance / queryLength));
		}
		// Equal similarities: the name nearer as a whole first.
		if (similarity >= SUGGEST_MIN_SIMILARITY) offer(engine, names.owner[n] ?? 0, similarity + 0.001 * whole, n);
	}
	const concepts = selectTop(engine, limit).map((c) => engine.list[c] as Concept);
	clear(collector);
	return concepts;
}
