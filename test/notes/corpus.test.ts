/**
 * The parser over the public study notes of ../shared/corpus (next to the repository, never copied into it):
 * ~385 English and Korean files, to keep the rules general. Skipped with a printed reason when the folder is
 * absent, except in CI, where its absence is a failure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkNotes } from '../../src/notes/link.ts';
import { type ParsedNote, parseNote } from '../../src/notes/parse.ts';
import { CORPUS_DIR, corpusAvailable } from '../support/corpus.ts';

/** The corpus gave 6020 concepts when this test was written; a large drop means a rule broke. */
const MIN_CONCEPTS = 5500;

function markdownFiles(dir: string, prefix = ''): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
		const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
		if (entry.isDirectory()) out.push(...markdownFiles(path.join(dir, entry.name), relative));
		else if (/\.(?:md|markdown)$/i.test(entry.name)) out.push(relative);
	}
	return out;
}

if (corpusAvailable('notes corpus')) {
	describe('notes corpus (../shared/corpus)', () => {
		it('parses every file without throwing into well-formed, uniquely identified concepts', () => {
			const files = markdownFiles(CORPUS_DIR);
			expect(files.length).toBeGreaterThan(300);
			const notes: ParsedNote[] = [];
			for (const file of files) {
				const text = readFileSync(path.join(CORPUS_DIR, file), 'utf8');
				expect(() => notes.push(parseNote(file, text)), file).not.toThrow();
			}
			const { concepts } = linkNotes(notes);
			expect(concepts.length).toBeGreaterThan(MIN_CONCEPTS);
			expect(concepts.filter((c) => c.title.trim() === '')).toEqual([]);
			expect(new Set(concepts.map((c) => c.id)).size).toBe(concepts.length);
			const ids = new Set(concepts.map((c) => c.id));
			const dangling = concepts.filter(
				(c) =>
					(c.parentId !== null && !ids.has(c.parentId)) || [...c.childIds, ...c.relatedIds].some((id) => !ids.has(id)),
			);
			expect(dangling.map((c) => c.id)).toEqual([]);
			expect(
				concepts.filter((c) => c.definition.length > 401 || c.facts.some((f) => f.length > 300)).map((c) => c.id),
			).toEqual([]);
		});
	});
}
