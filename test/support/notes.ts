import type { Concept } from '../../src/notes/concept.ts';
import { loadNotes } from '../../src/notes/load.ts';

/** The concepts of several notes folders, in the order given (for tests and the benchmark that mix folders). */
export async function loadConcepts(dirs: readonly string[]): Promise<Concept[]> {
	const all: Concept[] = [];
	for (const dir of dirs) all.push(...(await loadNotes(dir)).concepts);
	return all;
}
