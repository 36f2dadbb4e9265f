import { describe, expect, it } from 'vitest';
import { LANGS, langOf, numberLocale } from '../../src/i18n/locale.ts';
import { allCatalogs, fallbackMessages, messagesFor, messagesIn } from '../../src/i18n/messages.ts';

/** One text of a catalog: its dotted path (`daily.problems.noAccess`) and its value. */
interface Leaf {
	readonly path: string;
	readonly value: unknown;
}

/** Every leaf of a catalog, depth first; arrays are walked like objects, by index. */
function leaves(node: unknown, path = ''): Leaf[] {
	if (typeof node === 'object' && node !== null)
		return Object.entries(node).flatMap(([key, child]) => leaves(child, path === '' ? key : `${path}.${key}`));
	return [{ path, value: node }];
}

/**
 * A parameter object that works for any text: each property reads as `3` in arithmetic and comparisons, as `3` in a
 * template, and has every method (a string method gives `'3'`, anything else another such value).
 */
function sampleValue(): unknown {
	const target = () => undefined;
	return new Proxy(target, {
		get(_target, key) {
			if (key === Symbol.toPrimitive) return (hint: string) => (hint === 'number' ? 3 : '3');
			if (key === 'length') return 3;
			if (typeof key === 'symbol') return undefined;
			return sampleValue();
		},
		apply() {
			return '3';
		},
	});
}

function sampleParams(): unknown {
	return new Proxy({}, { get: (_target, key) => (typeof key === 'symbol' ? undefined : sampleValue()) });
}

/** What a leaf shows a member: the text itself, or a function's text for the sample parameters. */
function shown(leaf: Leaf): unknown {
	return typeof leaf.value === 'function' ? (leaf.value as (p: unknown) => unknown)(sampleParams()) : leaf.value;
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/;

/**
 * Korean texts that are rightly without Hangul, with the reason. Everything else in the Korean catalog must contain
 * Hangul, so a text copied over from English and left untranslated fails here.
 */
const LANGUAGE_NEUTRAL: Readonly<Record<string, string>> = {
	'server.participationRange': 'two dates and a dash',
	'server.topicLine': 'a topic, a percentage and a count of answers: names and numbers only',
};

describe('message catalogs', () => {
	const catalogs = allCatalogs();

	it('have the same domains and keys in every language', () => {
		const english = leaves(catalogs.en).map((leaf) => leaf.path);
		expect(english.length).toBeGreaterThan(100);
		for (const lang of LANGS) expect(leaves(catalogs[lang]).map((leaf) => leaf.path)).toEqual(english);
	});

	it('hold only non-empty texts or functions', () => {
		for (const lang of LANGS) {
			for (const leaf of leaves(catalogs[lang])) {
				const ok = typeof leaf.value === 'function' || (typeof leaf.value === 'string' && leaf.value.trim().length > 0);
				expect(ok, `${lang}: ${leaf.path}`).toBe(true);
			}
		}
	});

	it('give a non-empty text from every function, in every language, for sample parameters', () => {
		for (const lang of LANGS) {
			for (const leaf of leaves(catalogs[lang]).filter((l) => typeof l.value === 'function')) {
				const text = shown(leaf);
				expect(typeof text, `${lang}: ${leaf.path}`).toBe('string');
				expect((text as string).trim().length, `${lang}: ${leaf.path}`).toBeGreaterThan(0);
			}
		}
	});

	it('write Korean in Hangul, but for the listed language-neutral texts', () => {
		const untranslated = leaves(catalogs.ko)
			.filter((leaf) => !(leaf.path in LANGUAGE_NEUTRAL))
			.filter((leaf) => !HANGUL.test(String(shown(leaf))))
			.map((leaf) => leaf.path);
		expect(untranslated).toEqual([]);
	});

	it('differ between the languages for every text but the language-neutral ones', () => {
		const english = new Map(leaves(catalogs.en).map((leaf) => [leaf.path, String(shown(leaf))]));
		const same = leaves(catalogs.ko)
			.filter((leaf) => !(leaf.path in LANGUAGE_NEUTRAL) && english.get(leaf.path) === String(shown(leaf)))
			.map((leaf) => leaf.path);
		expect(same).toEqual([]);
	});

	it('format numbers and plurals for the language', () => {
		expect(messagesIn('en').scores.points({ points: 1 })).toBe('1 point');
		expect(messagesIn('en').scores.points({ points: 1234 })).toBe('1,234 points');
		expect(messagesIn('ko').scores.points({ points: 1234 })).toBe('1,234점');
		expect(messagesIn('ko').scores.rank({ rank: 1, ranked: 21 })).toBe('21명 중 1위');
		expect(messagesIn('en').search.footer({ shown: 1, total: 1 })).toBe('1 of 1 result');
		expect(messagesIn('en').search.footer({ shown: 5, total: 12 })).toBe('5 of 12 results');
	});
});

describe('languages', () => {
	it.each([
		['ko', 'ko'],
		['en-US', 'en'],
		['en-GB', 'en'],
		['de', 'en'],
		['ja', 'en'],
		['', 'en'],
		[undefined, 'en'],
		[null, 'en'],
	] as const)('reads the locale %s as %s', (locale, lang) => {
		expect(langOf(locale)).toBe(lang);
	});

	it('gives the messages of the locale, English for any other, and English as the fallback', () => {
		expect(messagesFor('ko')).toBe(messagesIn('ko'));
		expect(messagesFor('en-US')).toBe(messagesIn('en'));
		expect(messagesFor('fr')).toBe(messagesIn('en'));
		expect(messagesFor(undefined)).toBe(messagesIn('en'));
		expect(fallbackMessages()).toBe(messagesIn('en'));
	});

	it('formats numbers with the tag of the language', () => {
		expect(numberLocale('ko')).toBe('ko-KR');
		expect(numberLocale('en')).toBe('en-US');
	});
});
