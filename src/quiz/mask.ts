/**
 * Hiding a concept's names in question text, and the plain-text clean-up options need.
 *
 * A name is found by its letters and digits (those a compact key keeps: NFKC, any case), so `강제 접근 제어` is
 * found in `강제접근제어를` and `Security-Enhanced Linux` in `security enhanced linux`; only two Latin letters written
 * together in the name must be together in the text, so `SELinux` is not found in `SUSE Linux`. Names of at most
 * three Latin letters or digits (`VM`, `MAC`, `IP`) must stand as a word of their own (Hangul may follow, as in
 * `VM을`), so `JVM` and `machine` do not hide `VM` and `MAC`. Longer names are found anywhere: `Thread` inside
 * `Multithreading` gives the answer away as much as on its own. An English plural ending after a Latin name
 * (`VMs`, `Mutexes`) is hidden with it. */

import { boundedDistance, createDistanceScratch } from '../search/fuzzy.ts';
import { decomposeHangul } from '../search/hangul.ts';

/** What a hidden name is replaced by. Not a letter, so masked text never spells a name through it. */
export const MASK = '▢▢▢';

/** Names of at most this many Latin letters or digits must stand as a word of their own. */
const MAX_SHORT_NAME_CHARS = 3;
/** Hangul names of at least this many syllables are also hidden when misspelt by one key (`하이퍼바이저` for `하이퍼바이즈`). */
const MIN_FUZZY_HANGUL_SYLLABLES = 5;
/** Latin one-word names of at least this many letters are also hidden when misspelt by one letter (`SELinus`). */
const MIN_FUZZY_LATIN_LETTERS = 6;
/** Masking again after masking stops here: each pass removes letters, so real text settles in one or two. */
const MAX_MASK_PASSES = 3;

const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;
const LATIN_LETTER = /^\p{Script=Latin}$/u;
const LATIN_OR_DIGIT = /^[\p{Script=Latin}\p{N}]$/u;
const SHORT_NAME = /^[a-z0-9]+$/;
const HANGUL_RUN = /[\uac00-\ud7a3]+/gu;
const LATIN_WORD = /\p{Script=Latin}+/gu;
const PLURAL_END = /^(?:es|s)/iu;

const distanceScratch = createDistanceScratch();

/** Text with names masked, and its {@link unmaskedKey}. */
export interface Masked {
	readonly text: string;
	readonly key: string;
}

/** Finds and hides a fixed set of names. */
export interface NameMatcher {
	/**
	 * Whether `text` contains one of the names, as defined above (misspellings not counted). `key`, when given, must
	 * be `unmaskedKey(text)`.
	 */
	contains(text: string, key?: string): boolean;
	/**
	 * `text` with every occurrence of a name, and close misspellings of long names, replaced by {@link MASK}.
	 * `key`, when given, must be `unmaskedKey(text)`; it saves working it out again.
	 */
	mask(text: string, key?: string): Masked;
}

/**
 * Text reduced to its letters, digits and marks, each character NFKC and lower case (the characters of
 * the search index's compact keys), with the range of the original text each unit came from.
 */
interface Projection {
	readonly key: string;
	readonly start: readonly number[];
	readonly end: readonly number[];
}

/** Printable ASCII, whitespace and Hangul syllables only: NFKC leaves such text as it is. */
const NFKC_STABLE = /^[\t\n\r\x20-\x7e\uac00-\ud7a3]*$/;
const NOT_STABLE_WORD = /[^a-z0-9\uac00-\ud7a3]+/g;

/** The characters of a {@link Projection} alone: cheap, for a first look before positions are needed. */
function letters(text: string): string {
	if (NFKC_STABLE.test(text)) return text.toLowerCase().replace(NOT_STABLE_WORD, '');
	return text.normalize('NFKC').toLowerCase().replace(NOT_WORD, '');
}

function project(text: string): Projection {
	let key = '';
	const start: number[] = [];
	const end: number[] = [];
	for (let i = 0; i < text.length; ) {
		const code = text.codePointAt(i) ?? 0;
		const width = code > 0xffff ? 2 : 1;
		let kept: string;
		if (code < 0x80) {
			if ((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a)) kept = text.charAt(i);
			else if (code >= 0x41 && code <= 0x5a) kept = String.fromCharCode(code + 0x20);
			else kept = '';
		} else if (code >= 0xac00 && code <= 0xd7a3) {
			kept = text.charAt(i);
		} else {
			kept = letters(text.slice(i, i + width));
		}
		for (let k = 0; k < kept.length; k++) {
			key += kept.charAt(k);
			start.push(i);
			end.push(i + width);
		}
		i += width;
	}
	return { key, start, end };
}

/** Whether units `i - 1` and `i` of a projection were written next to each other (or came from one character). */
function adjacent(projection: Projection, i: number): boolean {
	return projection.start[i] === projection.end[i - 1] || projection.start[i] === projection.start[i - 1];
}

interface Name {
	readonly key: string;
	/** Per unit: it must follow the previous one directly in the text (two Latin letters written together in the name). */
	readonly joined: readonly boolean[];
	/** At most three Latin letters or digits: must stand as a word. */
	readonly short: boolean;
	/** Ends with a Latin letter: an English plural ending after it is hidden with it. */
	readonly latinEnd: boolean;
	readonly fuzzy: FuzzyName | null;
}

interface FuzzyName {
	readonly hangul: boolean;
	/** Length in syllables (Hangul) or letters (Latin). */
	readonly length: number;
	/** Jamo of the Hangul name, lower case letters of the Latin name. */
	readonly spelling: string;
	readonly first: string;
	readonly last: string;
}

function prepareName(written: string): Name | null {
	const projection = project(written);
	const key = projection.key;
	if (key === '') return null;
	const joined = [...key].map(
		(unit, i) => i > 0 && LATIN_LETTER.test(unit) && LATIN_LETTER.test(key.charAt(i - 1)) && adjacent(projection, i),
	);
	return {
		key,
		joined,
		short: key.length <= MAX_SHORT_NAME_CHARS && SHORT_NAME.test(key),
		latinEnd: LATIN_LETTER.test(key.charAt(key.length - 1)),
		fuzzy: fuzzyName(written),
	};
}

function fuzzyName(written: string): FuzzyName | null {
	const text = written.normalize('NFKC').trim();
	if (/^[\uac00-\ud7a3]+$/u.test(text) && text.length >= MIN_FUZZY_HANGUL_SYLLABLES) {
		return {
			hangul: true,
			length: text.length,
			spelling: decomposeHangul(text),
			first: text.charAt(0),
			last: text.charAt(text.length - 1),
		};
	}
	if (/^\p{Script=Latin}+$/u.test(text) && text.length >= MIN_FUZZY_LATIN_LETTERS) {
		return { hangul: false, length: text.length, spelling: text.toLowerCase(), first: '', last: '' };
	}
	return null;
}

function latinOrDigitAt(text: string, index: number): boolean {
	const code = text.codePointAt(index);
	if (code === undefined) return false;
	if (code < 0x80) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
	return LATIN_OR_DIGIT.test(String.fromCodePoint(code));
}

/** The character before `index`, as a code point index (a surrogate pair counts as one). */
function before(text: string, index: number): number {
	if (index <= 0) return -1;
	const low = text.charCodeAt(index - 1);
	return low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
}

/** Ranges of the original text where `name` occurs. */
function occurrences(text: string, projection: Projection, name: Name): [number, number][] {
	const found: [number, number][] = [];
	const last = name.key.length - 1;
	for (let at = projection.key.indexOf(name.key); at !== -1; at = projection.key.indexOf(name.key, at + 1)) {
		let fits = true;
		for (let i = 1; i <= last && fits; i++) if (name.joined[i] && !adjacent(projection, at + i)) fits = false;
		const from = projection.start[at] ?? 0;
		let to = projection.end[at + last] ?? text.length;
		if (name.latinEnd) {
			const plural = PLURAL_END.exec(text.slice(to, to + 2));
			if (plural !== null && !latinOrDigitAt(text, to + plural[0].length)) to += plural[0].length;
		}
		if (fits && name.short) fits = !latinOrDigitAt(text, before(text, from)) && !latinOrDigitAt(text, to);
		if (fits) found.push([from, to]);
	}
	return found;
}

/** A matcher for `names` (titles and aliases as written; names without a letter or digit are ignored). */
export function nameMatcher(names: readonly string[]): NameMatcher {
	const prepared = names.map(prepareName).filter((name): name is Name => name !== null);
	const ranges = (text: string, key: string, exactOnly: boolean): [number, number][] => {
		const found: [number, number][] = [];
		let projection: Projection | null = null;
		for (const name of prepared) {
			if (key.includes(name.key)) {
				projection ??= project(text);
				found.push(...occurrences(text, projection, name));
				if (exactOnly && found.length > 0) return found;
			}
			if (!exactOnly && name.fuzzy !== null) {
				found.push(...(name.fuzzy.hangul ? hangulNear(text, name.fuzzy) : latinNear(text, name.fuzzy)));
			}
		}
		return found;
	};
	return {
		contains: (text, key = letters(text)) => ranges(text, key, true).length > 0,
		mask(text: string, key = letters(text)): Masked {
			let out: Masked = { text, key };
			for (let pass = 0; pass < MAX_MASK_PASSES; pass++) {
				const found = ranges(out.text, out.key, false);
				if (found.length === 0) break;
				const masked = replaceRanges(out.text, found);
				out = { text: masked, key: letters(masked) };
			}
			return out;
		},
	};
}

/** Windows of a run of syllables as long as `name` and one key away from it. */
function hangulNear(text: string, name: FuzzyName): [number, number][] {
	const found: [number, number][] = [];
	for (const run of text.matchAll(HANGUL_RUN)) {
		const syllables = run[0];
		for (let at = 0; at + name.length <= syllables.length; at++) {
			const window = syllables.slice(at, at + name.length);
			// One key changes one syllable: a window sharing neither end with the name cannot be that close.
			if (window.charAt(0) !== name.first && window.charAt(window.length - 1) !== name.last) continue;
			if (boundedDistance(decomposeHangul(window), name.spelling, 1, distanceScratch) <= 1) {
				found.push([run.index + at, run.index + at + name.length]);
			}
		}
	}
	return found;
}

/** Latin words (an English plural ending aside) one letter away from `name`. */
function latinNear(text: string, name: FuzzyName): [number, number][] {
	const found: [number, number][] = [];
	for (const word of text.matchAll(LATIN_WORD)) {
		let lower = word[0].toLowerCase();
		if (Math.abs(lower.length - name.length) > 1) lower = lower.replace(/e?s$/u, '');
		if (Math.abs(lower.length - name.length) > 1) continue;
		if (boundedDistance(lower, name.spelling, 1, distanceScratch) <= 1) {
			found.push([word.index, word.index + word[0].length]);
		}
	}
	return found;
}

/** `text` with the ranges (possibly overlapping) replaced by one mask each. */
function replaceRanges(text: string, ranges: [number, number][]): string {
	const sorted = [...ranges].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
	let out = '';
	let at = 0;
	for (const [start, end] of sorted) {
		if (end <= at) continue;
		if (start >= at) out += text.slice(at, start) + MASK;
		at = end;
	}
	return out + text.slice(at);
}

/**
 * The letters and digits of `text` (NFKC, lower case), masks and everything else left out: empty when nothing but
 * masks remains. Two options with the same key read the same.
 */
export function unmaskedKey(text: string): string {
	return letters(text);
}

const MARKDOWN_LINK = /!?\[([^\]\n]*)\]\([^)\n]*\)/g;
const AUTOLINK = /<(?:https?|mailto):[^>\s]*>/giu;
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s)>\]]+/giu;

/**
 * Note text as one line of an option or quoted stem: links reduced to their text, bare URLs dropped,
 * whitespace collapsed, NFC (so Hangul typed as separate jamo compares like composed syllables).
 */
export function plainLine(text: string): string {
	return text
		.normalize('NFC')
		.replace(MARKDOWN_LINK, '$1')
		.replace(AUTOLINK, '')
		.replace(BARE_URL, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Characters Discord Markdown gives a meaning to, escaped so that a name shows as written (`__init__`). */
export function escapeMarkdown(text: string): string {
	return text.replace(/[\\*_~|`>]/g, '\\$&');
}

/**
 * `text` cut to at most `max` characters at a word boundary, ending with `…` when cut. Never splits a surrogate
 * pair, and never leaves a code span or a bold run open.
 */
export function cutAtWord(text: string, max: number): string {
	if (text.length <= max) return text;
	let cut = text.lastIndexOf(' ', max - 1);
	if (cut < max / 2) {
		cut = max - 1;
		const code = text.charCodeAt(cut - 1);
		if (code >= 0xd800 && code <= 0xdbff) cut--;
	}
	let head = text.slice(0, cut);
	if ((head.match(/`/g)?.length ?? 0) % 2 === 1) head = head.slice(0, head.lastIndexOf('`'));
	if ((head.match(/\*\*/g)?.length ?? 0) % 2 === 1) head = head.slice(0, head.lastIndexOf('**'));
	return `${head.trimEnd()}…`;
}
