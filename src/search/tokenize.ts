/**
 * Full-text tokenisation shared by indexing and querying.
 *
 * Korean glues particles and endings to words (`경로에`, `모듈을`, `적용하는`), so Hangul is indexed as
 * syllable bigrams inside a word, plus one bigram across a single space (`파일 경로` → `일경`) that rewards
 * phrases, plus the first syllable of one- and two-syllable words (`키`, `키를` → `키`).
 * Other letters and digits form words: lower-cased (the caller NFKC-normalises), stop words dropped,
 * lightly stemmed (`paths` → `path`, `applies` → `apply`).
 *
 * Hangul terms are integers (no string is built for them); words are strings.
 */

import { isHangulSyllable } from './hangul.ts';

const SYLLABLES = 11172;
const SYLLABLE_FIRST = 0xac00;
/** Key range of in-word bigrams: `[0, CROSS_BASE)`. */
const CROSS_BASE = SYLLABLES * SYLLABLES;
/** Key range of cross-space bigrams: `[CROSS_BASE, UNIGRAM_BASE)`. */
const UNIGRAM_BASE = 2 * SYLLABLES * SYLLABLES;

/** Words longer than this are hashes, base64 or URLs: not indexed. */
const MAX_WORD_LENGTH = 40;

/** Receives the terms of a text, in text order. */
export interface TermSink {
	/** A Hangul term: in-word bigram, cross-space bigram or word-initial unigram. */
	hangul(key: number): void;
	/** A stemmed non-Hangul word that is not a stop word. */
	word(token: string): void;
}

/** English words too common to tell concepts apart; dropped from both the index and queries. */
const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
	(
		'a an the is are was were be been being am of to in on at by for with from as and or nor not no it its this that these those ' +
		'which what who whom whose when where why how do does did doing can could should would will shall may might must i you he she ' +
		'we they me my your our their them us his her there here about into onto than then so if also just such very too any some ' +
		'all each other more most only own same both few s t don isn aren doesn didn wasn'
	).split(' '),
);

/** Korean query words that carry no topic (`뭐야`, `설명해줘`): dropped from queries. */
const KOREAN_STOP_WORDS: ReadonlySet<string> = new Set(
	(
		'뭐야 뭐지 뭐 무엇 무엇인가 무엇인가요 무엇인지 뭔가요 뭔지 뭐에요 뭐예요 뭐임 어떤 어떻게 무슨 알려줘 알려주세요 설명 설명해줘 ' +
		'설명해주세요 대해 대해서 관해 관해서 그리고 또는 및 왜 것 수 등 때 그 저 좀 해줘 있는 하는 되는 한 된 이 가 은 는 을 를 에 의 와 과 도 로 으로 ' +
		'에서 만 란 이란 이다 입니다 인가 인가요 건 게 거'
	).split(' '),
);

/** Particles and endings stripped from a query word before its core bigrams are taken (one to three syllables). */
const KOREAN_SUFFIXES: ReadonlySet<string> = new Set(
	(
		'에서는 으로는 에서의 에게서 이라는 이라고 으로서 해주는 입니다 합니다 하는 되는 하게 하기 하고 하며 해서 했다 한다 된다 이란 이다 에서 으로 ' +
		'에게 한테 까지 부터 처럼 보다 이나 라는 라고 이며 에는 와의 과의 로서 로써 은 는 이 가 을 를 에 의 와 과 도 로 만 란 한 된 할 될 게 며 고 서 인'
	).split(' '),
);
const LONGEST_SUFFIX = 3;

/** Whether a code unit belongs to a non-Hangul word: ASCII letters and digits fast, other letters/numbers/marks by Unicode class. */
function isWordCode(code: number): boolean {
	if (code < 0x80)
		return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
	if (code >= 0xd800 && code <= 0xdfff) return false;
	return WORD_CHAR.test(String.fromCharCode(code));
}
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

function isSpace(code: number): boolean {
	return code === 0x20 || code === 0x09 || code === 0xa0 || code === 0x3000;
}

/** Key of the bigram of syllables `a`, `b` (code units), inside a word. */
export function bigramKey(a: number, b: number): number {
	return (a - SYLLABLE_FIRST) * SYLLABLES + (b - SYLLABLE_FIRST);
}
/** Key of the bigram of the last syllable `a` of a word and the first syllable `b` of the next word, one space apart. */
export function crossKey(a: number, b: number): number {
	return CROSS_BASE + (a - SYLLABLE_FIRST) * SYLLABLES + (b - SYLLABLE_FIRST);
}
/** Key of the unigram of syllable `a`. */
export function unigramKey(a: number): number {
	return UNIGRAM_BASE + (a - SYLLABLE_FIRST);
}

/** Light English stemmer: plural and third-person `s`, `ies`/`ied` → `y`, `ing`, `ed`; stems keep at least three letters. */
export function stem(word: string): string {
	const n = word.length;
	if (n <= 3) return word;
	if (word.endsWith('ies') || word.endsWith('ied')) return n > 4 ? `${word.slice(0, -3)}y` : word;
	if (word.endsWith('sses')) return word.slice(0, -2);
	if (word.endsWith('ing') && n >= 6) return undouble(word.slice(0, -3));
	if (word.endsWith('ed') && n >= 5 && !word.endsWith('eed')) return undouble(word.slice(0, -2));
	if (word.endsWith('es') && n >= 5 && /(?:x|ch|sh|ss|zz)es$/.test(word)) return word.slice(0, -2);
	if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is'))
		return word.slice(0, -1);
	return word;
}

/** `runn` → `run`, `stopp` → `stop`; keeps `ll`, `ss`, `zz` (`install`). */
function undouble(word: string): string {
	const n = word.length;
	if (n >= 4 && word.charCodeAt(n - 1) === word.charCodeAt(n - 2) && !/[lsz]$/.test(word)) return word.slice(0, -1);
	return word;
}

/** The index form of one non-Hangul word, or `null` when it is not indexed (stop word, too long, one letter). */
export function wordTerm(raw: string): string | null {
	if (raw.length > MAX_WORD_LENGTH) return null;
	if (raw.length === 1) {
		const code = raw.charCodeAt(0);
		return code >= 0x30 && code <= 0x39 ? raw : null;
	}
	if (ENGLISH_STOP_WORDS.has(raw)) return null;
	return stem(raw);
}

/**
 * Feeds the terms of `text` (NFKC-normalised, see {@link indexForm}) to `sink`. ASCII capitals are lower-cased here.
 * Markdown link targets and bare URLs should be removed by the caller (see {@link stripUrls}).
 */
export function tokenize(text: string, sink: TermSink): void {
	const n = text.length;
	let i = 0;
	/** Last syllable of the previous Hangul word when only spaces followed it, else -1. */
	let crossFrom = -1;
	while (i < n) {
		const code = text.charCodeAt(i);
		if (isHangulSyllable(code)) {
			const start = i;
			while (i < n && isHangulSyllable(text.charCodeAt(i))) i++;
			const first = text.charCodeAt(start);
			if (crossFrom >= 0) sink.hangul(crossKey(crossFrom, first));
			if (i - start <= 2) sink.hangul(unigramKey(first));
			for (let k = start + 1; k < i; k++) sink.hangul(bigramKey(text.charCodeAt(k - 1), text.charCodeAt(k)));
			crossFrom = -1;
			const last = text.charCodeAt(i - 1);
			let j = i;
			while (j < n && isSpace(text.charCodeAt(j))) j++;
			if (j > i && j < n && isHangulSyllable(text.charCodeAt(j))) crossFrom = last;
			i = j;
		} else if (isWordCode(code)) {
			const start = i;
			let capitals = false;
			while (i < n) {
				const c = text.charCodeAt(i);
				if (isHangulSyllable(c) || !isWordCode(c)) break;
				if (c >= 0x41 && c <= 0x5a) capitals = true;
				i++;
			}
			const raw = text.slice(start, i);
			const term = wordTerm(capitals ? raw.toLowerCase() : raw);
			if (term !== null) sink.word(term);
			crossFrom = -1;
		} else {
			i++;
			crossFrom = -1;
		}
	}
}

/** Quick first test, true for nearly all text that is not only ASCII and Hangul syllables. */
const MAYBE_NEEDS_NFKC = /[^\t\n\r\u0020-\u007e\uac00-\ud7a3]/;
/** Text that NFKC leaves as it is (ASCII, Hangul syllables, common punctuation) skips the costly normalisation. */
const NEEDS_NFKC =
	/[^\t\n\r\u0020-\u009f\u00a1-\u00a7\u00a9\u00ab-\u00ae\u00b0\u00b1\u00b6\u00b7\u00bb\u00bf\u00d7\u00f7\u2010\u2013-\u2015\u2018-\u201f\u2020-\u2022\u2027\u2030\u2190-\u21ff\u2200-\u222b\u2231-\u22ff\u2500-\u25ff\uac00-\ud7a3]/;

/**
 * The form in which text is tokenised: NFKC and lower-cased when it holds characters that NFKC or
 * non-ASCII lower-casing could change; otherwise unchanged (the tokenizer lower-cases ASCII itself).
 */
export function indexForm(text: string): string {
	return MAYBE_NEEDS_NFKC.test(text) && NEEDS_NFKC.test(text) ? text.normalize('NFKC').toLowerCase() : text;
}

const MARKDOWN_LINK_TARGET = /\]\([^)\s]*(?:\s+"[^"]*")?\)/g;
const BARE_URL = /\b(?:https?|ftp):\/\/[^\s<>)\]]+/g;

/** Drops Markdown link targets (`[text](url)` keeps `[text]`) and bare URLs, whose tokens would only add noise. */
export function stripUrls(text: string): string {
	if (!text.includes('://') && !text.includes('](')) return text;
	return text.replace(MARKDOWN_LINK_TARGET, ']').replace(BARE_URL, ' ');
}

/** One query word: its core terms decide whether the word is matched, its extra terms only add score. */
export interface QueryUnit {
	/** Terms of the word without its particle or ending; a document holds the word when it holds most of them. */
	readonly core: readonly QueryTerm[];
	/** Terms that span the particle or ending, or the space before the word. */
	readonly extra: readonly QueryTerm[];
}

/** A query term: a Hangul key or a word string. */
export type QueryTerm = number | string;

/** The largest number of words of a query that are analysed; the rest is ignored. */
const MAX_QUERY_UNITS = 16;

/**
 * Splits a query (NFKC-normalised, lower-cased) into words, dropping stop words and particles glued to
 * non-Hangul words (`SELinux는`). Korean words lose their particle or ending for their core terms:
 * `경로에` has core `경로` and extra `로에`; `적용하는` has core `적용` and extras `용하`, `하는`.
 */
export function analyzeQuery(text: string): QueryUnit[] {
	const units: QueryUnit[] = [];
	const n = text.length;
	let i = 0;
	let crossFrom = -1;
	let afterWord = false;
	while (i < n && units.length < MAX_QUERY_UNITS) {
		const code = text.charCodeAt(i);
		if (isHangulSyllable(code)) {
			const start = i;
			while (i < n && isHangulSyllable(text.charCodeAt(i))) i++;
			const word = text.slice(start, i);
			const glued = afterWord;
			const extra: QueryTerm[] = [];
			if (crossFrom >= 0) extra.push(crossKey(crossFrom, code));
			crossFrom = -1;
			let j = i;
			while (j < n && isSpace(text.charCodeAt(j))) j++;
			if (j > i && j < n && isHangulSyllable(text.charCodeAt(j))) crossFrom = text.charCodeAt(i - 1);
			afterWord = false;
			i = j;
			if (KOREAN_STOP_WORDS.has(word) || (glued && isSuffix(word))) continue;
			const coreLength = coreSyllables(word);
			const core: QueryTerm[] = [];
			if (coreLength === 1) core.push(unigramKey(code));
			for (let k = 1; k < word.length; k++) {
				const key = bigramKey(word.charCodeAt(k - 1), word.charCodeAt(k));
				(k < coreLength ? core : extra).push(key);
			}
			units.push({ core, extra });
		} else if (isWordCode(code)) {
			const start = i;
			while (i < n) {
				const c = text.charCodeAt(i);
				if (isHangulSyllable(c) || !isWordCode(c)) break;
				i++;
			}
			const term = wordTerm(text.slice(start, i));
			if (term !== null) units.push({ core: [term], extra: [] });
			crossFrom = -1;
			afterWord = true;
		} else {
			i++;
			crossFrom = -1;
			afterWord = false;
		}
	}
	return units;
}

function isSuffix(word: string): boolean {
	return KOREAN_SUFFIXES.has(word);
}

/** How many leading syllables of a Korean word are its stem: the word minus its longest known particle or ending, never less than one syllable (two for a one-syllable suffix). */
function coreSyllables(word: string): number {
	for (let length = Math.min(LONGEST_SUFFIX, word.length - 1); length >= 1; length--) {
		if (!KOREAN_SUFFIXES.has(word.slice(-length))) continue;
		const rest = word.length - length;
		if (rest >= 2 || (rest === 1 && length >= 2)) return rest;
	}
	return word.length;
}

/** Words that ask rather than name, dropped by {@link stripQuestion} on top of the stop words. */
const QUESTION_WORDS: ReadonlySet<string> = new Set(['explain', 'define', 'definition', 'meaning', 'mean', 'tell']);
const TRAILING_HANGUL = /[\uac00-\ud7a3]+$/u;
const WORD_EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * The name a question asks about, for name lookups: stop and question words dropped, the particle or ending
 * of each Korean word removed (`SELinux는 뭐야?` → `selinux`, `하이퍼바이저가 뭐야` → `하이퍼바이저`,
 * `what is apparmor` → `apparmor`). `text` is NFKC-normalised and lower-cased; the answer may be `''`.
 */
export function stripQuestion(text: string): string {
	const kept: string[] = [];
	for (const token of text.split(' ')) {
		const word = token.replace(WORD_EDGE_PUNCTUATION, '');
		if (word === '' || ENGLISH_STOP_WORDS.has(word) || QUESTION_WORDS.has(word) || KOREAN_STOP_WORDS.has(word))
			continue;
		const hangul = TRAILING_HANGUL.exec(word)?.[0] ?? '';
		if (hangul === '') {
			kept.push(word);
		} else if (hangul.length < word.length) {
			// A particle glued to a Latin word or a number: `selinux는`, `lvm이란`.
			kept.push(isSuffix(hangul) ? word.slice(0, -hangul.length) : word);
		} else {
			kept.push(word.slice(0, coreSyllables(word)));
		}
	}
	return kept.join(' ');
}
