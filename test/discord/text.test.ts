import { describe, expect, it } from 'vitest';
import { neutraliseMentions, paginate, truncate } from '../../src/discord/text.ts';

describe('neutraliseMentions', () => {
	it('breaks @everyone, @here and raw mention syntax with a zero-width space', () => {
		expect(neutraliseMentions('hi @everyone and @here, <@123456789012345678> <@&42> <@!7>')).toBe(
			'hi @\u200beveryone and @\u200bhere, <@\u200b123456789012345678> <@\u200b&42> <@\u200b!7>',
		);
	});
	it('leaves e-mail addresses and other @ words alone', () => {
		expect(neutraliseMentions('mail me@example.com @alice')).toBe('mail me@example.com @alice');
	});
});

describe('truncate', () => {
	it('keeps short text as it is', () => {
		expect(truncate('SELinux', 10)).toBe('SELinux');
	});
	it('cuts to the limit and ends with an ellipsis', () => {
		expect(truncate('abcdefghij', 5)).toBe('abcd…');
		expect(truncate('abcdefghij', 5)).toHaveLength(5);
	});
	it('never splits a surrogate pair', () => {
		const cut = truncate('ab😀cd', 4);
		expect(cut).toBe('ab…');
	});
});

describe('paginate', () => {
	it('returns one page for short text', () => {
		expect(paginate('  hello\n\nworld  ', 100)).toEqual(['hello\n\nworld']);
	});
	it('returns one empty page for empty text', () => {
		expect(paginate('   ', 100)).toEqual(['']);
	});
	it('keeps every page within the limit and loses no word', () => {
		const paragraphs = Array.from({ length: 40 }, (_, i) => `문단 ${i} ${'가나다 '.repeat(20).trim()}`);
		const text = paragraphs.join('\n\n');
		const pages = paginate(text, 500);
		expect(pages.length).toBeGreaterThan(1);
		for (const page of pages) expect(page.length).toBeLessThanOrEqual(500);
		const words = (s: string): string[] => s.split(/\s+/).filter((w) => w !== '');
		expect(words(pages.join('\n'))).toEqual(words(text));
	});
	it('breaks at blank lines rather than inside a paragraph when it can', () => {
		const para = 'x'.repeat(150);
		const pages = paginate([para, para, para, para].join('\n\n'), 400);
		for (const page of pages) expect(page.split('\n\n').every((p) => p === para)).toBe(true);
	});
	it('closes a code block cut by a page break and reopens it on the next page', () => {
		const code = Array.from({ length: 60 }, (_, i) => `line ${i} = ${i * 2};`).join('\n');
		const pages = paginate(`intro\n\n\`\`\`ts\n${code}\n\`\`\`\n\nafter`, 300);
		expect(pages.length).toBeGreaterThan(2);
		for (const page of pages) {
			expect(page.length).toBeLessThanOrEqual(300);
			const fences = page.split('\n').filter((line) => line.startsWith('```')).length;
			expect(fences % 2).toBe(0);
		}
		expect(pages[1]?.startsWith('```ts\n')).toBe(true);
		expect(pages.at(-1)?.endsWith('after')).toBe(true);
	});
	it('hard-wraps a single line longer than a page', () => {
		const pages = paginate('y'.repeat(1000), 300);
		expect(pages.join('')).toBe('y'.repeat(1000));
		for (const page of pages) expect(page.length).toBeLessThanOrEqual(300);
	});
});
