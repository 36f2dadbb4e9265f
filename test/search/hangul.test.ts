import { describe, expect, it } from 'vitest';
import {
	decomposeHangul,
	hasHangulSyllable,
	initialConsonants,
	isConsonantJamo,
	isHangulSyllable,
	isInitialsQuery,
	isMixedInitialsQuery,
	matchesInitialsPattern,
} from '../../src/search/hangul.ts';

describe('decomposeHangul', () => {
	it('spells syllables as the jamo typed, in compatibility jamo', () => {
		expect(decomposeHangul('하이퍼바이저')).toBe('ㅎㅏㅇㅣㅍㅓㅂㅏㅇㅣㅈㅓ');
		expect(decomposeHangul('가상화')).toBe('ㄱㅏㅅㅏㅇㅎㅗㅏ');
	});

	it('splits compound vowels and compound finals but keeps double consonants whole', () => {
		expect(decomposeHangul('괜')).toBe('ㄱㅗㅐㄴ');
		expect(decomposeHangul('닭')).toBe('ㄷㅏㄹㄱ');
		expect(decomposeHangul('없')).toBe('ㅇㅓㅂㅅ');
		expect(decomposeHangul('의')).toBe('ㅇㅡㅣ');
		expect(decomposeHangul('까')).toBe('ㄲㅏ');
		expect(decomposeHangul('있')).toBe('ㅇㅣㅆ');
	});

	it('makes a half-typed word a prefix of the whole word', () => {
		expect(decomposeHangul('가상화').startsWith(decomposeHangul('가사'))).toBe(true);
		expect(decomposeHangul('가상화').startsWith(decomposeHangul('갓'))).toBe(true);
	});

	it('makes one mistyped vowel one jamo apart', () => {
		expect(decomposeHangul('하이퍼바이즈')).toBe('ㅎㅏㅇㅣㅍㅓㅂㅏㅇㅣㅈㅡ');
	});

	it('maps conjoining jamo (what NFKC makes of compatibility jamo) and compound compatibility jamo', () => {
		expect(decomposeHangul('ㅎㅇ'.normalize('NFKC'))).toBe('ㅎㅇ');
		expect(decomposeHangul('ㄳㅘ')).toBe('ㄱㅅㅗㅏ');
		expect(decomposeHangul('\u1100\u1161\u11a8')).toBe('ㄱㅏㄱ');
	});

	it('leaves other characters as they are', () => {
		expect(decomposeHangul('SELinux 모듈!')).toBe('SELinux ㅁㅗㄷㅠㄹ!');
		expect(decomposeHangul('')).toBe('');
		expect(decomposeHangul('😀')).toBe('😀');
	});
});

describe('initialConsonants', () => {
	it('takes the initial of each syllable', () => {
		expect(initialConsonants('하이퍼바이저')).toBe('ㅎㅇㅍㅂㅇㅈ');
		expect(initialConsonants('강제접근제어')).toBe('ㄱㅈㅈㄱㅈㅇ');
		expect(initialConsonants('까치')).toBe('ㄲㅊ');
	});

	it('keeps other characters and consonant jamo, and drops lone vowels', () => {
		expect(initialConsonants('VM과 컨테이너')).toBe('VMㄱ ㅋㅌㅇㄴ');
		expect(initialConsonants('ㄱㅏ나')).toBe('ㄱㄴ');
		expect(initialConsonants('ㅎㅇ'.normalize('NFKC'))).toBe('ㅎㅇ');
	});
});

describe('isInitialsQuery', () => {
	it('accepts consonant jamo with spaces', () => {
		expect(isInitialsQuery('ㅎㅇㅍㅂㅇㅈ')).toBe(true);
		expect(isInitialsQuery(' ㄱㅈ ㅈㄱ ㅈㅇ ')).toBe(true);
		expect(isInitialsQuery('ㅎㅇ'.normalize('NFKC'))).toBe(true);
	});

	it('rejects syllables, vowels, Latin letters and empty input', () => {
		expect(isInitialsQuery('ㅎㅇ파')).toBe(false);
		expect(isInitialsQuery('ㅎㅏ')).toBe(false);
		expect(isInitialsQuery('ㅎa')).toBe(false);
		expect(isInitialsQuery('')).toBe(false);
		expect(isInitialsQuery('   ')).toBe(false);
	});
});

describe('isMixedInitialsQuery and matchesInitialsPattern', () => {
	it('recognises syllables mixed with initials', () => {
		expect(isMixedInitialsQuery('ㄱㅅ화')).toBe(true);
		expect(isMixedInitialsQuery('가ㅅ ㅎ')).toBe(true);
		expect(isMixedInitialsQuery('가상화')).toBe(false);
		expect(isMixedInitialsQuery('ㄱㅅㅎ')).toBe(false);
		expect(isMixedInitialsQuery('ㄱㅅa')).toBe(false);
	});

	it('matches a consonant against a syllable initial and a syllable against itself', () => {
		expect(matchesInitialsPattern('가상화의종류', 'ㄱㅅ화')).toBe(true);
		expect(matchesInitialsPattern('가상화', '가ㅅ')).toBe(true);
		expect(matchesInitialsPattern('가상화', 'ㄱ사')).toBe(false);
		expect(matchesInitialsPattern('가상', 'ㄱㅅㅎ')).toBe(false);
		expect(matchesInitialsPattern('가상화', 'ㄱㅅ'.normalize('NFKC'))).toBe(true);
	});
});

describe('code unit classes', () => {
	it('tells syllables and consonant jamo apart', () => {
		expect(isHangulSyllable('가'.charCodeAt(0))).toBe(true);
		expect(isHangulSyllable('ㄱ'.charCodeAt(0))).toBe(false);
		expect(isConsonantJamo('ㄱ'.charCodeAt(0))).toBe(true);
		expect(isConsonantJamo('ㅏ'.charCodeAt(0))).toBe(false);
		expect(hasHangulSyllable('abc 가')).toBe(true);
		expect(hasHangulSyllable('abc ㄱ')).toBe(false);
	});
});
