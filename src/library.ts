import { fnv1a64Base36 } from './hash.ts';
import type { Concept, NoteWarning } from './notes/concept.ts';
import { type FileReport, loadNotes } from './notes/load.ts';
import { buildQuestionPool, type QuestionPool } from './quiz/generate.ts';
import { buildSearchIndex, type SearchIndex } from './search/index.ts';

/**
 * Everything the bot and the CLI know about the notes: the search index, the per-file report (for lint)
 * and short keys that name a concept inside a Discord `custom_id` (ids can be longer than its 100 characters).
 */
export interface Library {
	readonly index: SearchIndex;
	/** Every quiz question the notes give. */
	readonly questions: QuestionPool;
	readonly files: readonly FileReport[];
	readonly warnings: readonly NoteWarning[];
	/** A short, stable key for a concept id: the same id gives the same key across restarts. */
	keyOf(conceptId: string): string;
	/** The concept a key names, or undefined when the notes changed and it is gone. */
	byKey(key: string): Concept | undefined;
}

/** 64-bit FNV-1a of the id in base 36 (at most 13 characters): stable, short, and collisions are checked at build time. */
export function conceptKey(conceptId: string): string {
	return fnv1a64Base36(conceptId);
}

/** Builds a library from concepts already read; throws if two ids ever share a key, rather than open the wrong card. */
export function buildLibrary(
	concepts: readonly Concept[],
	files: readonly FileReport[] = [],
	warnings: readonly NoteWarning[] = [],
): Library {
	const index = buildSearchIndex(concepts);
	const byKey = new Map<string, Concept>();
	for (const concept of concepts) {
		const key = conceptKey(concept.id);
		const clash = byKey.get(key);
		if (clash !== undefined)
			throw new Error(`library: concept ids "${clash.id}" and "${concept.id}" share the key ${key}`);
		byKey.set(key, concept);
	}
	return {
		index,
		questions: buildQuestionPool(concepts),
		files,
		warnings,
		keyOf: conceptKey,
		byKey: (key) => byKey.get(key),
	};
}

/** Reads a notes folder (recursively) and builds its library. */
export async function openLibrary(notesDir: string, options: { maxFileBytes?: number } = {}): Promise<Library> {
	const loaded = await loadNotes(notesDir, options);
	return buildLibrary(loaded.concepts, loaded.files, loaded.warnings);
}
