/**
 * Cross-file step of the notes pipeline: resolves `[[wiki links]]` to concept ids and fills `relatedIds`.
 * Pure: the same notes in any order give the same concepts in the same order.
 */
import { compactKey, normalize } from '../search/normalize.ts';
import type { Concept, NoteWarning } from './concept.ts';
import { fileSlug, noteName, type ParsedNote } from './parse.ts';

const MAX_RELATED = 8;
const MIN_NAME_CHARS = 3;

/** A concept that a name (title or alias) points at, with how it matched. */
interface Candidate {
	readonly concept: Concept;
	readonly byTitle: boolean;
	/** Position in the linked output: file path order, then document order. */
	readonly order: number;
}

/**
 * Links parsed notes into one index.
 *
 * - Concepts come out in file path order (code-point order), then document order.
 * - Ids are unique across the index: a file whose id prefix another file already uses (`a b.md` and `a-b.md`)
 *   gets `-2`, `-3`… after its prefix.
 * - A wiki link target (`Target`, `Target#Heading`, `#Heading`, `folder/Target`) is matched by {@link compactKey}
 *   against titles and aliases, preferring the linking file, then a title over an alias, then index order;
 *   `Target` may also name a file (its first concept). Unresolved targets give one warning per file and target.
 * - `relatedIds`: resolved wiki links first, then other concepts of the same file whose title or an alias of at
 *   least 3 characters appears in this concept's body or definition (Latin names as whole words), excluding the
 *   concept itself, its parent and its children; deduplicated, at most 8.
 */
export function linkNotes(notes: readonly ParsedNote[]): { concepts: Concept[]; warnings: NoteWarning[] } {
	const sorted = [...notes].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
	const renamed = uniquePrefixes(sorted);
	const all = renamed.flatMap((note) => note.concepts);
	const order = new Map(all.map((concept, index) => [concept.id, index]));
	const byName = nameIndex(all, order);
	const byFile = fileIndex(renamed);

	const warnings: NoteWarning[] = [];
	const concepts: Concept[] = [];
	for (const note of renamed) {
		const unresolved = new Set<string>();
		const mentioned = mentionsIn(note.concepts);
		note.concepts.forEach((concept, index) => {
			const related: string[] = [];
			const add = (id: string): void => {
				if (id !== concept.id && !related.includes(id)) related.push(id);
			};
			for (const target of note.wikiLinks.get(concept.id) ?? []) {
				const id = resolve(target, note.file, byName, byFile);
				if (id !== null) add(id);
				else if (!unresolved.has(target)) {
					unresolved.add(target);
					warnings.push({
						file: note.file,
						reason: `notes: ${note.file} links to [[${target}]], which matches no concept`,
					});
				}
			}
			const excluded = new Set([
				concept.id,
				...(concept.parentId === null ? [] : [concept.parentId]),
				...concept.childIds,
			]);
			for (const other of mentioned[index] ?? []) {
				const id = note.concepts[other]?.id;
				if (id !== undefined && !excluded.has(id)) add(id);
			}
			concepts.push({ ...concept, relatedIds: related.slice(0, MAX_RELATED) });
		});
	}
	return { concepts, warnings };
}

/** Rewrites the ids of every note whose prefix (`os/process` of `os/process#fork`) an earlier note already uses. */
function uniquePrefixes(notes: readonly ParsedNote[]): ParsedNote[] {
	const used = new Set<string>();
	return notes.map((note) => {
		const prefix = fileSlug(note.file);
		let unique = prefix;
		for (let n = 2; used.has(unique); n++) unique = `${prefix}-${n}`;
		used.add(unique);
		if (unique === prefix) return note;
		const rename = (id: string): string => (id.startsWith(`${prefix}#`) ? unique + id.slice(prefix.length) : id);
		return {
			...note,
			concepts: note.concepts.map((c) => ({
				...c,
				id: rename(c.id),
				parentId: c.parentId === null ? null : rename(c.parentId),
				childIds: c.childIds.map(rename),
			})),
			wikiLinks: new Map([...note.wikiLinks].map(([id, targets]) => [rename(id), targets])),
		};
	});
}

function namesOf(concept: Concept): string[] {
	return [concept.title, ...concept.aliases];
}

function nameIndex(concepts: readonly Concept[], order: ReadonlyMap<string, number>): Map<string, Candidate[]> {
	const index = new Map<string, Candidate[]>();
	for (const concept of concepts) {
		const seen = new Set<string>();
		namesOf(concept).forEach((name, i) => {
			const key = compactKey(name);
			if (key === '' || seen.has(key)) return;
			seen.add(key);
			const list = index.get(key) ?? [];
			list.push({ concept, byTitle: i === 0, order: order.get(concept.id) ?? 0 });
			index.set(key, list);
		});
	}
	return index;
}

/** Files by the key of their name (`가상화` for `os/가상화.md`) and of their path (`os가상화`), each to its notes in path order. */
function fileIndex(notes: readonly ParsedNote[]): Map<string, ParsedNote[]> {
	const index = new Map<string, ParsedNote[]>();
	const add = (key: string, note: ParsedNote): void => {
		if (key === '') return;
		const list = index.get(key) ?? [];
		if (!list.includes(note)) list.push(note);
		index.set(key, list);
	};
	for (const note of notes) {
		add(compactKey(noteName(note.file)), note);
		add(compactKey(note.file.replace(/\.(?:md|markdown)$/i, '')), note);
	}
	return index;
}

/** The concept a raw wiki target names, or null. */
function resolve(
	target: string,
	fromFile: string,
	byName: ReadonlyMap<string, readonly Candidate[]>,
	byFile: ReadonlyMap<string, readonly ParsedNote[]>,
): string | null {
	const hash = target.indexOf('#');
	const page = (hash === -1 ? target : target.slice(0, hash)).trim().replace(/\.(?:md|markdown)$/i, '');
	const heading =
		hash === -1
			? ''
			: (target
					.slice(hash + 1)
					.split('#')
					.at(-1)
					?.replace(/^\^.*/, '')
					.trim() ?? '');
	const pageKey = compactKey(page);
	const pageName = compactKey(page.slice(page.lastIndexOf('/') + 1));
	const files = pageKey === '' ? [] : [...(byFile.get(pageKey) ?? []), ...(byFile.get(pageName) ?? [])];

	if (heading !== '') {
		const candidates = byName.get(compactKey(heading)) ?? [];
		const inFiles =
			page === '' ? candidates : candidates.filter((c) => files.some((f) => f.file === c.concept.source.file));
		const best = pick(inFiles, fromFile);
		if (best) return best;
	}
	if (page === '') return null;
	const named = pick(byName.get(pageName) ?? [], fromFile);
	if (named) return named;
	return files[0]?.concepts[0]?.id ?? null;
}

function pick(candidates: readonly Candidate[], fromFile: string): string | null {
	let best: Candidate | null = null;
	let bestRank: readonly number[] = [];
	for (const candidate of candidates) {
		const rank = [candidate.concept.source.file === fromFile ? 0 : 1, candidate.byTitle ? 0 : 1, candidate.order];
		if (best === null || compareRanks(rank, bestRank) < 0) {
			best = candidate;
			bestRank = rank;
		}
	}
	return best?.concept.id ?? null;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
	for (let i = 0; i < a.length; i++) {
		const d = (a[i] ?? 0) - (b[i] ?? 0);
		if (d !== 0) return d;
	}
	return 0;
}

/**
 * For each concept of one file, the indexes (in document order) of the other concepts of that file whose title or
 * an alias of at least 3 characters occurs in its definition or body. Each name is searched once through the
 * file's joined texts rather than once per concept. Names with Hangul match as substrings ignoring spaces
 * (`강제접근제어` for `강제 접근 제어`, particles attach: `가상화를`); other names must not sit inside a longer Latin
 * word or number (`APT` not in `adaptive`, but in `APT로`). URLs are left out of the texts.
 */
function mentionsIn(concepts: readonly Concept[]): number[][] {
	const texts = concepts.map((c) =>
		normalize(`${c.definition}\n${c.body}`.replace(/\]\([^)\s]*\)/g, ']').replace(/\b(?:https?:\/\/|www\.)\S+/g, ' ')),
	);
	const spaced = joined(texts);
	const compact = joined(texts.map((t) => t.replace(/\s+/g, '')));
	const found = concepts.map(() => new Set<number>());
	concepts.forEach((concept, index) => {
		for (const name of namesOf(concept)) {
			const key = normalize(name);
			if ([...key].length < MIN_NAME_CHARS || compactKey(key) === '') continue;
			const hangul = /\p{Script=Hangul}/u.test(key);
			const needle = hangul ? key.replace(/\s+/g, '') : key;
			const hay = hangul ? compact : spaced;
			for (let at = hay.text.indexOf(needle); at !== -1; at = hay.text.indexOf(needle, at + 1)) {
				if (!hangul && (isWordChar(hay.text[at - 1]) || isWordChar(hay.text[at + needle.length]))) continue;
				const owner = ownerOf(hay.starts, at);
				if (owner !== index) found[owner]?.add(index);
			}
		}
	});
	return found.map((set) => [...set].sort((a, b) => a - b));
}

/** Texts joined by a line feed, with where each one starts. */
function joined(texts: readonly string[]): { text: string; starts: number[] } {
	const starts: number[] = [];
	let at = 0;
	for (const text of texts) {
		starts.push(at);
		at += text.length + 1;
	}
	return { text: texts.join('\n'), starts };
}

/** Index of the text holding `offset`: the last start ≤ offset. */
function ownerOf(starts: readonly number[], offset: number): number {
	let low = 0;
	let high = starts.length - 1;
	while (low < high) {
		const mid = (low + high + 1) >> 1;
		if ((starts[mid] ?? 0) <= offset) low = mid;
		else high = mid - 1;
	}
	return low;
}

const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{N}]/u;

function isWordChar(ch: string | undefined): boolean {
	return ch !== undefined && LATIN_OR_DIGIT.test(ch);
}
