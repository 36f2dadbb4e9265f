/**
 * Properties of the search index over the default notes and the fixtures: any Unicode query, however broken or
 * long, gets well-formed answers from `search`, `autocomplete` and `suggest` within a bounded time; and the names
 * the notes give are always found, so a query that failed inside the index (which answers `[]` rather than throw)
 * cannot pass unnoticed.
 */
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { Concept } from '../../src/notes/concept.ts';
import { buildSearchIndex, type MatchKind, type SearchHit, type SearchIndex } from '../../src/search/index.ts';
import { loadConcepts } from '../support/notes.ts';
import { propertyParameters } from '../support/property.ts';

const NOTE_DIRS = ['data/notes', 'test/fixtures/notes', 'test/fixtures/query-notes'].map((dir) =>
	path.join(PROJECT_DIR, dir),
);
/** Generous per-call bound on a slow shared machine; answers normally take well under a millisecond. */
const MAX_QUERY_MS = 200;
const MAX_AUTOCOMPLETE = 25;
const DEFAULT_SEARCH_LIMIT = 10;
const DEFAULT_SUGGEST_LIMIT = 5;
/** Each tier's scores lie in [base, base + 1). */
const TIER_BASE: Readonly<Record<MatchKind, number>> = { exact: 4, prefix: 3, initials: 2, typo: 1, fulltext: 0 };

let index: SearchIndex;
let concepts: readonly Concept[];
let known: ReadonlySet<Concept>;

beforeAll(async () => {
	concepts = await loadConcepts(NOTE_DIRS);
	index = buildSearchIndex(concepts);
	known = new Set(concepts);
});

function timed<T>(what: string, run: () => T): T {
	const started = performance.now();
	const result = run();
	const elapsedMs = performance.now() - started;
	expect(elapsedMs, `${what} took ${elapsedMs.toFixed(1)} ms`).toBeLessThan(MAX_QUERY_MS);
	return result;
}

/** The most results a call may return for `limit` (see `sanitizeLimit`: missing or not finite → the default). */
function expectedMax(limit: number | undefined, fallback: number, max: number): number {
	if (limit === undefined || !Number.isFinite(limit)) return Math.min(fallback, max);
	return Math.max(0, Math.min(Math.floor(limit), max));
}

function expectWellFormedHits(hits: readonly SearchHit[], max: number): void {
	expect(Array.isArray(hits)).toBe(true);
	expect(hits.length).toBeLessThanOrEqual(max);
	const seen = new Set<string>();
	let previous = Number.POSITIVE_INFINITY;
	for (const hit of hits) {
		expect(known.has(hit.concept), `hit ${hit.concept.id} is a concept of the index`).toBe(true);
		expect(Number.isFinite(hit.score), `score of ${hit.concept.id}`).toBe(true);
		const base = TIER_BASE[hit.match];
		expect(base, `match kind ${hit.match}`).toBeDefined();
		expect(hit.score).toBeGreaterThanOrEqual(base);
		expect(hit.score).toBeLessThan(base + 1);
		expect(hit.score, 'hits are sorted by score').toBeLessThanOrEqual(previous);
		previous = hit.score;
		expect(hit.matchedName === null || typeof hit.matchedName === 'string').toBe(true);
		for (const concept of [hit.concept, ...hit.alsoIn]) {
			expect(known.has(concept)).toBe(true);
			expect(seen.has(concept.id), `${concept.id} appears once`).toBe(false);
			seen.add(concept.id);
		}
	}
}

function expectWellFormedConcepts(list: readonly Concept[], max: number): void {
	expect(Array.isArray(list)).toBe(true);
	expect(list.length).toBeLessThanOrEqual(max);
	expect(list.every((concept) => known.has(concept))).toBe(true);
	expect(new Set(list.map((concept) => concept.id)).size, 'no concept twice').toBe(list.length);
}

/** Calls all three entry points with `query`, checking shape and time. */
function checkQuery(query: string, limit?: number): void {
	const label = `${JSON.stringify(query.slice(0, 40))}${query.length > 40 ? `… (${query.length} chars)` : ''}`;
	const hits = timed(`search ${label}`, () => index.search(query, limit === undefined ? undefined : { limit }));
	expectWellFormedHits(hits, expectedMax(limit, DEFAULT_SEARCH_LIMIT, index.size));
	const completions = timed(`autocomplete ${label}`, () => index.autocomplete(query, limit));
	expectWellFormedConcepts(completions, expectedMax(limit, MAX_AUTOCOMPLETE, MAX_AUTOCOMPLETE));
	const suggestions = timed(`suggest ${label}`, () => index.suggest(query, limit));
	expectWellFormedConcepts(suggestions, expectedMax(limit, DEFAULT_SUGGEST_LIMIT, index.size));
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

const codePoints = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCodePoint(c));
const stringOf = (unit: fc.Arbitrary<string>, maxLength = 40) => fc.string({ unit, maxLength });

const hangulSyllables = stringOf(codePoints(0xac00, 0xd7a3));
/** Conjoining jamo (leading, vowel, trailing) and compatibility jamo, the 초성 users type. */
const hangulJamo = stringOf(fc.oneof(codePoints(0x1100, 0x11ff), codePoints(0x3131, 0x318e)));
const combiningMarks = stringOf(
	fc.oneof(
		codePoints(0x0300, 0x036f),
		codePoints(0x1ab0, 0x1aff),
		codePoints(0x20d0, 0x20ff),
		fc.constantFrom('a', '가'),
	),
);
const loneSurrogates = stringOf(fc.oneof(codePoints(0xd800, 0xdfff), fc.constantFrom('a', '가', '😀')));
const whitespace = stringOf(
	fc.constantFrom(
		' ',
		'\t',
		'\n',
		'\r',
		'\u00a0',
		'\u1680',
		'\u2000',
		'\u200a',
		'\u2028',
		'\u2029',
		'\u3000',
		'\ufeff',
		'\u200b',
	),
);
/** Characters NFKC expands many times over (`ﷺ` becomes 18), fullwidth Latin and ligatures. */
const expanding = stringOf(fc.constantFrom('ﷺ', '㍿', 'ﬃ', '㈱', 'Ａ', 'ｓｅｌｉｎｕｘ', '①', 'ǅ', 'ß', 'İ'));
const punctuation = stringOf(fc.constantFrom(...'!?.,:;()[]{}<>/\\|"\'`~@#$%^&*-_=+ ', '？', '。', '、'));
/** Very long inputs: far past the 200 characters a query is cut to. */
const long = fc
	.tuple(
		fc.oneof(
			fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
			fc.constantFrom('가', 'a ', 'ㅎ', '😀', '\ud800'),
		),
		fc.integer({ min: 200, max: 100_000 }),
	)
	.map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));

const anyQuery = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 60 }),
	fc.string({ unit: 'grapheme', maxLength: 60 }),
	hangulSyllables,
	hangulJamo,
	combiningMarks,
	loneSurrogates,
	whitespace,
	expanding,
	punctuation,
	long,
);

const limits = fc.option(
	fc.oneof(
		fc.integer({ min: -5, max: 60 }),
		fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5, 2.7, -0.1, 1e9),
	),
	{ nil: undefined },
);

/** A name the notes give (a title or an alias), picked from the index once it is built. */
const noteName = fc.nat().map((n) => {
	const concept = concepts[n % concepts.length] as Concept;
	const names = [concept.title, ...concept.aliases];
	return { concept, name: names[Math.floor(n / concepts.length) % names.length] ?? concept.title };
});

/** The same name written another way: case, width, spacing and punctuation that the index ignores. */
const respelled = fc
	.tuple(noteName, fc.constantFrom('upper', 'lower', 'spaced', 'fullwidth', 'padded', 'punctuated'))
	.map(([{ concept, name }, how]) => {
		switch (how) {
			case 'upper':
				return { concept, name, query: name.toUpperCase() };
			case 'lower':
				return { concept, name, query: name.toLowerCase() };
			case 'spaced':
				return { concept, name, query: name.replace(/\s+/g, '') };
			case 'fullwidth':
				return { concept, name, query: name.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)) };
			case 'padded':
				return { concept, name, query: `  \t${name}\u3000 ` };
			default:
				return { concept, name, query: `${name}?!` };
		}
	});

describe('the search index on any query', () => {
	it('answers search, autocomplete and suggest with well-formed results in bounded time', () => {
		fc.assert(
			fc.property(anyQuery, limits, (query, limit) => {
				checkQuery(query, limit);
			}),
			propertyParameters(1_500),
		);
	});

	it('answers queries that mix note names with noise', () => {
		const mixed = fc
			.tuple(noteName, anyQuery, fc.constantFrom('before', 'after', 'inside'))
			.map(([{ name }, noise, where]) =>
				where === 'before'
					? `${noise}${name}`
					: where === 'after'
						? `${name}${noise}`
						: `${name.slice(0, name.length >> 1)}${noise}${name.slice(name.length >> 1)}`,
			);
		fc.assert(
			fc.property(mixed, limits, (query, limit) => {
				checkQuery(query, limit);
			}),
			propertyParameters(600),
		);
	});
});

describe('the search index on the names the notes give', () => {
	it('finds every title and alias, however it is cased, spaced or widened, as an exact name match', () => {
		fc.assert(
			fc.property(respelled, ({ concept, name, query }) => {
				if (query.length > 200 || !/[\p{L}\p{N}]/u.test(name)) return;
				const [top] = timed(`search ${JSON.stringify(query)}`, () => index.search(query));
				expect(top?.match, `${JSON.stringify(query)} (a name of ${concept.id})`).toBe('exact');
			}),
			propertyParameters(600),
		);
	});

	it('autocompletes every prefix of a title and suggests something for every title', () => {
		const prefixes = fc.tuple(noteName, fc.integer({ min: 1, max: 40 })).map(([{ concept }, length]) => ({
			concept,
			prefix: [...concept.title].slice(0, length).join(''),
		}));
		fc.assert(
			fc.property(prefixes, ({ concept, prefix }) => {
				if (!/[\p{L}\p{N}]/u.test(prefix)) return;
				const completions = timed(`autocomplete ${JSON.stringify(prefix)}`, () => index.autocomplete(prefix));
				expect(completions.length, `completions of ${JSON.stringify(prefix)}`).toBeGreaterThan(0);
				const suggestions = timed(`suggest ${JSON.stringify(concept.title)}`, () => index.suggest(concept.title));
				expect(suggestions.length, `suggestions for ${JSON.stringify(concept.title)}`).toBeGreaterThan(0);
			}),
			propertyParameters(600),
		);
	});
});
