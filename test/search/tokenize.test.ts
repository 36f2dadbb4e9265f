import { describe, expect, it } from 'vitest';
import {
	analyzeQuery,
	bigramKey,
	crossKey,
	indexForm,
	stem,
	stripQuestion,
	stripUrls,
	type TermSink,
	tokenize,
	unigramKey,
	wordTerm,
} from '../../src/search/tokenize.ts';

/** Terms of a text, Hangul keys spelled back as `bi:경로`, `x:일경`, `uni:키`. */
function terms(text: string): string[] {
	const out: string[] = [];
	const sink: TermSink = {
		hangul: (key) => out.push(spell(key)),
		word: (token) => out.push(token),
	};
	tokenize(indexForm(text), sink);
	return out;
}

const SYLLABLES = 11172;
function spell(key: number | string): string {
	if (typeof key === 'string') return key;
	const syllable = (offset: number): string => String.fromCharCode(0xac00 + offset);
	if (key >= 2 * SYLLABLES * SYLLABLES) return `uni:${syllable(key - 2 * SYLLABLES * SYLLABLES)}`;
	const cross = key >= SYLLABLES * SYLLABLES;
	const pair = cross ? key - SYLLABLES * SYLLABLES : key;
	return `${cross ? 'x' : 'bi'}:${syllable(Math.floor(pair / SYLLABLES))}${syllable(pair % SYLLABLES)}`;
}

describe('tokenize', () => {
	it('indexes Korean as bigrams, a bigram across one space, and the first syllable of short words', () => {
		expect(terms('파일 경로에 적용')).toEqual([
			'uni:파',
			'bi:파일',
			'x:일경',
			'bi:경로',
			'bi:로에',
			'x:에적',
			'uni:적',
			'bi:적용',
		]);
	});

	it('splits Latin from Hangul, lower-cases, stems and drops stop words', () => {
		expect(terms('The AppArmor는 applies to file Paths')).toEqual(['apparmor', 'uni:는', 'apply', 'file', 'path']);
		expect(terms('enforce모드')).toEqual(['enforce', 'uni:모', 'bi:모드']);
	});

	it('normalises width and compatibility forms', () => {
		expect(terms('ＳＥＬｉｎｕｘ')).toEqual(['selinux']);
	});

	it('does not bridge words across punctuation', () => {
		expect(terms('공간(Volume)을')).toEqual(['uni:공', 'bi:공간', 'volume', 'uni:을']);
	});
});

describe('stem', () => {
	it.each([
		['paths', 'path'],
		['applies', 'apply'],
		['applied', 'apply'],
		['modules', 'module'],
		['running', 'run'],
		['processes', 'process'],
		['install', 'install'],
		['linux', 'linux'],
		['status', 'status'],
		['analysis', 'analysis'],
	])('%s → %s', (word, stemmed) => {
		expect(stem(word)).toBe(stemmed);
	});
});

describe('wordTerm', () => {
	it('keeps digits, drops single letters, stop words and very long tokens', () => {
		expect(wordTerm('7')).toBe('7');
		expect(wordTerm('a')).toBe(null);
		expect(wordTerm('which')).toBe(null);
		expect(wordTerm('x'.repeat(41))).toBe(null);
		expect(wordTerm('files')).toBe('file');
	});
});

describe('stripUrls', () => {
	it('keeps link text and drops link targets and bare URLs', () => {
		expect(stripUrls('[논리적인 공간](https://example.com/a_b) 참고: https://x.org/y?z=1 끝')).toBe(
			'[논리적인 공간] 참고:   끝',
		);
		expect(stripUrls('no links')).toBe('no links');
	});
});

describe('analyzeQuery', () => {
	it('takes particles and endings off the core of Korean words', () => {
		const units = analyzeQuery('파일 경로에 적용하는');
		expect(units.map((unit) => ({ core: unit.core.map(spell), extra: unit.extra.map(spell) }))).toEqual([
			{ core: ['bi:파일'], extra: [] },
			{ core: ['bi:경로'], extra: ['x:일경', 'bi:로에'] },
			{ core: ['bi:적용'], extra: ['x:에적', 'bi:용하', 'bi:하는'] },
		]);
	});

	it('drops stop words, question words and particles glued to Latin words', () => {
		expect(analyzeQuery('selinux는 뭐야').map((unit) => unit.core.map(spell))).toEqual([['selinux']]);
		expect(analyzeQuery('which module').map((unit) => unit.core)).toEqual([['module']]);
		expect(analyzeQuery('키')).toEqual([{ core: [unigramKey('키'.charCodeAt(0))], extra: [] }]);
	});

	it('analyses at most 16 words', () => {
		expect(analyzeQuery('word '.repeat(40))).toHaveLength(16);
	});

	it('uses the same keys as the indexer', () => {
		expect(bigramKey('경'.charCodeAt(0), '로'.charCodeAt(0))).toBe(analyzeQuery('경로')[0]?.core[0]);
		expect(crossKey('일'.charCodeAt(0), '경'.charCodeAt(0))).toBe(analyzeQuery('파일 경로')[1]?.extra[0]);
	});
});

describe('stripQuestion', () => {
	it.each([
		['selinux는 뭐야?', 'selinux'],
		['하이퍼바이저가 뭐야', '하이퍼바이저'],
		['what is apparmor', 'apparmor'],
		['lvm이란', 'lvm'],
		['가상화를 설명해줘', '가상화'],
		['정의', '정의'],
		['뭐야', ''],
	])('%s → %s', (question, name) => {
		expect(stripQuestion(question)).toBe(name);
	});
});
