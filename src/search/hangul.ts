/**
 * Pure Hangul helpers for search: jamo decomposition (for typo distance and prefix-while-typing)
 * and initial consonants (초성) for `ㅎㅇㅍㅂㅇㅈ`-style queries.
 *
 * Every function accepts the three encodings a string may carry: precomposed syllables (U+AC00–U+D7A3),
 * compatibility jamo (U+3131–U+318E, what a keyboard types) and conjoining jamo (U+1100–U+11FF, what NFKC
 * turns compatibility jamo into: `normalize('NFKC')` maps `ㅎ` to U+1112). Output jamo are always
 * compatibility jamo, so strings from either side compare equal.
 */

const SYLLABLE_FIRST = 0xac00;
const SYLLABLE_LAST = 0xd7a3;
const MEDIALS_TIMES_FINALS = 21 * 28;
const FINALS = 28;

/** The 19 initial consonants in Unicode order. */
const INITIALS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
/** The 21 medial vowels in Unicode order; compound vowels typed as two keys are split (`ㅘ` → `ㅗㅏ`). */
const MEDIALS: readonly string[] = 'ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅗㅏ ㅗㅐ ㅗㅣ ㅛ ㅜ ㅜㅓ ㅜㅔ ㅜㅣ ㅠ ㅡ ㅡㅣ ㅣ'.split(
	' ',
);
/** The 28 finals (index 0: none); compound finals are split (`ㄺ` → `ㄹㄱ`). Double consonants (`ㄲ`, `ㅆ`) are one key and stay whole. */
const FINALS_SPLIT: readonly string[] =
	' ㄱ ㄲ ㄱㅅ ㄴ ㄴㅈ ㄴㅎ ㄷ ㄹ ㄹㄱ ㄹㅁ ㄹㅂ ㄹㅅ ㄹㅌ ㄹㅍ ㄹㅎ ㅁ ㅂ ㅂㅅ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ'.split(' ');

/** Compatibility jamo U+3131–U+3163 → their split form (compounds split, others unchanged). */
const COMPAT_SPLIT: readonly string[] = (() => {
	const table: string[] = [];
	for (let code = 0x3131; code <= 0x3163; code++) table.push(String.fromCharCode(code));
	const compounds: Record<string, string> = {
		ㄳ: 'ㄱㅅ',
		ㄵ: 'ㄴㅈ',
		ㄶ: 'ㄴㅎ',
		ㄺ: 'ㄹㄱ',
		ㄻ: 'ㄹㅁ',
		ㄼ: 'ㄹㅂ',
		ㄽ: 'ㄹㅅ',
		ㄾ: 'ㄹㅌ',
		ㄿ: 'ㄹㅍ',
		ㅀ: 'ㄹㅎ',
		ㅄ: 'ㅂㅅ',
		ㅘ: 'ㅗㅏ',
		ㅙ: 'ㅗㅐ',
		ㅚ: 'ㅗㅣ',
		ㅝ: 'ㅜㅓ',
		ㅞ: 'ㅜㅔ',
		ㅟ: 'ㅜㅣ',
		ㅢ: 'ㅡㅣ',
	};
	for (const [whole, split] of Object.entries(compounds)) table[whole.charCodeAt(0) - 0x3131] = split;
	return table;
})();

/** Whether a UTF-16 code unit is a precomposed Hangul syllable. */
export function isHangulSyllable(code: number): boolean {
	return code >= SYLLABLE_FIRST && code <= SYLLABLE_LAST;
}

/** Whether a UTF-16 code unit is a Hangul consonant jamo: compatibility (`ㄱ`–`ㅎ`), conjoining initial or conjoining final. */
export function isConsonantJamo(code: number): boolean {
	return (code >= 0x3131 && code <= 0x314e) || (code >= 0x1100 && code <= 0x1112) || (code >= 0x11a8 && code <= 0x11c2);
}

/** Whether the text contains at least one precomposed Hangul syllable. */
export function hasHangulSyllable(text: string): boolean {
	for (let i = 0; i < text.length; i++) if (isHangulSyllable(text.charCodeAt(i))) return true;
	return false;
}

/**
 * The compatibility-jamo spelling of one modern jamo code unit (compat or conjoining), compounds split;
 * `null` when the code unit is not a modern jamo.
 */
function jamoOf(code: number): string | null {
	if (code >= 0x3131 && code <= 0x3163) return COMPAT_SPLIT[code - 0x3131] ?? null;
	if (code >= 0x1100 && code <= 0x1112) return INITIALS[code - 0x1100] ?? null;
	if (code >= 0x1161 && code <= 0x1175) return MEDIALS[code - 0x1161] ?? null;
	if (code >= 0x11a8 && code <= 0x11c2) return FINALS_SPLIT[code - 0x11a8 + 1] ?? null;
	return null;
}

/**
 * Spells Hangul as the keys typed: each syllable becomes its jamo, compound medials and finals split
 * (`괜` → `ㄱㅗㅐㄴ`, `닭` → `ㄷㅏㄹㄱ`), so that one mistyped key is one edit and a half-typed word is a prefix
 * (`가사` is a prefix of `가상화`'s spelling). Jamo become compatibility jamo; everything else is unchanged.
 */
export function decomposeHangul(text: string): string {
	let out = '';
	let runStart = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		let jamo: string | null;
		if (code >= SYLLABLE_FIRST && code <= SYLLABLE_LAST) {
			const offset = code - SYLLABLE_FIRST;
			jamo =
				(INITIALS[(offset / MEDIALS_TIMES_FINALS) | 0] ?? '') +
				(MEDIALS[((offset % MEDIALS_TIMES_FINALS) / FINALS) | 0] ?? '') +
				(FINALS_SPLIT[offset % FINALS] ?? '');
		} else if (code >= 0x1100 && code <= 0x3163) {
			jamo = jamoOf(code);
		} else {
			continue;
		}
		if (jamo === null) continue;
		if (i > runStart) out += text.slice(runStart, i);
		out += jamo;
		runStart = i + 1;
	}
	return runStart === 0 ? text : out + text.slice(runStart);
}

/**
 * The initial consonants (초성) of a string: each syllable becomes its initial (`하이퍼바이저` → `ㅎㅇㅍㅂㅇㅈ`),
 * consonant jamo become compatibility jamo, vowel jamo are dropped, and every other character is kept as is
 * (`VM과` → `VMㄱ`), so the result of a compact name can be prefix-matched by a 초성 query.
 */
export function initialConsonants(text: string): string {
	let out = '';
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code >= SYLLABLE_FIRST && code <= SYLLABLE_LAST) {
			out += INITIALS[((code - SYLLABLE_FIRST) / MEDIALS_TIMES_FINALS) | 0] ?? '';
		} else if (isConsonantJamo(code)) {
			out += jamoOf(code) ?? '';
		} else if ((code >= 0x314f && code <= 0x3163) || (code >= 0x1161 && code <= 0x1175)) {
			// A lone vowel is not part of any initials spelling.
		} else {
			out += text[i];
		}
	}
	return out;
}

/**
 * Whether the text is a 초성 query: at least one consonant jamo and nothing else but whitespace
 * (`ㅎㅇㅍㅂㅇㅈ`, `ㄱㅈ ㅈㄱ ㅈㅇ`). Syllables, vowels, Latin letters or digits make it an ordinary query.
 */
export function isInitialsQuery(text: string): boolean {
	let consonants = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (isConsonantJamo(code)) consonants++;
		else if (!isWhitespace(code)) return false;
	}
	return consonants > 0;
}

/**
 * Whether the text mixes 초성 with whole syllables (`ㄱㅅ화`, `가ㅅㅎ`): only syllables, consonant jamo and
 * whitespace, with at least one of each of the first two. Such a query is matched position by position:
 * a syllable must equal the name's syllable, a consonant its initial.
 */
export function isMixedInitialsQuery(text: string): boolean {
	let consonants = 0;
	let syllables = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (isConsonantJamo(code)) consonants++;
		else if (isHangulSyllable(code)) syllables++;
		else if (!isWhitespace(code)) return false;
	}
	return consonants > 0 && syllables > 0;
}

/**
 * Whether `name` (a compact key) starts with the mixed pattern `pattern` (compact, syllables and consonant jamo):
 * each consonant of the pattern matches the initial of the name's syllable (or the same consonant jamo),
 * each other character must be equal.
 */
export function matchesInitialsPattern(name: string, pattern: string): boolean {
	if (pattern.length > name.length) return false;
	for (let i = 0; i < pattern.length; i++) {
		const want = pattern.charCodeAt(i);
		const have = name.charCodeAt(i);
		if (want === have) continue;
		if (!isConsonantJamo(want)) return false;
		const wantJamo = jamoOf(want);
		if (isHangulSyllable(have)) {
			if (INITIALS[((have - SYLLABLE_FIRST) / MEDIALS_TIMES_FINALS) | 0] !== wantJamo) return false;
		} else if (!isConsonantJamo(have) || jamoOf(have) !== wantJamo) {
			return false;
		}
	}
	return true;
}

function isWhitespace(code: number): boolean {
	return (
		code === 0x20 ||
		(code >= 0x09 && code <= 0x0d) ||
		code === 0xa0 ||
		code === 0x3000 ||
		code === 0xfeff ||
		(code >= 0x2000 && code <= 0x200b)
	);
}
