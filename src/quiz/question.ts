import type { SourceRef } from '../notes/concept.ts';

/**
 * How a question was made from a concept:
 * - `term`: the concept's definition (names masked) → which term;
 * - `definition`: the term → which definition;
 * - `acronym`: an acronym → its expansion;
 * - `expansion`: an expansion (acronym masked) → the acronym;
 * - `applies-to`: which of these facts belongs to the concept (distractors are facts of sibling concepts);
 * - `true-false`: a statement about the concept, true or false.
 */
export type QuestionKind = 'term' | 'definition' | 'acronym' | 'expansion' | 'applies-to' | 'true-false';

/** Every kind, for checking stored records. */
export const QUESTION_KINDS: readonly QuestionKind[] = [
	'term',
	'definition',
	'acronym',
	'expansion',
	'applies-to',
	'true-false',
];

/** One question generated from the notes. Immutable; safe to persist as JSON (a daily post keeps a snapshot). */
export interface Question {
	/** Stable id derived from the concept's source text and the kind: editing the note retires the question. At most 24 characters of `[a-z0-9-]`. */
	readonly id: string;
	readonly kind: QuestionKind;
	/** The concept the question is about. */
	readonly conceptId: string;
	/**
	 * What is asked, Discord Markdown, at most 1000 characters. Never contains the correct term or any of its aliases
	 * when options are terms: they are masked as `▢▢▢`.
	 */
	readonly stem: string;
	/**
	 * Four options for multiple choice, exactly `['True', 'False']` for true/false; Discord Markdown, each at most 200
	 * characters, distinct after normalisation, in an order fixed by the id.
	 */
	readonly options: readonly string[];
	/** Index of the correct option. */
	readonly answer: number;
	/** Shown once a member has answered: why the answer is right, from the notes (may name the answer); at most 600 characters. */
	readonly explanation: string;
	readonly source: SourceRef;
	/** The topic the question counts towards in statistics: the top heading of its source, or the file name. */
	readonly topic: string;
}
