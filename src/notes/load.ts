/**
 * The notes folder on disk → linked concepts. The only module of the notes pipeline that does I/O.
 * Bad files never crash the load and are never dropped silently: each skipped file gets a warning saying why.
 */
import type { Dirent, Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Concept, NoteWarning } from './concept.ts';
import { linkNotes } from './link.ts';
import { type ParsedNote, parseNote } from './parse.ts';

/** Files larger than this (1 MiB) are skipped unless `maxFileBytes` says otherwise. */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** The notes folder itself cannot be used (missing, not a folder, unreadable). */
export class NotesError extends Error {
	override readonly name = 'NotesError';
}

/** What happened to one Markdown file of the folder, read or skipped. */
export interface FileReport {
	/** Path relative to the notes folder, `/`-separated. */
	readonly file: string;
	/** Size on disk (0 when it could not be read). */
	readonly bytes: number;
	/** Concepts it gave (0 when skipped). */
	readonly concepts: number;
	/** Every warning about it (load, parse, links), each starting with `notes: `. */
	readonly warnings: string[];
}

export interface LoadedNotes {
	/** All concepts, linked, in file path order then document order. */
	readonly concepts: Concept[];
	/** One report per Markdown file found, in path order. */
	readonly files: FileReport[];
	/** Every warning, grouped by file in path order. */
	readonly warnings: NoteWarning[];
}

export interface LoadOptions {
	/** Larger files are skipped with a warning; default {@link DEFAULT_MAX_FILE_BYTES}. */
	readonly maxFileBytes?: number;
}

const NOTE_EXTENSION = /\.(?:md|markdown)$/i;
/** Files read concurrently: enough to hide the disk's latency, few enough to bound memory (batch × max file size). */
const READ_BATCH = 32;

/**
 * Reads every `.md`/`.markdown` file under `dir` (recursively, sorted by path; dot-folders such as `.obsidian`
 * and `.git` skipped; symlinked folders followed once, so a link back up cannot loop), parses and links them.
 * Throws {@link NotesError} when `dir` is missing or not a folder; any problem with a single file is a warning.
 */
export async function loadNotes(dir: string, options: LoadOptions = {}): Promise<LoadedNotes> {
	const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
	let stats: Stats;
	try {
		stats = await fs.stat(dir);
	} catch (error) {
		if (errorCode(error) === 'ENOENT') throw new NotesError(`notes: folder ${dir} does not exist`);
		throw new NotesError(`notes: folder ${dir} cannot be read (${describeError(error)})`);
	}
	if (!stats.isDirectory()) throw new NotesError(`notes: ${dir} is not a folder`);

	const warnings: NoteWarning[] = [];
	const found: string[] = [];
	await walk(dir, '', new Set(), found, warnings);
	found.sort(comparePaths);

	const parsed: ParsedNote[] = [];
	const sizes = new Map<string, number>();
	// Files are read a batch at a time, the next batch while this one is parsed, so that waiting on the disk overlaps
	// with parsing; they are parsed in path order.
	const readBatch = (start: number): Promise<Read[]> =>
		Promise.all(found.slice(start, start + READ_BATCH).map((file) => readBytes(dir, file, maxBytes, sizes)));
	let pending = readBatch(0);
	for (let start = 0; start < found.length; start += READ_BATCH) {
		const batch = found.slice(start, start + READ_BATCH);
		const reads = await pending;
		if (start + READ_BATCH < found.length) pending = readBatch(start + READ_BATCH);
		batch.forEach((file, index) => {
			const read = reads[index];
			if (!read || 'warning' in read) {
				if (read) warnings.push(read.warning);
				return;
			}
			const note = parseBytes(file, read.bytes, warnings);
			if (note) parsed.push(note);
		});
	}
	const linked = linkNotes(parsed);
	warnings.push(...linked.warnings);

	const byFile = new Map<string, NoteWarning[]>();
	for (const warning of warnings) {
		const list = byFile.get(warning.file) ?? [];
		list.push(warning);
		byFile.set(warning.file, list);
	}
	const counts = new Map<string, number>();
	for (const concept of linked.concepts) counts.set(concept.source.file, (counts.get(concept.source.file) ?? 0) + 1);
	const files = found.map(
		(file): FileReport => ({
			file,
			bytes: sizes.get(file) ?? 0,
			concepts: counts.get(file) ?? 0,
			warnings: (byFile.get(file) ?? []).map((w) => w.reason),
		}),
	);
	const ordered = [...byFile.keys()].sort(comparePaths).flatMap((file) => byFile.get(file) ?? []);
	return { concepts: linked.concepts, files, warnings: ordered };
}

/** The bytes of one file, or the warning saying why it is skipped. */
type Read = { readonly bytes: Uint8Array } | { readonly warning: NoteWarning };

/** Reads one file; never rejects. */
async function readBytes(dir: string, file: string, maxBytes: number, sizes: Map<string, number>): Promise<Read> {
	const absolute = path.join(dir, ...file.split('/'));
	let bytes: Uint8Array;
	try {
		const stats = await fs.stat(absolute);
		sizes.set(file, stats.size);
		if (stats.size > maxBytes) {
			return {
				warning: { file, reason: `notes: ${file} is ${stats.size} bytes, over the ${maxBytes}-byte limit, skipped` },
			};
		}
		bytes = await fs.readFile(absolute);
		sizes.set(file, bytes.length);
	} catch (error) {
		return { warning: { file, reason: `notes: ${file} cannot be read (${describeError(error)}), skipped` } };
	}
	if (bytes.length > maxBytes) {
		return {
			warning: { file, reason: `notes: ${file} is ${bytes.length} bytes, over the ${maxBytes}-byte limit, skipped` },
		};
	}
	return { bytes };
}

/** Decodes and parses one file's bytes; `null` (with a warning) when it has to be skipped. */
function parseBytes(file: string, bytes: Uint8Array, warnings: NoteWarning[]): ParsedNote | null {
	const decoded = decodeNote(file, bytes);
	if ('warning' in decoded) {
		warnings.push(decoded.warning);
		return null;
	}
	try {
		const note = parseNote(file, decoded.text);
		warnings.push(...note.warnings);
		return note;
	} catch (error) {
		// parseNote is meant never to throw; if it does, the file is reported rather than the whole load lost.
		warnings.push({ file, reason: `notes: ${file} could not be parsed (${describeError(error)}), skipped` });
		return null;
	}
}

async function walk(
	dir: string,
	relative: string,
	visited: Set<string>,
	found: string[],
	warnings: NoteWarning[],
): Promise<void> {
	const absolute = relative === '' ? dir : path.join(dir, ...relative.split('/'));
	let entries: Dirent[];
	try {
		const real = await fs.realpath(absolute);
		if (visited.has(real)) return;
		visited.add(real);
		entries = await fs.readdir(absolute, { withFileTypes: true });
	} catch (error) {
		const folder = relative === '' ? '.' : relative;
		warnings.push({
			file: folder,
			reason: `notes: folder ${folder} cannot be read (${describeError(error)}), skipped`,
		});
		return;
	}
	entries.sort((a, b) => comparePaths(a.name, b.name));
	for (const entry of entries) {
		const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
		let isDirectory = entry.isDirectory();
		let isFile = entry.isFile();
		if (entry.isSymbolicLink()) {
			try {
				const target = await fs.stat(path.join(absolute, entry.name));
				isDirectory = target.isDirectory();
				isFile = target.isFile();
			} catch {
				// A dangling link named like a note is reported when read; any other is ignored.
				isFile = NOTE_EXTENSION.test(entry.name);
			}
		}
		// Dot-folders hold tool state (`.obsidian`, `.git`, `.trash`), not notes.
		if (isDirectory) {
			if (!entry.name.startsWith('.')) await walk(dir, child, visited, found, warnings);
		} else if (isFile && NOTE_EXTENSION.test(entry.name)) found.push(child);
	}
}

/**
 * Bytes of a note → its text, or the reason it must be skipped. A UTF-8 BOM is dropped; UTF-16 with a BOM is
 * decoded; empty (or whitespace-only) files, binary files (a NUL byte) and invalid UTF-8 are refused with a
 * precise reason, e.g. `notes: os/x.md is not UTF-8 (invalid byte at offset 1234), skipped`.
 */
export function decodeNote(file: string, bytes: Uint8Array): { text: string } | { warning: NoteWarning } {
	const refuse = (why: string): { warning: NoteWarning } => ({
		warning: { file, reason: `notes: ${file} ${why}, skipped` },
	});
	if (bytes.length === 0) return refuse('is empty');
	let text: string;
	const utf16 =
		bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
	if (utf16) {
		try {
			text = new TextDecoder(utf16, { fatal: true }).decode(bytes);
		} catch {
			return refuse(
				`is not valid ${utf16.toUpperCase()} (${bytes.length % 2 === 1 ? 'odd number of bytes' : 'truncated or unpaired surrogate'})`,
			);
		}
		const nul = text.indexOf('\0');
		if (nul !== -1) return refuse(`looks binary (NUL character at position ${nul})`);
	} else {
		const nul = bytes.indexOf(0);
		if (nul !== -1) return refuse(`looks binary (NUL byte at offset ${nul})`);
		try {
			text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
		} catch {
			const offset = invalidUtf8Offset(bytes);
			return refuse(`is not UTF-8 (invalid byte at offset ${offset >= 0 ? offset : 'unknown'})`);
		}
	}
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.trim() === '') return refuse(text === '' ? 'is empty' : 'is empty (only whitespace)');
	return { text };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (WHATWG rules), or -1. */
function invalidUtf8Offset(bytes: Uint8Array): number {
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i] ?? 0;
		if (b < 0x80) {
			i++;
			continue;
		}
		let need: number;
		let low = 0x80;
		let high = 0xbf;
		if (b >= 0xc2 && b <= 0xdf) need = 1;
		else if (b >= 0xe0 && b <= 0xef) {
			need = 2;
			if (b === 0xe0) low = 0xa0;
			if (b === 0xed) high = 0x9f;
		} else if (b >= 0xf0 && b <= 0xf4) {
			need = 3;
			if (b === 0xf0) low = 0x90;
			if (b === 0xf4) high = 0x8f;
		} else return i;
		for (let k = 1; k <= need; k++) {
			const c = bytes[i + k];
			if (c === undefined || c < low || c > high) return i;
			low = 0x80;
			high = 0xbf;
		}
		i += need + 1;
	}
	return -1;
}

/** Plain code-unit order: deterministic whatever the locale. */
function comparePaths(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function errorCode(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
		? error.code
		: undefined;
}

function describeError(error: unknown): string {
	const code = errorCode(error);
	const message = error instanceof Error ? error.message : String(error);
	if (code === 'ENOENT') return 'no such file';
	if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
	if (code === 'EISDIR') return 'is a folder';
	return code ?? message.split('\n')[0] ?? 'unknown error';
}
