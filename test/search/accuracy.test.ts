import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { Concept } from '../../src/notes/concept.ts';
import { buildSearchIndex } from '../../src/search/index.ts';
import { CORPUS_DIR, corpusAvailable } from '../support/corpus.ts';
import { loadConcepts } from '../support/notes.ts';
import { isRightAnswer, type LabelledQuery, QUERIES } from './queries.ts';

/** The product promise: the first answer is right for at least 95% of what members type. */
const MIN_HIT_AT_1 = 0.95;

function score(all: readonly Concept[], queries: readonly LabelledQuery[]): { hitAt1: number; misses: string[] } {
	const index = buildSearchIndex(all);
	const misses = queries
		.map((query) => ({ query, top: index.search(query.query, { limit: 1 })[0]?.concept }))
		.filter(({ query, top }) => !isRightAnswer(query, top))
		.map(({ query, top }) => `${query.kind} "${query.query}" → ${top?.title ?? '(nothing)'} (want ${query.accept[0]})`);
	return { hitAt1: 1 - misses.length / queries.length, misses };
}

const DEFAULT_DIRS = [path.join(PROJECT_DIR, 'data/notes'), path.join(PROJECT_DIR, 'test/fixtures/query-notes')];

describe('search accuracy on the labelled query set', () => {
	it('has at least 60 labelled queries over the default notes and the fixtures, of every kind', () => {
		const own = QUERIES.filter((query) => query.set !== 'born2beroot');
		expect(own.length).toBeGreaterThanOrEqual(60);
		expect(new Set(own.map((query) => query.kind))).toEqual(
			new Set(['exact', 'spacing', 'prefix', 'initials', 'typo', 'fulltext']),
		);
	});

	it('answers at least 95% of them right at rank 1 over the default notes and fixtures', async () => {
		const { hitAt1, misses } = score(
			await loadConcepts(DEFAULT_DIRS),
			QUERIES.filter((query) => query.set !== 'born2beroot'),
		);
		if (misses.length > 0) console.log(`misses:\n  ${misses.join('\n  ')}`);
		expect(hitAt1).toBeGreaterThanOrEqual(MIN_HIT_AT_1);
	});
});

if (corpusAvailable('search accuracy with the corpus')) {
	describe('search accuracy with the whole corpus as distractors', () => {
		it('still answers at least 95% of every query right at rank 1', async () => {
			const { hitAt1, misses } = score(await loadConcepts([...DEFAULT_DIRS, CORPUS_DIR]), QUERIES);
			if (misses.length > 0) console.log(`misses:\n  ${misses.join('\n  ')}`);
			expect(hitAt1).toBeGreaterThanOrEqual(MIN_HIT_AT_1);
		});
	});
}
