import type { Concept } from './concept.ts';
import type { FileReport } from './load.ts';

/** What `lint` says about one note file. */
export interface FileLint {
	readonly file: string;
	readonly concepts: number;
	readonly warnings: readonly string[];
}

/**
 * Per-file findings for note authors: the loader's and parser's warnings (unreadable, skipped, broken front matter,
 * unresolved wiki links), files that gave no concept, titles repeated within a file, and sections without any text.
 */
export function lintLibrary(files: readonly FileReport[], concepts: readonly Concept[]): FileLint[] {
	const byFile = new Map<string, Concept[]>();
	for (const concept of concepts) {
		const list = byFile.get(concept.source.file) ?? [];
		list.push(concept);
		byFile.set(concept.source.file, list);
	}
	return files.map((report) => {
		const own = byFile.get(report.file) ?? [];
		const warnings = report.warnings.map((warning) => warning.replace(/^notes: /, ''));
		if (own.length === 0 && report.warnings.length === 0)
			warnings.push('no concepts found (no headings or term definitions)');
		const firstLineOfTitle = new Map<string, number>();
		for (const concept of own) {
			const key = concept.title.trim().toLowerCase();
			const first = firstLineOfTitle.get(key);
			if (first === undefined) firstLineOfTitle.set(key, concept.source.line);
			else warnings.push(`duplicate title "${concept.title}" at line ${concept.source.line} (first at line ${first})`);
			if (concept.kind === 'section' && concept.body.trim() === '' && concept.childIds.length === 0) {
				warnings.push(`empty section "${concept.title}" at line ${concept.source.line}`);
			}
		}
		return { file: report.file, concepts: own.length, warnings };
	});
}
