/**
 * Quiz generation over the public study notes of ../shared/corpus (read in place, never copied) and the default
 * notes: ~6,000 concepts of real, untidy Korean and English notes, to keep the rules general. Skipped with a printed
 * reason when the corpus is absent, except in CI, where its absence is a failure.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { Concept } from '../../src/notes/concept.ts';
import { buildQuestionPool, hasDuplicateOptions, leaks, QUESTION_LIMITS } from '../../src/quiz/generate.ts';
import { MASK } from '../../src/quiz/mask.ts';
import type { QuestionKind } from '../../src/quiz/question.ts';
import { compactKey, normalize } from '../../src/search/normalize.ts';
import { CORPUS_DIR, corpusAvailable } from '../support/corpus.ts';
import { loadConcepts } from '../support/notes.ts';

/**
 * The pool held 12,111 questions when this test was written (term 3,073, definition 3,020, acronym 27, expansion 27,
 * applies-to 2,115, true-false 3,849); a large drop means a rule broke.
 */
const MIN_QUESTIONS: Record<QuestionKind, number> = {
	term: 2700,
	definition: 2700,
	acronym: 20,
	expansion: 20,
	'applies-to': 1800,
	'true-false': 3400,
};
/** Far above the ~1 s it takes on a loaded 2-core machine; only catches work that grows out of bounds. */
const MAX_BUILD_MS = 10_000;

if (corpusAvailable('quiz corpus')) {
	const concepts = await loadConcepts([path.join(PROJECT_DIR, 'data/notes'), CORPUS_DIR]);
	const started = performance.now();
	const pool = buildQuestionPool(concepts);
	const buildMs = performance.now() - started;
	const byId = new Map(concepts.map((concept) => [concept.id, concept]));
	const conceptOf = (id: string): Concept => byId.get(id) as Concept;

	describe('quiz questions over the notes corpus (../shared/corpus)', () => {
		it('builds a large pool of every kind, quickly', () => {
			console.log(
				`quiz corpus: ${pool.questions.length} questions from ${concepts.length} concepts in ${buildMs.toFixed(0)} ms`,
			);
			for (const [kind, min] of Object.entries(MIN_QUESTIONS)) {
				expect(pool.questions.filter((q) => q.kind === kind).length, kind).toBeGreaterThan(min);
			}
			expect(buildMs).toBeLessThan(MAX_BUILD_MS);
		});

		it('never shows the answer and never repeats an option', () => {
			expect(pool.questions.filter((q) => leaks(q, conceptOf(q.conceptId))).map((q) => q.id)).toEqual([]);
			expect(pool.questions.filter(hasDuplicateOptions).map((q) => q.id)).toEqual([]);
		});

		it('never names the answer in a term stem, by plain normalised text either', () => {
			const named = pool.questions.filter((q) => {
				if (q.kind !== 'term') return false;
				const concept = conceptOf(q.conceptId);
				const stem = normalize(q.stem);
				// Names of three letters or fewer are checked as words by leaks(), not as substrings.
				return [concept.title, ...concept.aliases].some(
					(name) => compactKey(name).length > 3 && stem.includes(normalize(name)),
				);
			});
			expect(named.map((q) => q.id)).toEqual([]);
		});

		it('keeps to the limits, the id alphabet and the option counts, with unique ids and no pings', () => {
			const broken = pool.questions.filter(
				(q) =>
					!/^[a-z0-9-]{1,24}$/.test(q.id) ||
					q.stem.length > QUESTION_LIMITS.stem ||
					q.explanation.length > QUESTION_LIMITS.explanation ||
					q.options.length !== (q.kind === 'true-false' ? 2 : 4) ||
					q.options.some(
						(option) => option.length > QUESTION_LIMITS.option || option.replaceAll(MASK, '').trim() === '',
					) ||
					q.answer < 0 ||
					q.answer >= q.options.length ||
					/@(everyone|here)\b/.test([q.stem, ...q.options, q.explanation].join('\n')) ||
					conceptOf(q.conceptId).definition.trim() === '',
			);
			expect(broken.map((q) => q.id)).toEqual([]);
			expect(new Set(pool.questions.map((q) => q.id)).size).toBe(pool.questions.length);
		});
	});
}
