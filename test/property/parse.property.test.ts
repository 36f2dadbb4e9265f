/**
 * Properties of `parseNote` over generated Markdown: it never throws, every concept it returns keeps the Concept
 * contract, and no input of up to ~50 KB costs more than a bounded time, however hostile its nesting.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Concept } from '../../src/notes/concept.ts';
import { type ParsedNote, parseNote } from '../../src/notes/parse.ts';
import { propertyParameters } from '../support/property.ts';

const FILE = 'property/노트 1.md';
const ID_PREFIX = 'property/노트-1#';
/** Generous per-input bound for a note of up to ~50 KB on a slow shared machine. */
const MAX_PARSE_MS = 2_000;
const MAX_INPUT_CHARS = 50_000;

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

const KOREAN = [
	'가상화',
	'하이퍼바이즈',
	'강제 접근 통제',
	'프로세스와 스레드',
	'뮤텍스',
	'세마포어',
	'커널',
	'보안 모듈',
];
const ENGLISH = ['Hypervisor', 'SELinux', 'AppArmor', 'Mutex', 'Logical Volume Manager', 'process', 'the kernel'];
const EMOJI = ['😀', '👩‍💻', '🇰🇷', '👍🏽', '🧑‍🤝‍🧑', '1️⃣', '☕'];
/** Zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen. */
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
/** Hebrew, Arabic, right-to-left override and isolate marks. */
const RTL = ['שלום עולם', 'مرحبا بالعالم', '\u202eevil\u202c', '\u2067rtl\u2069', '\u200f'];
const COMBINING = ['e\u0301', 'a\u0308\u0323', '\u1100\u1161\u11a8', 'ᄀ\u0300'];
const MENTIONS = ['@everyone', '@here', '<@123>', '<@&456>', '<@!789>'];

const word = fc.oneof(
	fc.constantFrom(...KOREAN, ...ENGLISH),
	fc.constantFrom(...EMOJI, ...INVISIBLE, ...RTL, ...COMBINING, ...MENTIONS),
	fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
	fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
);

/** A line of prose: words with spaces, sometimes emphasis, code, links or wiki links in it. */
const inline: fc.Arbitrary<string> = fc
	.array(
		fc.oneof(
			{ weight: 6, arbitrary: word },
			{ weight: 1, arbitrary: word.map((w) => `**${w}**`) },
			{ weight: 1, arbitrary: word.map((w) => `*${w}*`) },
			{ weight: 1, arbitrary: word.map((w) => `_${w}_`) },
			{ weight: 1, arbitrary: word.map((w) => `~~${w}~~`) },
			{ weight: 1, arbitrary: word.map((w) => `==${w}==`) },
			{ weight: 1, arbitrary: word.map((w) => `\`${w}\``) },
			{ weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `[[${a}]] [[${a}|${b}]] [[${a}#${b}]]`) },
			{ weight: 1, arbitrary: word.map((w) => `![[${w}.png]]`) },
			{ weight: 1, arbitrary: word.map((w) => `[${w}](https://example.com/${encodeURIComponent(w)})`) },
			{ weight: 1, arbitrary: word.map((w) => `![${w}](img.png)`) },
			{ weight: 1, arbitrary: fc.constantFrom('https://example.com/a_b', 'user@example.com', '<https://x.y>') },
			{ weight: 1, arbitrary: fc.constantFrom('&amp;', '&#x1F600;', '&#55357;', '&nbsp;', '&bogus;', '&#0;') },
			{ weight: 1, arbitrary: fc.constantFrom('<kbd>Ctrl</kbd>', '<br>', '<b>굵게</b>', '<span class="x">', '</div>') },
			{
				weight: 1,
				arbitrary: fc.constantFrom('*', '**', '_', '__', '~', '`', '```', '[', ']', '[[', ']]', '\\', '<!--'),
			},
		),
		{ minLength: 1, maxLength: 10 },
	)
	.map((parts) => parts.join(' '));

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

const heading = fc.oneof(
	fc.tuple(fc.integer({ min: 1, max: 7 }), inline).map(([level, text]) => `${'#'.repeat(level)} ${text}`),
	// `#제목` without a space, and lines that only look like one.
	fc.tuple(fc.integer({ min: 1, max: 6 }), word).map(([level, text]) => `${'#'.repeat(level)}${text}`),
	fc.constantFrom('#2', '#include <stdio.h>', '#linux #study', '#', '##', '# ', '####### seven', '#\t탭'),
	fc
		.tuple(fc.integer({ min: 1, max: 6 }), inline)
		.map(([level, text]) => `${'#'.repeat(level)} ${text} ${'#'.repeat(level)}`),
	inline.map((text) => `${text}\n===`),
	inline.map((text) => `${text}\n---`),
	fc.tuple(fc.integer({ min: 0, max: 3 }), inline).map(([indent, text]) => `${' '.repeat(indent)}## ${text}`),
);

const marker = fc.constantFrom('-', '*', '+', '1.', '2)', '10.', '- [ ]', '- [x]');

/** A list whose items nest by indentation (sometimes deeper than Markdown allows a step to be). */
const list = fc
	.array(fc.tuple(fc.integer({ min: 0, max: 8 }), marker, inline), { minLength: 1, maxLength: 12 })
	.map((items) => items.map(([depth, mark, text]) => `${'  '.repeat(depth)}${mark} ${text}`).join('\n'));

/** The term forms the parser recognises, with random names and definitions. */
const term = fc.oneof(
	fc.tuple(word, inline).map(([name, def]) => `- ${name} : ${def}`),
	fc.tuple(word, inline).map(([name, def]) => `- ${name}\n\n  ${def}`),
	fc.tuple(word, inline).map(([name, def]) => `**${name}** — ${def}`),
	fc.tuple(word, inline).map(([name, def]) => `**${name}**: ${def}`),
	fc.tuple(word, inline).map(([name, def]) => `**${name}**는 ${def}`),
	fc.tuple(word, word, inline).map(([a, b, def]) => `1. ${a}(${b}) : ${def}`),
	fc.tuple(word, inline).map(([name, def]) => `#### ${name}\n- ${def}`),
);

const fence = fc.oneof(
	fc
		.tuple(
			fc.constantFrom('```', '~~~', '````'),
			fc.constantFrom('', 'ts', 'bash', 'c'),
			fc.array(inline, { maxLength: 5 }),
		)
		.map(([f, lang, lines]) => `${f}${lang}\n${lines.join('\n')}\n${f}`),
	// Unclosed: the rest of the note is code.
	fc
		.tuple(fc.constantFrom('```', '~~~'), fc.array(inline, { maxLength: 5 }))
		.map(([f, lines]) => `${f}\n# 코드 안의 제목\n${lines.join('\n')}`),
	fc.array(inline, { minLength: 1, maxLength: 4 }).map((lines) => lines.map((l) => `    ${l}`).join('\n')),
);

const table = fc.oneof(
	fc
		.tuple(fc.integer({ min: 1, max: 6 }), fc.array(fc.array(word, { minLength: 1, maxLength: 6 }), { maxLength: 6 }))
		.map(([cols, rows]) => {
			const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
			const header = row(Array.from({ length: cols }, (_, i) => `h${i}`));
			const rule = row(Array.from({ length: cols }, (_, i) => (i % 2 === 0 ? '---' : ':---:')));
			return [header, rule, ...rows.map(row)].join('\n');
		}),
	fc.constantFrom('| a | b |\n|---|\n| 1 |', '|||\n|-|-|', 'a | b\n-- | --\n1 | 2 | 3 | 4'),
);

const html = fc.oneof(
	inline.map((text) => `<details>\n<summary>${text}</summary>\n\n${text}\n</details>`),
	fc.constantFrom(
		'<div>\n<p>문단</p>\n</div>',
		'<script>alert("@everyone")</script>',
		'<style>p { color: red }</style>',
		'<!-- 닫히지 않은 주석',
		'<!-- 주석 --> 뒤 글',
		'<table><tr><td>1</td><td>2</td></tr></table>',
		'<![CDATA[ x ]]>',
		'<?php echo 1; ?>',
		'<ul><li>하나</li><li>둘</li></ul>',
		'<h2>HTML 제목</h2>',
		'<a href="https://example.com">링크</a>',
		'<img src="x.png" alt="그림">',
	),
);

const quote = fc
	.tuple(fc.integer({ min: 1, max: 6 }), fc.array(inline, { minLength: 1, maxLength: 4 }))
	.map(([depth, lines]) => lines.map((line) => `${'> '.repeat(depth)}${line}`).join('\n'));

/** Nesting far past what real notes use, which marked would otherwise pay for at every level. */
const deep = fc.oneof(
	fc.integer({ min: 20, max: 5_000 }).map((n) => `${'>'.repeat(n)} 바닥`),
	fc.integer({ min: 20, max: 2_500 }).map((n) => `${'- '.repeat(n)}바닥`),
	fc
		.integer({ min: 20, max: 400 })
		.map((n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- 단계 ${i}`).join('\n')),
	fc
		.integer({ min: 20, max: 400 })
		.map((n) => Array.from({ length: n }, (_, i) => `${'> '.repeat(i)}인용 ${i}`).join('\n')),
	fc.integer({ min: 20, max: 3_000 }).map((n) => `${'*a '.repeat(n)}b${' a*'.repeat(n)}`),
	fc.integer({ min: 20, max: 3_000 }).map((n) => `${'['.repeat(n)}x${']('.repeat(n)}`),
	fc.integer({ min: 20, max: 3_000 }).map((n) => `${'**'.repeat(n)}굵게${'__'.repeat(n)}`),
	fc.integer({ min: 20, max: 3_000 }).map((n) => '<a '.repeat(n)),
	fc.integer({ min: 20, max: 3_000 }).map((n) => `${'<!--'.repeat(n)}x`),
	fc.integer({ min: 20, max: 3_000 }).map((n) => `${'`'.repeat(n)}코드${'`'.repeat(n - 1)}`),
	fc.integer({ min: 20, max: 2_000 }).map((n) => `${'|'.repeat(n)}\n${'|-'.repeat(n)}|`),
	fc.integer({ min: 20, max: 3_000 }).map((n) => `${'[['.repeat(n)}링크`),
	fc.integer({ min: 20, max: 3_000 }).map((n) => `${'&#'.repeat(n)}`),
	fc.integer({ min: 20, max: 3_000 }).map((n) => `${'\\'.repeat(n)}\n`),
);

/** Units that cost a naive Markdown parser most per character, repeated to fill a whole ~50 KB note. */
const HOSTILE_UNITS = [
	'>',
	'> ',
	'- ',
	'1. ',
	'* ',
	'> - ',
	'*a ',
	'**',
	'__',
	'_a',
	'~~',
	'[',
	'](',
	'![',
	'[[',
	']]',
	'<a ',
	'<',
	'<!--',
	'<?',
	'<![CDATA[',
	'`',
	'`a',
	'|',
	'| a ',
	'&#',
	'\\',
	'a@',
	'http://',
	'==',
	'#',
	'#가\n',
	'>\n',
	'- a\n  ',
	' \n',
	'\t- ',
	'<a>',
	'===\n',
	'- ```\n',
	'[a](',
	'<x y="',
];

const hostileNote = fc
	.tuple(fc.constantFrom(...HOSTILE_UNITS), fc.integer({ min: 40_000, max: MAX_INPUT_CHARS }), fc.boolean())
	.map(([unit, chars, titled]) => {
		const body = unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
		return titled ? `# 제목\n\n${body}` : body;
	});

/** One line of up to tens of kilobytes, with or without spaces. */
const longLine = fc.oneof(
	fc.tuple(inline, fc.integer({ min: 100, max: 4_000 })).map(([text, n]) => `${text} `.repeat(n)),
	fc.integer({ min: 1_000, max: 40_000 }).map((n) => 'a'.repeat(n)),
	fc.integer({ min: 1_000, max: 20_000 }).map((n) => '가'.repeat(n)),
	fc.integer({ min: 200, max: 4_000 }).map((n) => `https://example.com/${'a/'.repeat(n)}`),
	fc.integer({ min: 200, max: 4_000 }).map((n) => `${'a.'.repeat(n)}@example.com`),
);

const frontMatter = fc.oneof(
	fc
		.tuple(word, word, word)
		.map(
			([a, b, t]) => `---\naliases: [${JSON.stringify(a)}, ${JSON.stringify(b)}]\ntags: ${JSON.stringify(t)}\n---\n`,
		),
	fc.constantFrom(
		'---\naliases:\n  - 하나\n  - two\ntags: [a, "#b", c]\n---\n',
		'---\naliases: [unclosed\n---\n',
		'---\n: : :\n---\n',
		'---\nkey: "unterminated\n---\n',
		'---\n- a list\n- not a mapping\n---\n',
		'---\nno closing fence\n',
		'---\r\ntags: crlf\r\n...\r\n',
		'---\n---\n',
		// A YAML alias bomb: bounded by the alias count the reader allows.
		'---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n',
		'---\naliases: !!binary aGVsbG8=\ntags: !custom x\n---\n',
	),
);

const block = fc.oneof(
	{ weight: 5, arbitrary: heading },
	{ weight: 5, arbitrary: inline },
	{ weight: 3, arbitrary: list },
	{ weight: 3, arbitrary: term },
	{ weight: 2, arbitrary: fence },
	{ weight: 1, arbitrary: table },
	{ weight: 2, arbitrary: html },
	{ weight: 2, arbitrary: quote },
	{ weight: 1, arbitrary: deep },
	{ weight: 1, arbitrary: longLine },
	{ weight: 1, arbitrary: fc.constantFrom('', '---', '***', '   ', '\t', '\u00a0', '\u2028') },
);

/** A whole note: optional BOM and front matter, then blocks separated by blank or single line breaks of any style. */
const markdown = fc
	.tuple(
		fc.boolean(),
		fc.option(frontMatter, { freq: 3 }),
		fc.array(fc.tuple(block, fc.constantFrom('\n\n', '\n', '\r\n\r\n', '\r\n', '\r', '\n\n\n')), {
			maxLength: 40,
			size: 'max',
		}),
	)
	.map(([bom, meta, blocks]) => {
		const text = `${bom ? '\ufeff' : ''}${meta ?? ''}${blocks.map(([b, sep]) => b + sep).join('')}`;
		return text.length > MAX_INPUT_CHARS ? text.slice(0, MAX_INPUT_CHARS) : text;
	});

// ---------------------------------------------------------------------------------------------
// The contract
// ---------------------------------------------------------------------------------------------

function lineCount(text: string): number {
	return text.split(/\r\n|\r|\n/).length;
}

/** Checks everything `Concept` and `ParsedNote` promise about one parsed note of `text`. */
function expectContract(note: ParsedNote, text: string): void {
	expect(note.file).toBe(FILE);
	expect(note.concepts.length).toBeGreaterThan(0);
	const lines = lineCount(text);
	const byId = new Map<string, Concept>();
	const position = new Map<string, number>();
	note.concepts.forEach((concept, index) => {
		expect(byId.has(concept.id), `duplicate id ${concept.id}`).toBe(false);
		byId.set(concept.id, concept);
		position.set(concept.id, index);
	});
	let previousLine = 0;
	for (const concept of note.concepts) {
		const where = `${concept.id} (line ${concept.source.line})`;
		expect(concept.id.startsWith(ID_PREFIX), where).toBe(true);
		expect(concept.id.length, where).toBeGreaterThan(ID_PREFIX.length);
		expect(concept.title.trim(), where).not.toBe('');
		expect(concept.title, where).not.toMatch(/[\n\r]/);
		expect(['section', 'term'], where).toContain(concept.kind);
		for (const alias of concept.aliases) {
			expect(typeof alias, where).toBe('string');
			expect(alias.trim(), where).not.toBe('');
		}
		expect(concept.aliases, where).not.toContain(concept.title);
		expect(typeof concept.definition, where).toBe('string');
		expect(typeof concept.body, where).toBe('string');
		expect(concept.facts.every((fact) => typeof fact === 'string')).toBe(true);
		expect(concept.tags.every((tag) => typeof tag === 'string' && tag !== '')).toBe(true);
		expect(concept.relatedIds, where).toEqual([]);

		expect(concept.source.file, where).toBe(FILE);
		expect(Number.isInteger(concept.source.line), where).toBe(true);
		expect(concept.source.line, where).toBeGreaterThanOrEqual(1);
		expect(concept.source.line, where).toBeLessThanOrEqual(lines);
		expect(concept.source.line, `${where}: concepts are in document order`).toBeGreaterThanOrEqual(previousLine);
		previousLine = concept.source.line;
		expect(concept.source.headingPath.length, where).toBeGreaterThan(0);

		const parent = concept.parentId === null ? undefined : byId.get(concept.parentId);
		if (concept.parentId !== null) {
			expect(parent, `${where}: parent ${concept.parentId} exists`).toBeDefined();
			expect(position.get(concept.parentId) ?? Infinity, `${where}: parent comes first`).toBeLessThan(
				position.get(concept.id) ?? -1,
			);
			expect(parent?.childIds, `${where}: listed by its parent`).toContain(concept.id);
		}
		if (concept.kind === 'term') {
			expect(parent?.kind, `${where}: a term belongs to a section`).toBe('section');
			expect(concept.source.headingPath, where).toEqual(parent?.source.headingPath);
		} else {
			expect(concept.source.headingPath.at(-1), where).toBe(concept.title);
			expect(concept.source.headingPath.slice(0, -1), where).toEqual(parent?.source.headingPath ?? []);
		}
		expect(new Set(concept.childIds).size, `${where}: children listed once`).toBe(concept.childIds.length);
		for (const childId of concept.childIds)
			expect(byId.get(childId)?.parentId, `${where} → ${childId}`).toBe(concept.id);
	}
	for (const [id, targets] of note.wikiLinks) {
		expect(byId.has(id), `wiki links of unknown concept ${id}`).toBe(true);
		expect(targets.length).toBeGreaterThan(0);
		expect(new Set(targets).size).toBe(targets.length);
		for (const target of targets) expect(target.trim()).not.toBe('');
	}
	for (const warning of note.warnings) expect(warning.file).toBe(FILE);
}

/** Parses `text`, checking the contract and the time bound. */
function parseChecked(text: string): ParsedNote {
	const started = performance.now();
	const note = parseNote(FILE, text);
	const elapsedMs = performance.now() - started;
	expect(elapsedMs, `parsing ${text.length} characters took ${Math.round(elapsedMs)} ms`).toBeLessThan(MAX_PARSE_MS);
	expectContract(note, text);
	return note;
}

describe('parseNote on generated Markdown', () => {
	it('never throws, keeps the Concept contract and stays within the time bound', () => {
		fc.assert(
			fc.property(markdown, (text) => {
				parseChecked(text);
			}),
			propertyParameters(300),
		);
	});

	it('bounds hostile nesting and long lines: each note of ~50 KB parses within the bound', () => {
		const hostile = fc.oneof(
			hostileNote,
			fc
				.array(fc.oneof(deep, longLine), { minLength: 1, maxLength: 4 })
				.map((parts) => `# 제목\n\n${parts.join('\n\n')}`.slice(0, MAX_INPUT_CHARS)),
		);
		fc.assert(
			fc.property(hostile, (text) => {
				parseChecked(text);
			}),
			propertyParameters(60),
		);
	});

	it('keeps a heading on the first line as the first concept, whatever follows it', () => {
		const titled = fc.tuple(fc.constantFrom(...KOREAN, ...ENGLISH), fc.array(block, { maxLength: 8 }));
		fc.assert(
			fc.property(titled, ([title, after]) => {
				const note = parseChecked(`# ${title}\n\n${after.join('\n\n')}`);
				expect(note.concepts[0]).toMatchObject({ title, kind: 'section', parentId: null });
				expect(note.concepts[0]?.source.line).toBe(1);
			}),
			propertyParameters(150),
		);
	});
});

describe('parseNote on arbitrary strings', () => {
	it('never throws on any UTF-16 string, lone surrogates included', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 3_000 }), (text) => {
				parseChecked(text);
			}),
			propertyParameters(400),
		);
	});

	it('never throws on strings made of Markdown punctuation and line breaks', () => {
		const punctuation = fc.string({
			unit: fc.constantFrom(
				'#',
				'*',
				'_',
				'`',
				'~',
				'>',
				'-',
				'+',
				'|',
				'[',
				']',
				'(',
				')',
				'<',
				'!',
				'=',
				':',
				'\n',
				' ',
				'\t',
				'가',
				'a',
				'1',
				'.',
			),
			maxLength: 2_000,
		});
		fc.assert(
			fc.property(punctuation, (text) => {
				parseChecked(text);
			}),
			propertyParameters(400),
		);
	});
});
