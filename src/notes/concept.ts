/** Where a concept was written: the note file (relative to the notes folder, `/`-separated), its heading path and the 1-based line of its heading or term. */
export interface SourceRef {
	readonly file: string;
	readonly headingPath: readonly string[];
	readonly line: number;
}

/** How a concept was recognised: a heading section, or a term defined inside a section's list or paragraph. */
export type ConceptKind = 'section' | 'term';

/**
 * One concept of the index. Produced by the notes parser, never mutated afterwards.
 * Text fields are Discord-ready Markdown: HTML stripped, images dropped, links kept, `<kbd>` as code.
 */
export interface Concept {
	/** Stable id: `<file slug>#<title slug>`, disambiguated by the parent's slug (and then a counter) only when a file repeats a title. */
	readonly id: string;
	readonly title: string;
	/** Other names: parts of bilingual or acronym titles, expansion lines, front matter `aliases:`. Never contains the title itself. */
	readonly aliases: readonly string[];
	/** One paragraph saying what the concept is; empty when the note gives none. */
	readonly definition: string;
	/** The whole section (without child sections), rendered for Discord. */
	readonly body: string;
	readonly source: SourceRef;
	readonly kind: ConceptKind;
	readonly parentId: string | null;
	readonly childIds: readonly string[];
	/** Concepts this one points at: resolved `[[wiki links]]` first, then other concepts of the same file named in its text. */
	readonly relatedIds: readonly string[];
	/** Plain sentences from the concept's bullet items and short lines, for quizzes. */
	readonly facts: readonly string[];
	/** Front matter `tags:` of its file. */
	readonly tags: readonly string[];
}

/** A note file that was skipped or read with a problem; `file` is relative to the notes folder. */
export interface NoteWarning {
	readonly file: string;
	readonly reason: string;
}
