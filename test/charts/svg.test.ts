import { describe, expect, it } from 'vitest';
import {
	ALT_MAX_CHARS,
	accuracyColor,
	cleanText,
	escapeXml,
	fitAlt,
	fitText,
	formatCount,
	LABEL_MAX_CODE_POINTS,
	textWidthPx,
} from '../../src/charts/svg.ts';

const graphemes = (text: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)];

describe('escapeXml', () => {
	it('escapes markup and quotes', () => {
		expect(escapeXml(`<script>&"'</script>`)).toBe('&lt;script&gt;&amp;&quot;&apos;&lt;/script&gt;');
	});

	it('replaces what XML cannot hold with U+FFFD and keeps tabs and line breaks', () => {
		expect(escapeXml('a\u0000b\u0007c\uFFFEd')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
		expect(escapeXml('lone \uD800 high, lone \uDC00 low')).toBe('lone \uFFFD high, lone \uFFFD low');
		expect(escapeXml('tab\tline\n')).toBe('tab\tline\n');
		expect(escapeXml('가상화 😀')).toBe('가상화 😀');
	});
});

describe('cleanText', () => {
	it('drops bidi controls, turns controls into spaces and collapses white space', () => {
		expect(cleanText('\u202Eevil\u202C name')).toBe('evil name');
		expect(cleanText('  two\n\nlines\u0085 here\t')).toBe('two lines here');
		expect(cleanText('\u2067שלום\u2069 x')).toBe('שלום x');
	});

	it('composes Hangul jamo into syllables and letters with their accents', () => {
		expect(cleanText('\u1100\u1161\u11A8 e\u0301')).toBe('각 é');
	});
});

describe('textWidthPx', () => {
	it("measures with the shipped font's advances: Hangul 0.92 em, bold wider than regular", () => {
		expect(textWidthPx('가나다', 10)).toBeCloseTo(27.6, 5);
		expect(textWidthPx('AW', 20, true)).toBeGreaterThan(textWidthPx('AW', 20));
		expect(textWidthPx('', 12)).toBe(0);
	});

	it("measures a character the font lacks as the missing-glyph box's 1 em", () => {
		expect(textWidthPx('\u{E000}', 16)).toBe(16);
	});
});

describe('fitText', () => {
	it('keeps a label that fits', () => {
		expect(fitText('가상화와 보안', 200, 14)).toBe('가상화와 보안');
	});

	it('cuts a long label with an ellipsis and stays within the width', () => {
		const fitted = fitText('운영체제 — 프로세스와 스레드 스케줄링 알고리즘 총정리', 150, 14);
		expect(fitted.endsWith('…')).toBe(true);
		expect(textWidthPx(fitted, 14)).toBeLessThanOrEqual(150);
		expect(fitted.length).toBeGreaterThan(3);
	});

	it('never cuts inside a grapheme', () => {
		for (const grapheme of ['🇰🇷', 'g\u0303', '👍🏽']) {
			const fitted = fitText(grapheme.repeat(20), 80, 16);
			expect(fitted.endsWith('…')).toBe(true);
			const kept = graphemes(fitted.slice(0, -1)).map((g) => g.segment);
			expect(kept.length).toBeGreaterThan(0);
			for (const segment of kept) expect(segment).toBe(grapheme);
		}
	});

	it('shortens a grapheme of more than four code points', () => {
		expect(fitText('q\u0301\u0302\u0303\u0304\u0305', 100, 16)).toBe('q\u0301\u0302\u0303');
	});

	it('caps the code points of a label of stacked marks, whatever its width', () => {
		const zalgo = 'z\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030a\u030b'.repeat(40);
		const fitted = fitText(zalgo, 10_000, 12);
		expect([...fitted].length).toBeLessThanOrEqual(LABEL_MAX_CODE_POINTS);
		expect(fitted.endsWith('…')).toBe(true);
	});

	it('returns nothing when not even the ellipsis fits', () => {
		expect(fitText('abc', 3, 16)).toBe('');
	});

	it('cleans the label first', () => {
		expect(fitText('\u202Eevil\nname', 500, 12)).toBe('evil name');
	});
});

describe('fitAlt', () => {
	it("cuts a description to Discord's limit without splitting a surrogate pair", () => {
		const alt = fitAlt('😀'.repeat(2000));
		expect(alt.length).toBeLessThanOrEqual(ALT_MAX_CHARS);
		expect(alt.endsWith('…')).toBe(true);
		expect(escapeXml(alt)).not.toContain('\uFFFD');
	});
});

describe('formatCount and accuracyColor', () => {
	it('groups thousands', () => {
		expect(formatCount(1234567)).toBe('1,234,567');
		expect(formatCount(0)).toBe('0');
	});

	it('runs from red through amber to green, with readable text on each', () => {
		expect(accuracyColor(0).fill).toBe('#cf222e');
		expect(accuracyColor(0.5).fill).toBe('#e3a008');
		expect(accuracyColor(1).fill).toBe('#1a7f37');
		expect(accuracyColor(2).fill).toBe('#1a7f37');
		expect(accuracyColor(0).text).toBe('#ffffff');
	});
});
