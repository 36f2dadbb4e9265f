/**
 * Markdown note → concepts, for one file on its own (no I/O, no cross-file knowledge).
 *
 * Structure comes from a real Markdown parser: marked's lexer with GFM, through a tokenizer that bounds the work
 * any text can cost ({@link NoteTokenizer}). marked knows no front matter and gives no positions, so a leading YAML
 * block is cut off here and 1-based lines are counted along the tokens' raw text ({@link locate}). Only `#제목`
 * headings written without a space are patched at the source level, using the lexed paragraphs, and the text is
 * then lexed a second time. A text is never lexed more than twice, except to recover from marked overflowing the
 * stack.
 */
import { Hooks, Lexer, type MarkedToken, type Token, Tokenizer, type Tokens } from 'marked';
import { parseDocument } from 'yaml';
import { compactKey } from '../search/normalize.ts';
import type { Concept, ConceptKind, NoteWarning } from './concept.ts';

/** One note file parsed on its own. Concepts are in document order and not yet linked: `relatedIds` are empty. */
export interface ParsedNote {
	readonly file: string;
	readonly concepts: Concept[];
	/** Raw `[[wiki link]]` targets (the part before `|`, e.g. `Note#Heading`) per concept id, deduplicated, in order of appearance. */
	readonly wikiLinks: ReadonlyMap<string, readonly string[]>;
	readonly warnings: NoteWarning[];
}

const MAX_DEFINITION_CHARS = 400;
const MAX_FACT_CHARS = 300;
const MAX_TERM_CHARS = 40;
const MAX_TERM_WORDS = 5;
const MAX_ALIAS_PART_WORDS = 4;
const MAX_EXPANSION_WORDS = 6;
const MAX_SLUG_CHARS = 60;
const MAX_UNTITLED_TITLE_CHARS = 80;
const MAX_FRONT_MATTER_CHARS = 64 * 1024;
/**
 * Block quotes and lists nested deeper than this (counted together) are read as paragraph text: marked lexes the
 * rest of a container again at each level, so the cost of a note grows with this depth. Real notes never get that
 * deep.
 */
const MAX_CONTAINERS = 16;
/** Emphasis and links nested deeper than this inside a paragraph are read as plain text, so rendering stays shallow. */
const MAX_NESTING = 32;
/** marked re-lexes a block quote once per run of lazy lines and copies what is left each time: one quote token takes at most this many runs. */
const MAX_LAZY_RUNS = 8;
/**
 * Plain text and hard breaks are matched in windows of this many characters: marked's rules for them look ahead for
 * an e-mail `@` or a line break at every token, across any run of word characters or spaces.
 */
const TEXT_WINDOW = 64;
/** The longest backtick run that opens a code span, and the longest code span; longer ones are text. */
const MAX_CODE_TICKS = 16;
const CODE_WINDOW = 4096;
/** The longest bare URL and e-mail address recognised; longer ones are partly text. */
const URL_WINDOW = 4096;
const EMAIL_WINDOW = 256;
/**
 * Emphasis costs marked up to (delimiters × length) of an inline run. A run over either limit, or once the note has
 * spent its whole budget, keeps its `*`, `_` and `~` as text: the same limit also keeps emphasis from nesting deep
 * enough to overflow marked's stack.
 */
const MAX_RUN_DELIMITERS = 2000;
const MAX_RUN_DELIMITER_WORK = 20_000_000;
const MAX_NOTE_DELIMITER_WORK = 200_000_000;

/** A block of inline content: a paragraph, or the `text` block marked lexes as the content of a tight list item. */
type Paragraph = Tokens.Paragraph | Tokens.Text;
/** The 1-based source line of block tokens, list items and paragraphs. */
type Lines = Map<Token, number>;

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/**
 * Parses one note. `file` is the path relative to the notes folder with `/` separators; it names the
 * concepts' ids and the warnings. Never throws on any text, and costs time roughly linear in its length.
 */
export function parseNote(file: string, text: string): ParsedNote {
	const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	// CR LF and lone CR end lines too; as LF the line count, hence every line number, is unchanged.
	const source = unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
	const warnings: NoteWarning[] = [];
	const block = frontMatterBlock(source);
	const meta = block ? readFrontMatter(block.yaml, file, warnings) : NO_FRONT_MATTER;
	// The front matter becomes blank lines, so offsets past it and every line number stay the author's.
	const markdown = block && !meta.isContent ? '\n'.repeat(block.lines) + source.slice(block.end + 1) : source;
	let lexed = lex(markdown);
	let lines = locateAll(lexed.tokens, markdown);
	const insertions = hashHeadingInsertions(lexed.tokens, markdown, lines);
	if (insertions.length > 0) {
		// Second and last lex: the same lines with one more space, so every line number still points at the author's line.
		const patched = insertAt(markdown, insertions, ' ');
		lexed = lex(patched);
		lines = locateAll(lexed.tokens, patched);
	}
	const { tokens } = lexed;
	if (lexed.deep) flattenDeepest(tokens, lines);
	const ctx: NoteContext = { file, fileName: noteName(file), lines, paragraphs: new Map() };
	const drafts = buildDrafts(tokens, ctx, warnings);
	applyFrontMatter(drafts, meta);
	assignIds(drafts);
	return finish(file, drafts, warnings);
}

interface NoteContext {
	readonly file: string;
	/** The file's base name without extension: the title of its untitled parts. */
	readonly fileName: string;
	/** Where each block token starts; blocks made up here (parts of a list) are added as they are made. */
	readonly lines: Lines;
	/** {@link paragraphLines} of each paragraph, computed once: several rules read the same paragraph. */
	readonly paragraphs: Map<Paragraph, readonly Line[]>;
}

/** A concept under construction; turned into a frozen {@link Concept} by {@link finish}. */
interface Draft {
	readonly kind: ConceptKind;
	title: string;
	aliases: string[];
	definition: string;
	body: string;
	readonly line: number;
	headingPath: string[];
	readonly parent: Draft | null;
	readonly children: Draft[];
	facts: string[];
	tags: string[];
	readonly wiki: string[];
	/** The id part after `#`, set by {@link assignIds}. */
	key: string;
}

function finish(file: string, drafts: readonly Draft[], warnings: NoteWarning[]): ParsedNote {
	const prefix = `${fileSlug(file)}#`;
	const wikiLinks = new Map<string, readonly string[]>();
	const concepts = drafts.map((d): Concept => {
		const id = prefix + d.key;
		if (d.wiki.length > 0) wikiLinks.set(id, uniqueStrings(d.wiki));
		return {
			id,
			title: d.title,
			aliases: d.aliases,
			definition: d.definition,
			body: d.body,
			source: { file, headingPath: d.headingPath, line: d.line },
			kind: d.kind,
			parentId: d.parent ? prefix + d.parent.key : null,
			childIds: d.children.map((c) => prefix + c.key),
			relatedIds: [],
			facts: d.facts,
			tags: d.tags,
		};
	});
	return { file, concepts, wikiLinks, warnings };
}

// ---------------------------------------------------------------------------------------------
// Ids and names
// ---------------------------------------------------------------------------------------------

/** NFKC lower case; letters (Hangul included), digits and marks kept, every other run becomes one `-`; at most `max` (60) characters. */
export function slugify(text: string, max = MAX_SLUG_CHARS): string {
	const slug = text
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
		.replace(/^-+|-+$/g, '');
	if (slug.length <= max) return slug;
	let cut = slug.slice(0, max);
	if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
	return cut.replace(/-+$/, '');
}

/**
 * The id prefix of a note: its path without the `.md`/`.markdown` extension, each folder and name slugified but
 * not shortened, so long names that share a beginning stay apart (`OS/Process Sync.md` → `os/process-sync`).
 */
export function fileSlug(file: string): string {
	return stripExtension(file)
		.split('/')
		.map((part) => slugify(part, Number.POSITIVE_INFINITY) || 'note')
		.join('/');
}

/** The base name of a note without its extension: `os/가상화.md` → `가상화`. */
export function noteName(file: string): string {
	const base = file.slice(file.lastIndexOf('/') + 1);
	return stripExtension(base) || base;
}

function stripExtension(file: string): string {
	return file.replace(/\.(?:md|markdown)$/i, '');
}

/**
 * Gives every draft its id key in document order: the title slug; when the file repeats it, `parent/title`;
 * then `-2`, `-3`…
 */
function assignIds(drafts: readonly Draft[]): void {
	const used = new Set<string>();
	/** Next counter to try per base key, so a thousand `예시` cost no more than one. */
	const next = new Map<string, number>();
	for (const draft of drafts) {
		const own = slugify(draft.title) || `line-${draft.line}`;
		let key = own;
		if (used.has(key) && draft.parent) key = `${slugify(draft.parent.title) || `line-${draft.parent.line}`}/${own}`;
		if (used.has(key)) {
			const base = key;
			let n = next.get(base) ?? 2;
			while (used.has(`${base}-${n}`)) n++;
			next.set(base, n + 1);
			key = `${base}-${n}`;
		}
		used.add(key);
		draft.key = key;
	}
}

// ---------------------------------------------------------------------------------------------
// Lexing with bounded work
// ---------------------------------------------------------------------------------------------

/**
 * marked's tokenizer with its work bounded, so that no note can stall the bot. Container depth ({@link MAX_CONTAINERS}),
 * lazy runs per block quote ({@link MAX_LAZY_RUNS}) and the look-ahead of plain text, hard breaks, code spans, URLs
 * and e-mail addresses are capped; whatever goes past a cap is lexed as ordinary text or as a following block. One instance per lexer: it
 * counts the depth it is at.
 */
class NoteTokenizer extends Tokenizer {
	/** Whether some block quote or list was read as text for being nested too deep. */
	deep = false;
	#depth = 0;
	/** The inline runs being lexed, innermost last (see {@link NoteLexer}), with their closers once looked for. */
	readonly #runs: { src: string; closers: RunClosers | null }[] = [];

	enterRun(src: string): void {
		this.#runs.push({ src, closers: null });
	}

	leaveRun(): void {
		this.#runs.pop();
	}

	override tag(src: string): Tokens.Tag | undefined {
		// Comments, processing instructions, CDATA and declarations are matched by a lazy scan for their end, from every
		// `<`: one that has no end left in its run is text, found without the scan.
		const current = this.#runs.at(-1);
		if (current && src.charCodeAt(0) === 0x3c && (src.charCodeAt(1) === 0x21 || src.charCodeAt(1) === 0x3f)) {
			current.closers ??= runClosers(current.src);
			const run = current.closers;
			const offset = current.src.length - src.length;
			const [end, after] = src.startsWith('<!--')
				? [run.comment, 2]
				: src.startsWith('<?')
					? [run.instruction, 1]
					: src.startsWith('<![CDATA[')
						? [run.cdata, 9]
						: [run.angle, 3];
			if (end < offset + after) return undefined;
		}
		return super.tag(src);
	}

	override blockquote(src: string): Tokens.Blockquote | undefined {
		if (this.#depth >= MAX_CONTAINERS) {
			this.deep = true;
			return undefined;
		}
		if (!QUOTE_START.test(src)) return undefined;
		this.#depth++;
		try {
			return super.blockquote(limitLazyRuns(src));
		} finally {
			this.#depth--;
		}
	}

	override list(src: string): Tokens.List | undefined {
		if (this.#depth >= MAX_CONTAINERS) {
			this.deep = true;
			return undefined;
		}
		this.#depth++;
		try {
			return super.list(src);
		} finally {
			this.#depth--;
		}
	}

	override inlineText(src: string): Tokens.Text | undefined {
		if (src.length <= TEXT_WINDOW) return super.inlineText(src);
		const window = src.slice(0, TEXT_WINDOW);
		const token = super.inlineText(window);
		if (!token || token.raw.length < window.length) return token;
		// The text goes on past the window: cut it after the window's last space, so that no word (an address, a URL)
		// is split between two tokens.
		const cut = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\n')) + 1;
		return cut > 1 ? super.inlineText(window.slice(0, cut)) : token;
	}

	override codespan(src: string): Tokens.Codespan | undefined {
		// marked backtracks over the whole opening run of backticks: a long run is text, not the start of a code span.
		let ticks = 0;
		while (ticks <= MAX_CODE_TICKS && src.charCodeAt(ticks) === 0x60) ticks++;
		if (ticks > MAX_CODE_TICKS) return undefined;
		return super.codespan(src.length > CODE_WINDOW ? src.slice(0, CODE_WINDOW) : src);
	}

	override br(src: string): Tokens.Br | undefined {
		if (src.length <= TEXT_WINDOW || !BREAK_START.test(src)) return super.br(src);
		return super.br(src.slice(0, TEXT_WINDOW));
	}

	override url(src: string): Tokens.Link | undefined {
		// URLs and addresses start with an ASCII letter or digit, or one of `._+-`.
		if (!URL_OR_EMAIL_START.test(src)) return undefined;
		if (URL_START.test(src)) return super.url(src.length > URL_WINDOW ? src.slice(0, URL_WINDOW) : src);
		// Anything else is at most an e-mail address, whose `@` comes early.
		const window = src.length > EMAIL_WINDOW ? src.slice(0, EMAIL_WINDOW) : src;
		return window.includes('@') ? super.url(window) : undefined;
	}
}

/** Where the last end of each kind of markup is in an inline run, or -1. */
interface RunClosers {
	readonly comment: number;
	readonly instruction: number;
	readonly cdata: number;
	readonly angle: number;
}

function runClosers(src: string): RunClosers {
	return {
		comment: src.lastIndexOf('-->'),
		instruction: src.lastIndexOf('?>'),
		cdata: src.lastIndexOf(']]>'),
		angle: src.lastIndexOf('>'),
	};
}

/** marked's lexer telling {@link NoteTokenizer} which inline run it is in. */
class NoteLexer extends Lexer {
	readonly #tokenizer: NoteTokenizer;

	constructor(tokenizer: NoteTokenizer, hooks: Hooks | null) {
		super({ gfm: true, tokenizer, hooks });
		this.#tokenizer = tokenizer;
	}

	override inlineTokens(src: string, tokens?: Token[]): Token[] {
		this.#tokenizer.enterRun(src);
		try {
			return super.inlineTokens(src, tokens);
		} finally {
			this.#tokenizer.leaveRun();
		}
	}
}

const QUOTE_START = /^ {0,3}>/;
const BREAK_START = /^[ \\\n]/;
const URL_OR_EMAIL_START = /^[\w.+-]/;
const URL_START = /^(?:https?:\/\/|ftp:\/\/|www\.|mailto:|xmpp:)/i;

/**
 * `src` up to the line that would start the ({@link MAX_LAZY_RUNS}+1)-th run of `>` lines after lazy lines, in the
 * block quote `src` starts with; a block quote ends at the latest at a blank line.
 */
function limitLazyRuns(src: string): string {
	let runs = 0;
	let lazy = false;
	for (let start = 0; start < src.length; ) {
		const end = src.indexOf('\n', start);
		const stop = end === -1 ? src.length : end;
		let at = start;
		while (at < stop && (src.charCodeAt(at) === 0x20 || src.charCodeAt(at) === 0x09)) at++;
		if (at === stop) return src;
		const marked = src.charCodeAt(at) === 0x3e && at - start <= 3 && !src.slice(start, at).includes('\t');
		if (marked && lazy && ++runs > MAX_LAZY_RUNS) return src.slice(0, start);
		lazy = !marked;
		start = stop + 1;
	}
	return src;
}

/** marked hooks that turn emphasis off in inline runs that would cost too much (see {@link MAX_RUN_DELIMITER_WORK}). */
function emphasisBudget(budget: number): Hooks {
	const hooks = new Hooks();
	let left = budget;
	hooks.emStrongMask = (masked: string): string => {
		const delimiters = countDelimiters(masked);
		const work = delimiters * masked.length;
		if (delimiters <= MAX_RUN_DELIMITERS && work <= MAX_RUN_DELIMITER_WORK && work <= left) {
			left -= work;
			return masked;
		}
		// No delimiter left in the mask: marked then takes every `*`, `_` and `~` run as text at once.
		return masked.replace(/[*_~]/g, '+');
	};
	return hooks;
}

/** How many `*`, `_` and `~` a text holds. */
function countDelimiters(text: string): number {
	let count = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 0x2a || code === 0x5f || code === 0x7e) count++;
	}
	return count;
}

interface Lexed {
	readonly tokens: MarkedToken[];
	/** Some container went past {@link MAX_CONTAINERS}: see {@link flattenDeepest}. */
	readonly deep: boolean;
}

/** The GFM token tree of `text`. Never throws. */
function lex(text: string): Lexed {
	// Few enough delimiters in the whole note keep every inline run within budget: no need to watch each run.
	const delimiters = countDelimiters(text);
	const watch = delimiters > MAX_RUN_DELIMITERS || delimiters * text.length > MAX_RUN_DELIMITER_WORK;
	for (const budget of [MAX_NOTE_DELIMITER_WORK, 0]) {
		try {
			const hooks = watch || budget === 0 ? emphasisBudget(budget) : null;
			const tokenizer = new NoteTokenizer();
			const tokens = known(new NoteLexer(tokenizer, hooks).lex(text));
			return { tokens, deep: tokenizer.deep };
		} catch {
			// A safety net: marked recurses once per nested emphasis, which the limits above keep shallow. Should it
			// still fail, the note is lexed once more without emphasis, and read as one paragraph if even that fails.
		}
	}
	return { tokens: [{ type: 'paragraph', raw: text, text, tokens: [textNode(text)] }], deep: false };
}

/** Without extensions marked produces only its own token types. */
function known(tokens: readonly Token[] | undefined): MarkedToken[] {
	return (tokens ?? []) as MarkedToken[];
}

function isParagraph(token: MarkedToken | undefined): token is Paragraph {
	return token?.type === 'paragraph' || (token?.type === 'text' && token.tokens !== undefined);
}

/** The inline tokens of a paragraph, heading or table cell. */
function inlineOf(block: { readonly tokens?: Token[] }): MarkedToken[] {
	return known(block.tokens);
}

/** The blocks of a container, without blank-line spacers and task checkboxes (those are read from the item). */
function blockChildren(container: Tokens.Blockquote | Tokens.ListItem): MarkedToken[] {
	return known(container.tokens).filter((t) => t.type !== 'space' && t.type !== 'checkbox');
}

// ---------------------------------------------------------------------------------------------
// Line numbers
// ---------------------------------------------------------------------------------------------

function locateAll(tokens: readonly MarkedToken[], text: string): Lines {
	const lines: Lines = new Map();
	locate(tokens, text, 1, lines);
	return lines;
}

/**
 * Records the line of every token of `tokens`, lexed from `text` whose first line is `first`, and of their
 * descendants. Siblings' raw texts follow each other in `text`; marked drops only the line break between the lazy
 * runs of a block quote, and rewrites a task item's first raw text without changing its lines.
 */
function locate(tokens: readonly MarkedToken[], text: string, first: number, lines: Lines): void {
	let at = 0;
	let counted = 0;
	let line = first;
	for (const token of tokens) {
		if (token.type === 'checkbox') continue;
		// A token starts with a line break only when it is blank lines; any other token starting at a line break
		// follows one that marked left out.
		const start = text.charCodeAt(at) === 0x0a && token.raw.charCodeAt(0) !== 0x0a ? at + 1 : at;
		line += countLineBreaks(text, counted, start);
		counted = Math.max(counted, start);
		lines.set(token, line);
		if (token.type === 'blockquote') locate(known(token.tokens), token.text, line, lines);
		else if (token.type === 'list') locate(token.items, token.raw, line, lines);
		else if (token.type === 'list_item') locate(known(token.tokens), token.text, line, lines);
		at = start + token.raw.length;
	}
}

function countLineBreaks(text: string, from: number, to: number): number {
	let count = 0;
	for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++;
	return count;
}

// ---------------------------------------------------------------------------------------------
// `#제목` headings without a space
// ---------------------------------------------------------------------------------------------

/** What may come before the `#` of a `#제목` line: indentation and container or list markers. */
const HASH_PREFIX = /^[ \t>*+\-\d.)]*$/;
/** What may follow the `#`s of a `#제목` line. */
const HASH_NEXT = /^[\p{L}\p{So}[(*_`"'“‘「『]/u;
const HASH_HEADING = /^(#{1,6})[\p{L}\p{So}[(*_`"'“‘「『]/u;
const PREPROCESSOR =
	/^#\s*(?:include|define|undef|ifdef|ifndef|if|elif|else|endif|pragma|error|warning|line|import)(?=[\s<"(]|$)/;
const HASHTAGS_ONLY = /^#[^\s#]+(?:\s+#[^\s#]+)+\s*$/u;

/**
 * Quick test for a line that might hold a `#제목` heading, so most files skip the tree walk. Only the first `#` of a
 * line can start one, so each line is looked at once.
 */
function mayHoldHashHeading(text: string): boolean {
	for (let at = text.indexOf('#'); at !== -1; ) {
		let end = at;
		while (text.charCodeAt(end) === 0x23) end++;
		if (end - at <= 6 && HASH_NEXT.test(text.slice(end, end + 2))) {
			const lineStart = text.lastIndexOf('\n', at) + 1;
			if (HASH_PREFIX.test(text.slice(lineStart, at))) return true;
		}
		const lineEnd = text.indexOf('\n', end);
		if (lineEnd === -1) return false;
		at = text.indexOf('#', lineEnd + 1);
	}
	return false;
}

/**
 * Offsets just after the `#`s of paragraph lines that the author meant as headings (`#제목`), where one
 * space turns them into CommonMark headings. Only paragraph lines are looked at, so code, HTML and tables
 * never change; `#2` (a number), C preprocessor lines and hashtag lines (`#study #linux`) stay text.
 */
function hashHeadingInsertions(tokens: readonly MarkedToken[], text: string, lines: Lines): number[] {
	if (!mayHoldHashHeading(text)) return [];
	const lineStarts = lineStartOffsets(text);
	const found: number[] = [];
	const pending = [...tokens].reverse();
	for (let token = pending.pop(); token !== undefined; token = pending.pop()) {
		if (isParagraph(token)) {
			const first = lines.get(token);
			if (first === undefined) continue;
			// marked gives the paragraph's lines without their container markers; find each in its source line.
			token.text.split('\n').forEach((written, index) => {
				const content = written.trim();
				const match = HASH_HEADING.exec(content);
				if (!match || PREPROCESSOR.test(content) || HASHTAGS_ONLY.test(content)) return;
				const start = lineStarts[first + index - 1];
				if (start === undefined) return;
				const end = text.indexOf('\n', start);
				const column = text.slice(start, end === -1 ? text.length : end).lastIndexOf(content);
				if (column !== -1) found.push(start + column + (match[1]?.length ?? 0));
			});
		} else if (token.type === 'blockquote' || token.type === 'list_item') {
			pending.push(...[...known(token.tokens)].reverse());
		} else if (token.type === 'list') {
			pending.push(...[...token.items].reverse());
		}
	}
	return found;
}

/**
 * Turns the content of the innermost block quotes and lists {@link NoteTokenizer} allowed into one paragraph of
 * plain text each, as the lines past them are text already. Walks without recursion. (Emphasis and links nested too
 * deep are flattened as they are rendered, see {@link renderInline}.)
 */
function flattenDeepest(tokens: readonly MarkedToken[], lines: Lines): void {
	const pending = tokens.map((token) => ({ token, containers: 0 }));
	for (let entry = pending.pop(); entry !== undefined; entry = pending.pop()) {
		const { token, containers } = entry;
		const depth = token.type === 'list' || token.type === 'blockquote' ? containers + 1 : containers;
		if (depth >= MAX_CONTAINERS && token.type === 'blockquote') {
			token.tokens = [flatParagraph(token, lines)];
		} else if (depth >= MAX_CONTAINERS && token.type === 'list') {
			for (const item of token.items) item.tokens = [flatParagraph(item, lines)];
		} else if (token.type === 'list') {
			for (const item of token.items) pending.push({ token: item, containers: depth });
		} else if (token.type === 'blockquote' || token.type === 'list_item') {
			for (const child of known(token.tokens)) pending.push({ token: child, containers: depth });
		}
	}
}

/** The plain text of a container as one paragraph on the container's line. */
function flatParagraph(container: Tokens.Blockquote | Tokens.ListItem, lines: Lines): Tokens.Paragraph {
	const text = flatText(known(container.tokens));
	const paragraph: Tokens.Paragraph = { type: 'paragraph', raw: text, text, tokens: [textNode(text)] };
	lines.set(paragraph, lines.get(container) ?? 1);
	return paragraph;
}

function isInlineContainer(
	token: MarkedToken,
): token is Tokens.Strong | Tokens.Em | Tokens.Del | Tokens.Link | Tokens.Image {
	return (
		token.type === 'strong' ||
		token.type === 'em' ||
		token.type === 'del' ||
		token.type === 'link' ||
		token.type === 'image'
	);
}

function childTokens(token: MarkedToken): MarkedToken[] {
	switch (token.type) {
		case 'list':
			return token.items;
		case 'table':
			return [...token.header, ...token.rows.flat()].flatMap((cell) => inlineOf(cell));
		default:
			return 'tokens' in token ? known(token.tokens) : [];
	}
}

/** All literal text under some tokens, in order, spaces between them; iterative. */
function flatText(tokens: readonly MarkedToken[]): string {
	const parts: string[] = [];
	const pending = [...tokens].reverse();
	for (let token = pending.pop(); token !== undefined; token = pending.pop()) {
		if (token.type === 'text' && token.tokens === undefined) parts.push(token.raw);
		else if (token.type === 'codespan' || token.type === 'escape') parts.push(token.text);
		else if (token.type !== 'html') pending.push(...[...childTokens(token)].reverse());
	}
	return collapse(parts.join(' '));
}

function lineStartOffsets(text: string): number[] {
	const starts = [0];
	let at = text.indexOf('\n');
	while (at !== -1) {
		starts.push(at + 1);
		at = text.indexOf('\n', at + 1);
	}
	return starts;
}

function insertAt(text: string, offsets: readonly number[], insert: string): string {
	if (offsets.length === 0) return text;
	const sorted = [...offsets].sort((a, b) => a - b);
	const parts: string[] = [];
	let last = 0;
	for (const offset of sorted) {
		parts.push(text.slice(last, offset), insert);
		last = offset;
	}
	parts.push(text.slice(last));
	return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Front matter
// ---------------------------------------------------------------------------------------------

interface FrontMatterBlock {
	/** The text between the fences. */
	readonly yaml: string;
	/** Offset of the end of the closing fence line (its line break or the end of the text). */
	readonly end: number;
	/** Lines the block takes, fences included. */
	readonly lines: number;
}

const FRONT_MATTER_OPEN = /^---[ \t]*$/;
const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/** A YAML block: `---` alone on the first line, up to the next line that is `---` or `...` alone. */
function frontMatterBlock(text: string): FrontMatterBlock | null {
	const firstEnd = text.indexOf('\n');
	if (firstEnd === -1 || !FRONT_MATTER_OPEN.test(text.slice(0, firstEnd))) return null;
	let lines = 1;
	for (let start = firstEnd + 1; start <= text.length; ) {
		const end = text.indexOf('\n', start);
		const stop = end === -1 ? text.length : end;
		lines++;
		if (FRONT_MATTER_CLOSE.test(text.slice(start, stop)))
			return { yaml: text.slice(firstEnd + 1, start), end: stop, lines };
		if (end === -1) break;
		start = end + 1;
	}
	return null;
}

interface FrontMatter {
	readonly aliases: string[];
	readonly tags: string[];
	/** The `---` block is not a mapping (e.g. Markdown between two rules): parse it as content instead. */
	readonly isContent: boolean;
}

const NO_FRONT_MATTER: FrontMatter = { aliases: [], tags: [], isContent: false };

function readFrontMatter(yaml: string, file: string, warnings: NoteWarning[]): FrontMatter {
	const none = NO_FRONT_MATTER;
	if (yaml.trim() === '') return none;
	if (yaml.length > MAX_FRONT_MATTER_CHARS) {
		// YAML takes seconds over a megabyte; aliases and tags fit in a few lines.
		warnings.push({
			file,
			reason: `notes: ${file} has front matter over ${MAX_FRONT_MATTER_CHARS / 1024} KiB; ignored`,
		});
		return none;
	}
	let value: unknown;
	try {
		const doc = parseDocument(yaml, { prettyErrors: false });
		const error = doc.errors[0];
		if (error) {
			warnings.push({ file, reason: `notes: ${file} has invalid front matter (${firstLine(error.message)}); ignored` });
			return none;
		}
		value = doc.toJS({ maxAliasCount: 100 });
	} catch (error) {
		warnings.push({ file, reason: `notes: ${file} has invalid front matter (${firstLine(String(error))}); ignored` });
		return none;
	}
	if (value === null || value === undefined) return none;
	if (typeof value !== 'object' || Array.isArray(value)) return { ...none, isContent: true };
	const record = value as Record<string, unknown>;
	const field = (...names: string[]): unknown => {
		for (const [key, v] of Object.entries(record)) if (names.includes(key.toLowerCase())) return v;
		return undefined;
	};
	const aliases = yamlStrings(field('aliases', 'alias'), /\s*,\s*/);
	const tags = yamlStrings(field('tags', 'tag'), /[\s,]+/)
		.map((tag) => tag.replace(/^#+/, ''))
		.filter((tag) => tag !== '');
	return { aliases: uniqueStrings(aliases), tags: uniqueStrings(tags), isContent: false };
}

function yamlStrings(value: unknown, separator: RegExp): string[] {
	const out: string[] = [];
	const add = (v: unknown): void => {
		if (typeof v === 'string') {
			for (const part of v.split(separator)) if (part.trim() !== '') out.push(part.trim());
		} else if (typeof v === 'number' || typeof v === 'boolean') {
			out.push(String(v));
		}
	};
	if (Array.isArray(value)) for (const item of value) add(item);
	else add(value);
	return out;
}

function applyFrontMatter(drafts: readonly Draft[], meta: FrontMatter): void {
	const top = drafts.find((d) => d.parent === null);
	if (top && meta.aliases.length > 0) top.aliases = mergeAliases(top.title, top.aliases, meta.aliases);
	if (meta.tags.length > 0) for (const d of drafts) d.tags = [...meta.tags];
}

// ---------------------------------------------------------------------------------------------
// Sections and terms
// ---------------------------------------------------------------------------------------------

interface RawSection {
	readonly heading: Tokens.Heading | null;
	readonly title: string;
	/** Wiki links of the heading text. */
	readonly wiki: string[];
	readonly blocks: MarkedToken[];
}

function buildDrafts(tokens: readonly MarkedToken[], ctx: NoteContext, warnings: NoteWarning[]): Draft[] {
	const flat: MarkedToken[] = [];
	flattenBlocks(tokens, flat, ctx.lines);
	const sections: RawSection[] = [{ heading: null, title: '', wiki: [], blocks: [] }];
	for (const token of flat) {
		if (token.type === 'heading') {
			// A heading without text (`##### <br>`, used as spacing) is no concept: its content stays with the section above.
			const wiki: string[] = [];
			const raw = renderInline(inlineOf(token), inlineState(true, wiki));
			const title = cleanTitle(raw) || collapse(raw);
			if (title !== '') sections.push({ heading: token, title, wiki, blocks: [] });
		} else {
			sections.at(-1)?.blocks.push(token);
		}
	}
	const drafts: Draft[] = [];
	const stack: { depth: number; draft: Draft }[] = [];
	const hasHeadings = sections.length > 1;
	for (const section of sections) {
		if (!section.heading) {
			if (hasHeadings && !hasVisibleContent(section.blocks, ctx)) continue;
			const title = hasHeadings ? ctx.fileName : untitledTitle(section.blocks, ctx);
			if (!hasHeadings) {
				warnings.push({ file: ctx.file, reason: `notes: ${ctx.file} has no headings; titled "${title}"` });
			}
			const first = section.blocks[0];
			const line = (first && ctx.lines.get(first)) ?? 1;
			buildSection(section.blocks, { title, line, parent: null, wiki: [] }, ctx, drafts);
			continue;
		}
		const heading = section.heading;
		while (stack.length > 0 && (stack.at(-1)?.depth ?? 0) >= heading.depth) stack.pop();
		const parent = stack.at(-1)?.draft ?? null;
		const line = ctx.lines.get(heading) ?? 1;
		const draft = buildSection(section.blocks, { title: section.title, line, parent, wiki: section.wiki }, ctx, drafts);
		parent?.children.push(draft);
		stack.push({ depth: heading.depth, draft });
	}
	return drafts;
}

/**
 * Flattens containers (lists, list items, block quotes) that hold a heading, so every heading — even
 * `- ##### 미러링` or `> ##### 요약` — starts a section; containers without headings stay whole. Blank-line
 * spacers are dropped.
 */
function flattenBlocks(tokens: readonly MarkedToken[], out: MarkedToken[], lines: Lines): void {
	for (const token of tokens) {
		if (token.type === 'space' || token.type === 'checkbox') continue;
		if (token.type === 'heading' || !hasHeading(token)) {
			out.push(token);
		} else if (token.type === 'list') {
			let run: Tokens.ListItem[] = [];
			let runStart = 0;
			const flush = (): void => {
				if (run.length === 0) return;
				out.push(listPart(token, run, runStart, lines));
				run = [];
			};
			token.items.forEach((item, index) => {
				if (hasHeading(item)) {
					flush();
					flattenBlocks(known(item.tokens), out, lines);
				} else {
					if (run.length === 0) runStart = index;
					run.push(item);
				}
			});
			flush();
		} else if (token.type === 'blockquote' || token.type === 'list_item') {
			flattenBlocks(known(token.tokens), out, lines);
		} else {
			out.push(token);
		}
	}
}

/** Some items of a list as a list of their own, numbered on from where they were. */
function listPart(list: Tokens.List, items: Tokens.ListItem[], first: number, lines: Lines): Tokens.List {
	const start = list.ordered ? listStart(list) + first : list.start;
	const part: Tokens.List = { ...list, start, items };
	const head = items[0];
	const line = head && lines.get(head);
	if (line !== undefined) lines.set(part, line);
	return part;
}

function listStart(list: Tokens.List): number {
	return list.start === '' ? 1 : list.start;
}

function hasHeading(token: MarkedToken): boolean {
	switch (token.type) {
		case 'heading':
			return true;
		case 'list':
			return token.items.some(hasHeading);
		case 'list_item':
		case 'blockquote':
			return known(token.tokens).some(hasHeading);
		default:
			return false;
	}
}

interface SectionHead {
	readonly title: string;
	readonly line: number;
	readonly parent: Draft | null;
	readonly wiki: string[];
}

/** Builds the section draft and its term drafts, appending them to `drafts` in document order. */
function buildSection(blocks: readonly MarkedToken[], head: SectionHead, ctx: NoteContext, drafts: Draft[]): Draft {
	const { title, line, parent, wiki } = head;
	const draft: Draft = {
		kind: 'section',
		title,
		aliases: titleAliases(title),
		definition: '',
		body: '',
		line,
		headingPath: parent ? [...parent.headingPath, title] : [title],
		parent,
		children: [],
		facts: [],
		tags: [],
		wiki,
		key: '',
	};
	drafts.push(draft);

	const expansion = findExpansion(blocks, [title, ...draft.aliases], ctx);
	if (expansion) draft.aliases = mergeAliases(title, draft.aliases, [expansion.phrase]);

	const walk = new TermWalk(expansion?.item ?? null, [title, ...draft.aliases], ctx);
	walk.blocks(blocks, false);
	draft.facts = walk.facts.items;
	draft.definition =
		walk.explicit || sectionDefinition(blocks, expansion?.item ?? null, [title, ...draft.aliases], ctx);
	draft.body = renderBlocks(expansion ? unwrapExpansion(blocks, expansion, ctx) : blocks, ctx, wiki);

	for (const term of walk.terms) {
		const termWiki: string[] = [];
		const child: Draft = {
			kind: 'term',
			title: term.name,
			aliases: mergeAliases(term.name, nameAliases(term.name, true), term.extraAliases),
			definition: term.definition,
			body: term.inline ? renderLine(term.content, termWiki) : renderBlocks(term.content, ctx, termWiki),
			line: term.line,
			headingPath: draft.headingPath,
			parent: draft,
			children: [],
			facts: term.facts,
			tags: [],
			wiki: termWiki,
			key: '',
		};
		draft.children.push(child);
		drafts.push(child);
	}
	return draft;
}

// --- Expansion lines (`#### SELinux` + `- Security-Enhanced Linux`) ---

interface Expansion {
	readonly list: Tokens.List;
	readonly item: Tokens.ListItem;
	readonly phrase: string;
}

/** The first block is a list whose first item starts with an expansion of the title: that phrase is an alias, the rest of the item is the section's content. */
function findExpansion(blocks: readonly MarkedToken[], names: readonly string[], ctx: NoteContext): Expansion | null {
	const list = blocks[0];
	if (list?.type !== 'list') return null;
	const item = list.items[0];
	const paragraph = item && blockChildren(item)[0];
	if (!item || !isParagraph(paragraph)) return null;
	const head = paragraphLines(paragraph, ctx)[0];
	if (!head) return null;
	const phrase = plainText(head.nodes);
	return isExpansionOf(phrase, names) ? { list, item, phrase } : null;
}

/**
 * The section's blocks for its body once the expansion line is an alias: the expansion item's content in place of
 * the list, de-indented (its paragraph without the phrase line, then its other blocks), then the list's other items.
 */
function unwrapExpansion(blocks: readonly MarkedToken[], expansion: Expansion, ctx: NoteContext): MarkedToken[] {
	const { list, item } = expansion;
	const [first, ...rest] = blockChildren(item);
	const out: MarkedToken[] = [];
	if (isParagraph(first)) {
		const lines = paragraphLines(first, ctx).slice(1);
		const tokens = lines.flatMap((line, index) => (index === 0 ? line.nodes : [textNode('\n'), ...line.nodes]));
		if (tokens.length > 0) out.push({ type: 'paragraph', raw: '', text: '', tokens });
	}
	out.push(...rest);
	if (list.items.length > 1) out.push(listPart(list, list.items.slice(1), 1, ctx.lines));
	out.push(...blocks.slice(1));
	return out;
}

/**
 * Whether `phrase` spells out one of `names` (`Security-Enhanced Linux` for `SELinux`, `advanced packaging tool`
 * for `APT`): a short Latin phrase of 2–6 words whose letters contain the name's letters in order, starting with
 * the same letter, and not merely starting with the whole name.
 */
export function isExpansionOf(phrase: string, names: readonly string[]): boolean {
	const words = wordCount(phrase);
	if (words < 2 || words > MAX_EXPANSION_WORDS || SENTENCE_PUNCTUATION.test(phrase)) return false;
	const long = compactKey(phrase);
	if (!/^[a-z0-9]+$/.test(long)) return false;
	return names.some((name) => {
		const short = compactKey(name);
		return (
			/^[a-z0-9]{2,12}$/.test(short) &&
			short.length < long.length &&
			short[0] === long[0] &&
			!long.startsWith(short) &&
			isSubsequence(short, long)
		);
	});
}

function isSubsequence(short: string, long: string): boolean {
	let at = 0;
	for (const ch of short) {
		at = long.indexOf(ch, at);
		if (at === -1) return false;
		at++;
	}
	return true;
}

// --- Terms ---

interface TermFound {
	readonly name: string;
	readonly extraAliases: string[];
	readonly definition: string;
	readonly line: number;
	readonly facts: string[];
	/** The term's own text, rendered as its body: the line that defines it (`inline`) or its list item's blocks. */
	readonly content: readonly MarkedToken[];
	readonly inline: boolean;
}

/** A line split off a paragraph at soft and hard breaks, with its 1-based source line. */
interface Line {
	readonly nodes: MarkedToken[];
	readonly line: number;
}

/**
 * Walks a section's blocks in document order: list items and bold-led lines that define a term become
 * {@link TermFound}s; the other bullet lines (and short lines inside list items) become the section's facts.
 */
class TermWalk {
	/** The definition the section gives itself (`- 정의 : …`, `**Definition**: …`), or `''`. */
	explicit = '';
	readonly terms: TermFound[] = [];
	readonly facts = new FactList();
	readonly #expansionItem: Tokens.ListItem | null;
	/** The section's own names; as keys once a term candidate needs them. */
	readonly #sectionNames: readonly string[];
	#sectionKeys: ReadonlySet<string> | null = null;
	readonly #ctx: NoteContext;

	constructor(expansionItem: Tokens.ListItem | null, sectionNames: readonly string[], ctx: NoteContext) {
		this.#expansionItem = expansionItem;
		this.#sectionNames = sectionNames;
		this.#ctx = ctx;
	}

	blocks(nodes: readonly MarkedToken[], inItem: boolean): void {
		for (const node of nodes) {
			if (node.type === 'list') {
				for (const item of node.items) this.#item(item);
			} else if (isParagraph(node)) {
				// Outside list items only bold-led lines count: a paragraph without bold text has none.
				if (inItem || inlineOf(node).some((t) => t.type === 'strong')) {
					this.#lines(paragraphLines(node, this.#ctx), inItem);
				}
			} else if (node.type === 'blockquote') {
				this.blocks(blockChildren(node), inItem);
			}
		}
	}

	#item(item: Tokens.ListItem): void {
		const children = blockChildren(item);
		const [first, ...rest] = children;
		if (item === this.#expansionItem && isParagraph(first)) {
			this.#lines(paragraphLines(first, this.#ctx).slice(1), true);
			this.blocks(rest, true);
			return;
		}
		const term = itemTerm(item, this.#ctx);
		if (this.#accept(term)) {
			this.terms.push(term);
			return;
		}
		this.blocks(children, true);
	}

	#lines(lines: readonly Line[], inItem: boolean): void {
		for (const line of lines) {
			const term = boldTerm(line);
			if (this.#accept(term)) this.terms.push(term);
			else if (inItem) this.facts.add(line.nodes);
		}
	}

	/** Whether `term` is a real term; a `정의 : …` line is kept as the section's own definition instead. */
	#accept(term: TermFound | null): term is TermFound {
		if (!term) return false;
		const key = compactKey(term.name);
		if (DEFINITION_WORDS.has(key)) {
			if (this.explicit === '') this.explicit = term.definition;
			return false;
		}
		this.#sectionKeys ??= new Set(this.#sectionNames.map(compactKey));
		return !this.#sectionKeys.has(key);
	}
}

/** Names under which a note states the definition of its section rather than a new term. */
const DEFINITION_WORDS = new Set(['정의', '개념', '뜻', '의미', 'definition', 'meaning'].map(compactKey));

/** Term names that are discourse markers, not concepts (`- 장점 : …`, `**Note**: …`). */
const NOT_TERMS = new Set(
	[
		'예|예시|예제|예를 들어|예를 들면|참고|참고자료|주의|주의사항|결과|출처|정리|요약|결론|장점|단점|특징|문제|해결',
		'해결책|방법|이유|원인|목적|역할|종류|답|질문|답변|설명|비고|링크|즉|연습문제',
		'note|notes|example|examples|eg|ex|tip|warning|caution|important|reference|references|source|link|summary',
		'result|output|input|usage|question|answer|q|a|pros|cons|advantages|disadvantages',
	]
		.join('|')
		.split('|')
		.map(compactKey),
);

const SENTENCE_PUNCTUATION = /[.?!。？！](?:\s|$)|[?!？！]/u;
const SENTENCE_ENDING = /(?:[가-힣]다|니다|어요|해요|세요|까)$/u;

/** A short name (≤ 40 characters, ≤ 5 words outside a trailing parenthesis), not a sentence, not a discourse marker. */
function isTermName(name: string): boolean {
	if (name === '' || name.length > MAX_TERM_CHARS || !/\p{L}/u.test(name)) return false;
	const base = name.replace(/\s*[(（][^()（）]*[)）]\s*$/u, '');
	const words = wordCount(base || name);
	if (words > MAX_TERM_WORDS) return false;
	if (SENTENCE_PUNCTUATION.test(name) || /[:：]/.test(name) || /^https?:/i.test(name) || !isBalanced(name))
		return false;
	if (words >= 2 && SENTENCE_ENDING.test(base)) return false;
	return !NOT_TERMS.has(compactKey(name));
}

/** Brackets open and close in order: `전)` or `순서가 바뀜) R1(B)` are fragments, not names. */
function isBalanced(text: string): boolean {
	if (!BRACKET.test(text)) return true;
	const stack: string[] = [];
	for (const ch of text) {
		const open = OPENING[CLOSING.indexOf(ch)];
		if (OPENING.includes(ch)) stack.push(ch);
		else if (open !== undefined && stack.pop() !== open) return false;
	}
	return stack.length === 0;
}

const OPENING = '([（「【';
const CLOSING = ')]）」】';
const BRACKET = /[()[\]（）「」【】]/;

/** A definition worth keeping: at least two letters (so `2` or `-` is not one). */
function isDefinitionText(text: string): boolean {
	return TWO_LETTERS.test(text);
}

const TWO_LETTERS = /\p{L}\P{L}*\p{L}/u;

/**
 * `**Term** — def`, `**Term** - def`, `**Term**: def`, `**Term:** def`, `**Term.** def`, `**Term** is …`,
 * `**Term**은/는/란 …`: a line led by bold text naming a term. Used for paragraphs and list items alike.
 */
function boldTerm(line: Line): TermFound | null {
	const match = matchBoldTerm(line.nodes);
	if (!match) return null;
	const defNodes = match.defNodes;
	return {
		name: match.name,
		extraAliases: expansionAliases(match.name, defNodes),
		definition: definitionText(defNodes),
		line: line.line,
		facts: [],
		content: line.nodes,
		inline: true,
	};
}

interface TermMatch {
	readonly name: string;
	readonly defNodes: MarkedToken[];
}

function matchBoldTerm(nodes: readonly MarkedToken[]): TermMatch | null {
	const start = nodes.findIndex((n) => !(n.type === 'text' && n.raw.trim() === ''));
	const head = nodes[start];
	if (head?.type !== 'strong') return null;
	const strongText = plainText(inlineOf(head));
	// A name has at most 40 characters; longer bold text is emphasis, and not worth the patterns below.
	if (strongText.length > 4 * MAX_TERM_CHARS) return null;
	const rest = nodes.slice(start + 1);
	const inner = /^(.*?[^.:：])\s*[:：.]$/su.exec(strongText);
	if (inner?.[1] && !strongText.endsWith('...')) return termMatch(inner[1], trimStart(rest));
	const next = rest[0];
	if (next?.type !== 'text') return null;
	const separator =
		/^\s*[:：]\s*|^\s+[-–—]\s+|^\s*[–—]\s*|^\s+(?:is|are|refers to|means)\s+|^\s?(?:은|는|이란|란)\s+/iu.exec(next.raw);
	if (!separator) return null;
	return termMatch(strongText, trimStart([textNode(next.raw.slice(separator[0].length)), ...rest.slice(1)]));
}

/** A name and its definition, when the name is a term name and the definition says something. */
function termMatch(rawName: string, defNodes: MarkedToken[]): TermMatch | null {
	const name = cleanName(rawName);
	if (!isTermName(name) || !isDefinitionText(plainText(defNodes))) return null;
	return { name, defNodes };
}

/**
 * A list item that defines a term: `- TERM : def` (also `：`, numbered items), a bold-led item, or `- TERM`
 * followed by an indented paragraph (a short comma-separated list of names there becomes aliases).
 */
function itemTerm(item: Tokens.ListItem, ctx: NoteContext): TermFound | null {
	const children = blockChildren(item);
	const [first, ...rest] = children;
	if (!isParagraph(first)) return null;
	const [head, ...moreLines] = paragraphLines(first, ctx);
	if (!head) return null;
	const line = ctx.lines.get(item) ?? head.line;

	const match = matchBoldTerm(head.nodes) ?? matchSeparatorTerm(head.nodes);
	if (match) {
		const defNodes = [...match.defNodes];
		for (const l of moreLines) defNodes.push(textNode(' '), ...l.nodes);
		return {
			name: match.name,
			extraAliases: expansionAliases(match.name, match.defNodes),
			definition: definitionText(defNodes),
			line,
			facts: itemFacts([], rest, null, ctx),
			content: children,
			inline: false,
		};
	}

	// `- TERM` then its definition: the paragraph's next lines or the item's next paragraph, also when quoted
	// (`- JDBC` + `  > 자바에서 …`). Most items are one line: they are done with before their text is looked at.
	const quote = rest[0];
	const following = quote?.type === 'blockquote' ? [...blockChildren(quote), ...rest.slice(1)] : rest;
	const second = following[0];
	const sameParagraph = moreLines.length > 0;
	const defLines: readonly Line[] = sameParagraph ? moreLines : isParagraph(second) ? paragraphLines(second, ctx) : [];
	if (defLines.length === 0) return null;
	const plain = plainText(head.nodes);
	// Collapsing and trimming could not bring a longer line down to a 40-character name.
	if (plain.length > 4 * MAX_TERM_CHARS) return null;
	const name = cleanName(plain);
	if (!isTermName(name) || containsLink(head.nodes)) return null;
	const defNodes = defLines.flatMap(withSpace);
	if (!isDefinitionText(plainText(defNodes))) return null;
	// A short list of names (`Mandatory Access Control, 강제접근제어`) gives aliases; the definition is then the
	// next paragraph that says something, or the names themselves when nothing follows.
	const names = nameList(collapse(plainText(defNodes)), name);
	const namesParagraph = names && !sameParagraph && isParagraph(second) ? second : null;
	const paragraphs = (names ? (sameParagraph ? rest : following.slice(1)) : sameParagraph ? [] : following).filter(
		isParagraph,
	);
	let definition = names || !sameParagraph ? '' : definitionText(defNodes);
	for (const paragraph of paragraphs) {
		if (definition !== '') break;
		definition = paragraphDefinition(inlineOf(paragraph), []);
	}
	if (definition === '' && names) definition = definitionText(defNodes);
	return {
		name,
		extraAliases: names ?? [],
		definition,
		line,
		facts: itemFacts(names ? [] : moreLines, rest, namesParagraph, ctx),
		content: children,
		inline: false,
	};
}

/** Facts of a term's list item: `lines` of its first paragraph, then those of its other blocks except `skip`. */
function itemFacts(
	lines: readonly Line[],
	blocks: readonly MarkedToken[],
	skip: Paragraph | null,
	ctx: NoteContext,
): string[] {
	const list = new FactList();
	for (const line of lines) list.add(line.nodes);
	collectItemFacts(blocks, skip, ctx, list);
	return list.items;
}

function withSpace(line: Line): MarkedToken[] {
	return [...line.nodes, textNode(' ')];
}

/** `TERM : def` on a list item's first line: the first top-level `:`/`：` followed by a space, with no link before it. */
function matchSeparatorTerm(nodes: readonly MarkedToken[]): TermMatch | null {
	for (let index = 0; index < nodes.length; index++) {
		const node = nodes[index];
		if (!node) continue;
		if (node.type === 'link' || node.type === 'image') return null;
		if (node.type !== 'text') continue;
		const colon = /:(?=\s|$)|：/u.exec(node.raw);
		if (!colon) continue;
		const nameNodes = [...nodes.slice(0, index), textNode(node.raw.slice(0, colon.index).trimEnd())];
		const defNodes = trimStart([textNode(node.raw.slice(colon.index + colon[0].length)), ...nodes.slice(index + 1)]);
		const name = cleanName(plainText(nameNodes));
		if (!isTermName(name) || !isDefinitionText(plainText(defNodes))) return null;
		return { name, defNodes };
	}
	return null;
}

/** The definition is itself an expansion of an acronym term (`APT : advanced packaging tool`): it is also an alias. */
function expansionAliases(name: string, defNodes: readonly MarkedToken[]): string[] {
	const def = collapse(plainText(defNodes));
	return isExpansionOf(def, [name]) ? [def] : [];
}

/** `Mandatory Access Control, 강제접근제어` under `- MAC`: a short comma-separated list of names (or a single expansion) → aliases. */
function nameList(text: string, term: string): string[] | null {
	if (text.length > 100 || SENTENCE_PUNCTUATION.test(text)) return null;
	const parts = text
		.split(/\s*[,;，；、]\s*/u)
		.map((p) => cleanName(p))
		.filter((p) => p !== '');
	if (parts.length === 0 || parts.some((p) => wordCount(p) > MAX_ALIAS_PART_WORDS || !/\p{L}/u.test(p))) return null;
	if (parts.length >= 2) return parts;
	return parts[0] !== undefined && isExpansionOf(parts[0], [term]) ? parts : null;
}

/** Facts of a term's list item: lines of its paragraphs and nested items, except `skip` (its alias line). */
function collectItemFacts(
	blocks: readonly MarkedToken[],
	skip: Paragraph | null,
	ctx: NoteContext,
	facts: FactList,
): void {
	for (const node of blocks) {
		if (node === skip) continue;
		if (isParagraph(node)) for (const line of paragraphLines(node, ctx)) facts.add(line.nodes);
		else if (node.type === 'list')
			for (const item of node.items) collectItemFacts(blockChildren(item), null, ctx, facts);
		else if (node.type === 'blockquote') collectItemFacts(blockChildren(node), skip, ctx, facts);
	}
}

// --- Facts ---

/**
 * Plain-text facts: trimmed, two words at least (a lone word is an enumeration, not a statement), no questions, ≤ 300 characters
 * (longer lines are split into sentences), deduplicated by {@link compactKey}.
 */
class FactList {
	readonly items: string[] = [];
	readonly #seen = new Set<string>();

	add(nodes: readonly MarkedToken[]): void {
		if (isLinkOnly(nodes)) return;
		const text = collapse(plainText(nodes));
		if (!/[\p{L}\p{N}]/u.test(text) || isQuestion(text)) return;
		const pieces = text.length <= MAX_FACT_CHARS ? [text] : text.split(/(?<=[.!?。])\s+/u);
		for (const piece of pieces) {
			if (piece.length > MAX_FACT_CHARS || !TWO_WORDS.test(piece)) continue;
			// Lower case is enough to spot a line written twice, at a fraction of the cost of a name key.
			const key = piece.toLowerCase();
			if (this.#seen.has(key)) continue;
			this.#seen.add(key);
			this.items.push(piece);
		}
	}
}

const TWO_WORDS = /\S\s+\S/;

/** A question (`프로세서란?`) states nothing: it is neither a definition nor a fact. */
function isQuestion(text: string): boolean {
	return /[?？]\s*$/u.test(text);
}

/** Only links, images and punctuation: a reference line, not a fact. */
function isLinkOnly(nodes: readonly MarkedToken[]): boolean {
	let links = 0;
	for (const node of nodes) {
		if (node.type === 'link' || node.type === 'image') links++;
		else if (node.type === 'text' && /^[\s\p{P}\p{S}]*$/u.test(node.raw)) continue;
		else if (node.type === 'br' || node.type === 'html' || node.type === 'checkbox') continue;
		else return false;
	}
	return links > 0;
}

function containsLink(nodes: readonly MarkedToken[]): boolean {
	return nodes.some((n) => n.type === 'link');
}

// --- Definitions ---

/**
 * The first paragraph of the section's own content that says something (two letters at least, not only links,
 * not a line defining another term in bold), looking into block quotes and the expansion item, skipping other
 * lists. A leading `Title :` is dropped.
 */
function sectionDefinition(
	blocks: readonly MarkedToken[],
	expansionItem: Tokens.ListItem | null,
	names: readonly string[],
	ctx: NoteContext,
): string {
	for (const node of blocks) {
		let found = '';
		if (isParagraph(node)) {
			const head = paragraphLines(node, ctx)[0];
			const term = head && matchBoldTerm(head.nodes);
			// A bold line naming another term is that term's; one naming the section (`**AppArmor** is …`) defines it.
			if (term && !names.some((name) => compactKey(name) === compactKey(term.name))) continue;
			found = paragraphDefinition(inlineOf(node), names);
		} else if (node.type === 'blockquote') {
			found = sectionDefinition(blockChildren(node), null, names, ctx);
		} else if (node.type === 'list' && expansionItem && node.items[0] === expansionItem) {
			const [first, ...rest] = blockChildren(expansionItem);
			const lines = isParagraph(first) ? paragraphLines(first, ctx).slice(1) : [];
			if (lines.length > 0) found = paragraphDefinition(lines.flatMap(withSpace), names);
			if (found === '') found = sectionDefinition(rest, null, names, ctx);
		}
		if (found !== '') return found;
	}
	return '';
}

function paragraphDefinition(nodes: readonly MarkedToken[], names: readonly string[]): string {
	const plain = plainText(nodes);
	if (isLinkOnly(nodes) || !isDefinitionText(plain) || isQuestion(plain)) return '';
	let text = definitionText(nodes);
	const lower = text.toLowerCase();
	for (const name of names) {
		if (name === '' || !lower.startsWith(name.toLowerCase())) continue;
		const separator = /^\s*[:：]\s*|^\s+[-–—]\s+/u.exec(text.slice(name.length));
		if (separator && text.length > name.length + separator[0].length) {
			text = text.slice(name.length + separator[0].length);
			break;
		}
	}
	return text;
}

/** Inline Markdown on one line, whitespace collapsed, cut at a word boundary near 400 characters. */
function definitionText(nodes: readonly MarkedToken[]): string {
	return truncateMarkdown(collapse(renderLine(nodes, null)), MAX_DEFINITION_CHARS);
}

/** Cuts at the last space before `max` (never inside a `[text](url)` or a code span) and appends `…`. */
export function truncateMarkdown(text: string, max: number): string {
	if (text.length <= max) return text;
	let cut = text.lastIndexOf(' ', max - 1);
	if (cut < max / 2) cut = max - 1;
	let head = text.slice(0, cut);
	const open = head.lastIndexOf('[');
	const link = /^\[[^\]\n]*\]\([^)\s]*\)/;
	if (open !== -1 && link.test(text.slice(open)) && !link.test(head.slice(open))) head = head.slice(0, open);
	if ((head.match(/`/g)?.length ?? 0) % 2 === 1) head = head.slice(0, head.lastIndexOf('`'));
	if ((head.match(/\*\*/g)?.length ?? 0) % 2 === 1) head = head.slice(0, head.lastIndexOf('**'));
	return `${head.trimEnd()}…`;
}

// ---------------------------------------------------------------------------------------------
// Titles and aliases
// ---------------------------------------------------------------------------------------------

const DECORATION_START = /^(?:[\s\p{Extended_Pictographic}\p{So}*_~=>•·※]|[0-9#*]\uFE0F?\u20E3|\uFE0F|\u200D)+/u;
/** A first or last character that is no decoration: a letter, or a digit not followed by a keycap sign. */
const PLAIN_EDGE = /^(?:\p{L}|\d(?![\uFE0F\u20E3]))/u;
/** One character that may trail a title as decoration; stripped one at a time from the end, so any run costs linear time. */
const DECORATION_END_CHAR = /^(?:[\s\p{Extended_Pictographic}\p{So}*_~=•·※:：]|\uFE0F|\u200D)$/u;
/** `1.`, `1.2`, `1-1.`, `2)`, `(3)`, `Ⅳ.`, `IV.`, `①` before a title; never a year such as `2022.05`. */
const SECTION_NUMBER =
	/^(?:(?:\d{1,2}(?:[.-]\d{1,2})*[.)]|\d{1,2}(?:\.\d{1,2})+|\(\d{1,2}\)|[Ⅰ-ↈ]+[.)]?|[IVX]+[.)]|[①-⑳])\s+|\d{1,2}[.)](?=\p{L}))/u;

/** Heading text → title: whitespace collapsed, emoji and decorations around it, wrapping `[ ]` and a leading section number removed. */
export function cleanTitle(raw: string): string {
	let title = stripDecorations(collapse(raw));
	const wrapped = /^[[【〔]\s*([^[\]【】〔〕]+?)\s*[\]】〕]$/u.exec(title);
	if (wrapped?.[1]) title = wrapped[1];
	const numbered = title.replace(SECTION_NUMBER, '');
	if (numbered !== '') title = numbered;
	return stripDecorations(title);
}

function stripDecorations(text: string): string {
	// Most names start and end with a letter: nothing to strip.
	if (PLAIN_EDGE.test(text.slice(0, 2)) && PLAIN_EDGE.test(text.slice(-1))) return text;
	const head = text.replace(DECORATION_START, '');
	let end = head.length;
	while (end > 0) {
		const last = head.codePointAt(end - 1) ?? 0;
		// A low surrogate ends a pair: test the whole code point.
		const width = last >= 0xdc00 && last <= 0xdfff && end >= 2 ? 2 : 1;
		if (!DECORATION_END_CHAR.test(head.slice(end - width, end))) break;
		end -= width;
	}
	return head.slice(0, end);
}

/** A term name as written, without list decorations (`★재귀(Recursion)` → `재귀(Recursion)`). */
function cleanName(raw: string): string {
	return stripDecorations(collapse(raw));
}

/**
 * Other names contained in a title: `하이퍼바이즈(Hypervisor)` → `하이퍼바이즈`, `Hypervisor`;
 * `강제 접근 통제(Mandatory Access Control; MAC)` → three; `Access Contorl, 접근 통제` → two. Lists are only split
 * when every part is a short name (≤ 4 words). For terms (`lastWord`), `나눠서 쓰는 공유(sharing)` also gives its
 * last Korean word `공유`, when the part before the parenthesis has three words or more and the parenthesis one.
 */
export function nameAliases(name: string, lastWord: boolean): string[] {
	const out: string[] = [];
	const paren = /[)）]$/u.test(name) ? /^([^()（）]+?)\s*[(（]([^()（）]+)[)）]$/u.exec(name) : null;
	if (paren?.[1] && paren[2]) {
		const base = cleanName(paren[1]);
		const innerText = paren[2].replace(/^\s*(?:=|:|aka\b|i\.e\.|e\.g\.)\s*/iu, '');
		const inner = splitNames(innerText, true);
		out.push(base);
		const baseParts = NAME_SEPARATOR.test(base) ? splitNames(base, false) : [];
		if (baseParts.length >= 2) out.push(...baseParts);
		out.push(...inner);
		const words = base.split(/\s+/);
		const last = words.at(-1) ?? '';
		if (
			lastWord &&
			words.length >= 3 &&
			inner.length === 1 &&
			wordCount(innerText) === 1 &&
			/^\p{Script=Hangul}{2,}$/u.test(last)
		) {
			out.push(last);
		}
	} else if (NAME_SEPARATOR.test(name)) {
		const parts = splitNames(name, false);
		if (parts.length >= 2) out.push(...parts);
	}
	return mergeAliases(name, [], out);
}

/**
 * Aliases of a section title: those of its subject when the title introduces or asks about one
 * (`About AppArmor (Debian)` → `AppArmor`, `What is a Hypervisor?` → `Hypervisor`, `가상 메모리란?` → `가상 메모리`),
 * else {@link nameAliases}. The title itself is kept as written.
 */
function titleAliases(title: string): string[] {
	const subject = titleSubject(title);
	if (subject === null) return nameAliases(title, false);
	const parts = nameAliases(subject, false);
	// A subject with a parenthesis is named by its parts (`Uncomplicated Firewall`, `UFW`), as titles are.
	const named = /[)）]$/u.test(subject) && parts.length > 0 ? parts : [subject, ...parts];
	return mergeAliases(title, [], named);
}

const INTRODUCTION = /^(?:about|what\s+(?:is|are)|what's|introduction\s+to)\s+(.+?)\s*[?？]?$/iu;
const ARTICLE = /^(?:a|an|the)\s+/iu;
/** `X란?`, `X이란?`, `X란 무엇인가?`, `X(이)란`: the subject, the space after it, `이`, and the question. */
const KOREAN_QUESTION = /^(.+?)(\s*)(\(이\)|이)?란\s*(무엇인가요?|뭔가요?|무엇일까요?|뭘까요?)?\s*([?？]?)$/u;
/** Words that lead into a question without belonging to its subject: `그래서 정규화란?`, `DB에서 인덱스란?`. */
const LEAD_IN =
	/^(?:(?:그래서|그럼|그러면|그렇다면|그러니까|그리고|그런데|도대체|과연|결국|so|and|then)\s+|.+?에서\s+)/iu;
/**
 * Subjects that name nothing: `What is this?`, `About this project`, `What is in the page table?`, `What is the
 * difference between A and B?`, or a dated log title (`2019.08.26.(월) [BYM] UDP란?`).
 */
const NOT_SUBJECT =
	/^(?:this|that|these|those|it|me|us|my|our|your|in|on|at|of|for|to|with|from|into|inside|difference)\b|\s(?:and|or|vs\.?|versus|between)\s|[[\]]|\d{4}[./-]\d/iu;

/** The subject of an introduction or question title, or `null` when the title is not one or its subject is no name. */
function titleSubject(title: string): string | null {
	const asked =
		INTRODUCTION.exec(title)?.[1]?.replace(ARTICLE, '') ?? (title.includes('란') ? koreanSubject(title) : null);
	if (!asked) return null;
	const subject = cleanName(asked.replace(/["“”]/gu, '').replace(LEAD_IN, ''));
	if (!isTermName(subject) || NOT_SUBJECT.test(subject)) return null;
	const paren = /^([^()（）]+?)\s*[(（]([^()（）]+)[)）]$/u.exec(subject);
	const base = paren?.[1]?.trim();
	const inner = paren?.[2]?.trim();
	// A parenthesis in Latin after a Latin subject is an alias only when one spells out the other (`Uncomplicated
	// Firewall (UFW)`); otherwise it qualifies the subject (`AppArmor (Debian)`) and names nothing.
	if (
		base &&
		inner &&
		!/\p{Script=Hangul}/u.test(subject) &&
		!isExpansionOf(base, [inner]) &&
		!isExpansionOf(inner, [base])
	) {
		return base;
	}
	return subject;
}

/**
 * `X란?` → `X`. `이란` follows a closed syllable or a Latin word (`Serialization이란`), `란` an open one (`Hash란`,
 * `가상 메모리란`); without a question mark the subject needs two letters at least, so that words ending in `란`
 * (`계란`, `혼란`) are not read as questions.
 */
function koreanSubject(title: string): string | null {
	const match = KOREAN_QUESTION.exec(title);
	const stem = match?.[1];
	if (!match || !stem) return null;
	const [, , space, particle, question, mark] = match;
	const last = stem.at(-1) ?? '';
	const hangul = /\p{Script=Hangul}/u.test(last);
	// After an open syllable written together, `이` belongs to the word (`레이란` = `레이` + `란`).
	const subject = particle === '이' && space === '' && hangul && !hasFinalConsonant(last) ? `${stem}이` : stem;
	// `혼란`, `반란`: a closed syllable never takes `란` alone.
	if (particle === undefined && hangul && hasFinalConsonant(last)) return null;
	const asked = question !== undefined || mark !== '';
	if (!asked && (subject.match(/[\p{L}\p{N}]/gu)?.length ?? 0) < 2) return null;
	return subject;
}

/** Whether a Hangul syllable ends in a consonant (받침). */
function hasFinalConsonant(syllable: string): boolean {
	const code = syllable.charCodeAt(0) - 0xac00;
	return code >= 0 && code < 11172 && code % 28 !== 0;
}

/** A character that may separate names in a list: without one, a text is a single name. */
const NAME_SEPARATOR = /[,;:，；、/]/u;
const CONJUNCTION = /^(?:그리고|및|또는|혹은|그러나|하지만|and|or|but|then)\s/iu;

/**
 * Splits a list of names on `,`, `;`, `、` (and `:` inside a parenthesis), a spaced ` / ` or a `/` between Korean
 * words, never inside brackets; `[]` when any part is not a short name (≤ 4 words, balanced, not a clause).
 */
function splitNames(text: string, inParenthesis: boolean): string[] {
	const parts: string[] = [];
	let depth = 0;
	let start = 0;
	const separator = inParenthesis
		? /\s*[,;:，；、]\s*|\s+\/\s+|(?<=\p{Script=Hangul}{2})\/(?=\p{Script=Hangul}{2})/uy
		: /\s*[,;，；、]\s*|\s+\/\s+|(?<=\p{Script=Hangul}{2})\/(?=\p{Script=Hangul}{2})/uy;
	// Most names hold no separator at all: skip the scan.
	for (let i = NAME_SEPARATOR.test(text) ? 0 : text.length; i < text.length; i++) {
		const ch = text[i] ?? '';
		if ('([（「【'.includes(ch)) depth++;
		else if (')]）」】'.includes(ch)) depth = Math.max(0, depth - 1);
		if (depth > 0) continue;
		separator.lastIndex = i;
		const match = separator.exec(text);
		if (!match || match[0] === '') continue;
		parts.push(text.slice(start, i));
		start = i + match[0].length;
		i = start - 1;
	}
	parts.push(text.slice(start));
	const names = parts.map(cleanName).filter((p) => p !== '');
	const valid = names.every(
		(p) => wordCount(p) <= MAX_ALIAS_PART_WORDS && /\p{L}/u.test(p) && isBalanced(p) && !CONJUNCTION.test(p),
	);
	return valid ? names : [];
}

/** `existing` then `extra`, without the title itself and without repeats (by {@link compactKey}). */
function mergeAliases(title: string, existing: readonly string[], extra: readonly string[]): string[] {
	if (existing.length === 0 && extra.length === 0) return [];
	const seen = new Set([compactKey(title)]);
	const out: string[] = [];
	for (const alias of [...existing, ...extra]) {
		const key = compactKey(alias);
		if (key === '' || seen.has(key)) continue;
		seen.add(key);
		out.push(alias);
	}
	return out;
}

/** Title of a file without headings: its first non-empty line (≤ 80 characters), else the file name. */
function untitledTitle(blocks: readonly MarkedToken[], ctx: NoteContext): string {
	const line = firstTextLine(blocks, ctx);
	return line === '' ? ctx.fileName : truncateMarkdown(line, MAX_UNTITLED_TITLE_CHARS);
}

function firstTextLine(blocks: readonly MarkedToken[], ctx: NoteContext): string {
	for (const node of blocks) {
		let text = '';
		if (isParagraph(node)) {
			for (const line of paragraphLines(node, ctx)) {
				text = cleanTitle(plainText(line.nodes));
				if (text !== '') break;
			}
		} else if (node.type === 'list') {
			text = firstTextLine(
				node.items.flatMap((item) => blockChildren(item)),
				ctx,
			);
		} else if (node.type === 'blockquote') {
			text = firstTextLine(blockChildren(node), ctx);
		} else if (node.type === 'html') {
			const lines = renderHtml(node.text, inlineState(true, null)).split('\n');
			text = lines.map((l) => cleanTitle(l)).find((l) => l !== '') ?? '';
		}
		if (text !== '') return text;
	}
	return '';
}

function hasVisibleContent(blocks: readonly MarkedToken[], ctx: NoteContext): boolean {
	return /[\p{L}\p{N}]/u.test(renderBlocks(blocks, ctx, null));
}

// ---------------------------------------------------------------------------------------------
// Paragraph lines
// ---------------------------------------------------------------------------------------------

const BR_TAG = /^<br\s*\/?>$/i;

/**
 * Splits a paragraph at soft line endings, hard breaks and `<br>`, keeping each line's source line number. As in
 * CommonMark, spaces around a soft line ending belong to no line. The lines are shared: callers must not change them.
 */
function paragraphLines(paragraph: Paragraph, ctx: NoteContext): readonly Line[] {
	const cached = ctx.paragraphs.get(paragraph);
	if (cached) return cached;
	const lines: Line[] = [];
	const split: LineSplit = { nodes: [], line: ctx.lines.get(paragraph) ?? 1 };
	let current = split.line;
	for (const node of inlineOf(paragraph)) {
		if (node.type === 'checkbox') continue;
		if (node.type === 'br' || (node.type === 'html' && BR_TAG.test(node.raw))) {
			endLine(split, lines);
		} else if (node.type === 'text' && node.raw.includes('\n')) {
			const pieces = node.raw.split('\n');
			for (let index = 0; index < pieces.length; index++) {
				if (index > 0) {
					endLine(split, lines);
					current++;
				}
				const piece = pieces[index] ?? '';
				let value = split.nodes.length === 0 ? piece.trimStart() : piece;
				if (index < pieces.length - 1) value = value.trimEnd();
				if (value !== '') addToLine(split, textNode(value), current);
			}
			continue;
		} else if (node.type === 'text' && split.nodes.length === 0) {
			const value = node.raw.trimStart();
			if (value !== '') addToLine(split, value === node.raw ? node : textNode(value), current);
		} else {
			addToLine(split, node, current);
		}
		if (node.raw.includes('\n')) current += countLineBreaks(node.raw, 0, node.raw.length);
	}
	endLine(split, lines);
	ctx.paragraphs.set(paragraph, lines);
	return lines;
}

/** The line {@link paragraphLines} is building: its nodes so far and the source line of the first. */
interface LineSplit {
	nodes: MarkedToken[];
	line: number;
}

function addToLine(split: LineSplit, node: MarkedToken, line: number): void {
	if (split.nodes.length === 0) split.line = line;
	split.nodes.push(node);
}

/** Ends the line being split, without its trailing spaces; an empty line is dropped. */
function endLine(split: LineSplit, lines: Line[]): void {
	const { nodes } = split;
	const last = nodes.at(-1);
	if (last?.type === 'text') {
		const value = last.raw.trimEnd();
		if (value === '') nodes.pop();
		else if (value !== last.raw) nodes[nodes.length - 1] = textNode(value);
	}
	if (nodes.length > 0) lines.push({ nodes, line: split.line });
	split.nodes = [];
}

function textNode(value: string): Tokens.Text {
	return { type: 'text', raw: value, text: value };
}

function trimStart(nodes: MarkedToken[]): MarkedToken[] {
	const first = nodes[0];
	if (first?.type !== 'text') return nodes;
	const value = first.raw.replace(/^\s+/, '');
	return value === '' ? nodes.slice(1) : [textNode(value), ...nodes.slice(1)];
}

// ---------------------------------------------------------------------------------------------
// Rendering: Discord Markdown and plain text
// ---------------------------------------------------------------------------------------------

interface InlineState {
	readonly plain: boolean;
	/** Where `[[wiki link]]` targets are collected; `null` to ignore them. */
	readonly wiki: string[] | null;
	/** Inside `<script>`/`<style>`/`<template>`: everything is dropped until its end tag. */
	skip: string | null;
	/** Markers opened by HTML tags (`<kbd>` → `` ` ``), closed when the tag closes or the block ends. */
	readonly marks: { tag: string; marker: string }[];
	/** How many emphasis and link tokens the token being rendered is inside. */
	depth: number;
}

function inlineState(plain: boolean, wiki: string[] | null): InlineState {
	return { plain, wiki, skip: null, marks: [], depth: 0 };
}

/** Plain text of inline content: no Markdown, no HTML, links as their text. */
function plainText(nodes: readonly MarkedToken[]): string {
	return renderInline(nodes, inlineState(true, null));
}

/** Inline content rendered for Discord, with HTML-opened markers closed. */
function renderLine(nodes: readonly MarkedToken[], wiki: string[] | null): string {
	const state = inlineState(false, wiki);
	return renderInline(nodes, state) + closeMarks(state);
}

function closeMarks(state: InlineState): string {
	let out = '';
	while (state.marks.length > 0) out += state.marks.pop()?.marker ?? '';
	return out;
}

/**
 * Renders blocks as Discord Markdown: HTML stripped, images dropped, tables as `a | b` lines, thematic breaks dropped,
 * lists as `- ` and `1. ` lines indented under their marker, block quotes as `> ` lines, code fenced with its language.
 */
function renderBlocks(
	nodes: readonly MarkedToken[],
	ctx: NoteContext,
	wiki: string[] | null,
	separator = '\n\n',
): string {
	const parts: string[] = [];
	for (const node of nodes) {
		const text = renderBlock(node, ctx, wiki);
		if (NOT_SPACE.test(text)) parts.push(text);
	}
	return parts.join(separator);
}

function renderBlock(node: MarkedToken, ctx: NoteContext, wiki: string[] | null): string {
	switch (node.type) {
		case 'paragraph':
		case 'text':
			return trimLines(renderLine(inlineOf(node), wiki));
		case 'heading':
			return `**${collapse(renderLine(inlineOf(node), wiki))}**`;
		case 'blockquote':
			return renderBlockquote(node, ctx, wiki);
		case 'list':
			return renderList(node, ctx, wiki);
		case 'list_item':
			return renderBlocks(blockChildren(node), ctx, wiki, isSpread(node) ? '\n\n' : '\n');
		case 'code': {
			const longest = Math.max(2, ...(node.text.match(/`{3,}/g) ?? []).map((f) => f.length));
			const fence = '`'.repeat(longest + 1);
			const lang = node.codeBlockStyle === 'indented' ? '' : (node.lang?.trim().split(/\s/, 1)[0] ?? '');
			// marked keeps the line break before a fence that follows a blank line; the code ends before it.
			const code = node.text.endsWith('\n') ? node.text.slice(0, -1) : node.text;
			return `${fence}${lang}\n${code}\n${fence}`;
		}
		case 'html': {
			const state = inlineState(false, wiki);
			return tidyHtmlText(renderHtml(node.text, state) + closeMarks(state));
		}
		case 'table':
			return renderTable(node, wiki);
		default:
			return '';
	}
}

function renderBlockquote(node: Tokens.Blockquote, ctx: NoteContext, wiki: string[] | null): string {
	const inner = renderBlocks(blockChildren(node), ctx, wiki);
	return inner
		.split('\n')
		.map((line) => (line === '' ? '>' : `> ${line}`))
		.join('\n');
}

function renderList(node: Tokens.List, ctx: NoteContext, wiki: string[] | null): string {
	const start = listStart(node);
	const items = node.items.map((item, index) => {
		const marker = node.ordered ? `${start + index}.` : '-';
		const task = item.task ? (item.checked ? '[x] ' : '[ ] ') : '';
		const content = renderBlocks(blockChildren(item), ctx, wiki, isSpread(item) ? '\n\n' : '\n');
		// Lines after the first are indented under the marker; blank lines stay blank.
		const indent = ' '.repeat(marker.length + 1);
		return `${marker} ${task}${content.replace(/\n(?=[^\n])/g, `\n${indent}`)}`;
	});
	return items.join(isSpread(node) ? '\n\n' : '\n');
}

/**
 * Whether a blank line separates the items of a list, or the blocks of a list item. marked's `loose` says either
 * for the whole list; a body keeps a tight list of items that have paragraphs of their own tight.
 */
function isSpread(node: Tokens.List | Tokens.ListItem): boolean {
	if (node.type === 'list') return node.items.slice(0, -1).some((item) => /\n[ \t]*\n\s*$/.test(item.raw));
	const tokens = known(node.tokens).filter((t) => t.type !== 'checkbox');
	const last = tokens.findLastIndex((t) => t.type !== 'space');
	return tokens.some((t, index) => t.type === 'space' && index > 0 && index < last);
}

function renderTable(node: Tokens.Table, wiki: string[] | null): string {
	return [node.header, ...node.rows]
		.map((row) => {
			const cells = row.map((cell) => collapse(renderLine(inlineOf(cell), wiki)));
			// GFM pads short rows with empty cells; a row written on several lines would end in ` |  | `.
			while (cells.at(-1) === '') cells.pop();
			return cells.join(' | ');
		})
		.filter((row) => row.replace(/[\s|]/g, '') !== '')
		.join('\n');
}

/** Renders inline tokens; runs of text are rendered together, so that a wiki link or highlight split by an escape is still found. */
function renderInline(nodes: readonly MarkedToken[], state: InlineState): string {
	let out = '';
	let text = '';
	for (const node of nodes) {
		if (node.type === 'text' || node.type === 'escape') {
			if (!state.skip) text += node.type === 'text' ? decodeEntities(node.raw) : node.text;
			continue;
		}
		if (text !== '') {
			out += renderText(text, state);
			text = '';
		}
		out += renderInlineNode(node, state);
	}
	return text === '' ? out : out + renderText(text, state);
}

function renderInlineNode(node: MarkedToken, state: InlineState): string {
	if (node.type === 'html') return renderHtml(node.raw, state);
	if (state.skip) return '';
	if (isInlineContainer(node)) {
		// Real notes never nest emphasis or links this deep; deeper ones are read as plain text, without recursion.
		if (state.depth >= MAX_NESTING) return node.type === 'image' ? '' : flatText(inlineOf(node));
		state.depth++;
		const out = renderInlineContainer(node, state);
		state.depth--;
		return out;
	}
	switch (node.type) {
		case 'br':
			return '\n';
		case 'codespan':
			return state.plain ? node.text : codeSpan(node.text);
		default:
			return '';
	}
}

function renderInlineContainer(
	node: Tokens.Strong | Tokens.Em | Tokens.Del | Tokens.Link | Tokens.Image,
	state: InlineState,
): string {
	switch (node.type) {
		case 'em':
			return wrap('*', renderInline(inlineOf(node), state), state);
		case 'strong':
			return wrap('**', renderInline(inlineOf(node), state), state);
		case 'del':
			return wrap('~~', renderInline(inlineOf(node), state), state);
		case 'link':
			return renderLink(inlineOf(node), decodeEntities(node.href), state);
		default:
			return '';
	}
}

function wrap(marker: string, inner: string, state: InlineState): string {
	if (state.plain) return inner;
	const trimmed = inner.trim();
	if (trimmed === '') return inner;
	const lead = inner.slice(0, inner.indexOf(trimmed));
	const trail = inner.slice(lead.length + trimmed.length);
	return `${lead}${marker}${trimmed}${marker}${trail}`;
}

function codeSpan(value: string): string {
	const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(longest + 1);
	const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
	return `${fence}${pad}${value}${pad}${fence}`;
}

function renderLink(children: readonly MarkedToken[], url: string, state: InlineState): string {
	const onlyImages =
		children.length > 0 && children.every((c) => c.type === 'image' || (c.type === 'text' && c.raw.trim() === ''));
	if (onlyImages) return '';
	const text = collapse(renderInline(children, state));
	const web = /^(?:https?:|mailto:)/i.test(url);
	if (state.plain) return text || (web ? url : '');
	if (!web) return text;
	if (text === '' || text === url || `mailto:${text}` === url || `http://${text}` === url) return url;
	const safeUrl = url.replace(/[()\s<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
	return `[${text.replace(/[[\]]/g, '\\$&')}](${safeUrl})`;
}

// --- Text: wiki links and ==highlights== ---

const WIKI_LINK = /(!?)\[\[([^[\]\n]+?)\]\]/g;
const HIGHLIGHT = /==([^\s=](?:[^=\n]*[^\s=])?)==/g;
const EMBEDDED_FILE = /\.(?:png|jpe?g|gif|svg|webp|bmp|avif|pdf|mp3|mp4|webm|mov|excalidraw)$/i;

function renderText(value: string, state: InlineState): string {
	let text = value;
	if (text.includes('[[')) {
		text = text.replace(WIKI_LINK, (_all, bang: string, inner: string) => {
			const bar = inner.indexOf('|');
			const target = (bar === -1 ? inner : inner.slice(0, bar)).trim();
			const label = bar === -1 ? '' : inner.slice(bar + 1).trim();
			if (bang === '!' && EMBEDDED_FILE.test(target)) return '';
			if (target !== '') state.wiki?.push(target);
			return label || wikiDisplay(target);
		});
	}
	if (text.includes('==')) text = text.replace(HIGHLIGHT, state.plain ? '$1' : '**$1**');
	return text;
}

/** How Obsidian shows a link without a label: `Note#Heading` → `Note > Heading`, `#Heading` → `Heading`. */
function wikiDisplay(target: string): string {
	const hash = target.indexOf('#');
	if (hash === -1) return target;
	const page = target.slice(0, hash).trim();
	const heading = target
		.slice(hash + 1)
		.replace(/^\^.*/, '')
		.replace(/#/g, ' > ')
		.trim();
	if (page === '') return heading || target;
	return heading === '' ? page : `${page} > ${heading}`;
}

// --- HTML ---

/** Comments, tags (attributes never hold `<`, so a stray `<` costs no backtracking), declarations and processing instructions. */
const HTML_TOKEN = /<!--[\s\S]*?(?:-->|$)|<\/?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\/?>|<![^<>]*>|<\?[\s\S]*?(?:\?>|$)/g;
const DROPPED_CONTENT = new Set(['script', 'style', 'template']);
const BLOCK_TAGS = new Set([
	'address',
	'article',
	'aside',
	'blockquote',
	'center',
	'dd',
	'details',
	'div',
	'dl',
	'dt',
	'figcaption',
	'figure',
	'footer',
	'header',
	'hr',
	'main',
	'nav',
	'ol',
	'p',
	'pre',
	'section',
	'table',
	'tbody',
	'thead',
	'tfoot',
	'tr',
	'ul',
]);
const INLINE_MARKERS: Readonly<Record<string, string>> = {
	kbd: '`',
	code: '`',
	samp: '`',
	tt: '`',
	b: '**',
	strong: '**',
	summary: '**',
};

/**
 * Turns HTML into text: `<kbd>x</kbd>` → `` `x` ``, `<summary>S</summary>` → `**S**` on its own line, `<br>` and block
 * tags → line breaks, `<li>` → `- `, table cells → ` | `; every other tag, comment and attribute is dropped, as is
 * the content of `<script>`, `<style>` and `<template>`. Entities are decoded. State carries across a paragraph's
 * inline HTML tokens.
 */
function renderHtml(value: string, state: InlineState): string {
	let out = '';
	let last = 0;
	for (const match of value.matchAll(HTML_TOKEN)) {
		const index = match.index ?? 0;
		if (!state.skip) out += decodeEntities(value.slice(last, index));
		last = index + match[0].length;
		const name = match[1]?.toLowerCase();
		if (!name) continue;
		const closing = match[0].startsWith('</');
		if (state.skip) {
			if (closing && name === state.skip) state.skip = null;
			continue;
		}
		if (DROPPED_CONTENT.has(name)) {
			if (!closing && !match[0].endsWith('/>')) state.skip = name;
			continue;
		}
		out += htmlTag(name, closing, state);
	}
	if (!state.skip) out += decodeEntities(value.slice(last));
	return out;
}

function htmlTag(name: string, closing: boolean, state: InlineState): string {
	if (name === 'br') return '\n';
	const marker = INLINE_MARKERS[name];
	if (marker !== undefined) {
		const after = name === 'summary' ? '\n' : '';
		if (state.plain) return closing ? after : '';
		if (!closing) {
			state.marks.push({ tag: name, marker });
			return marker;
		}
		const open = state.marks.findLastIndex((m) => m.tag === name);
		if (open === -1) return after;
		let out = '';
		while (state.marks.length > open) out += state.marks.pop()?.marker ?? '';
		return out + after;
	}
	if (name === 'li') return closing ? '\n' : state.plain ? '\n' : '\n- ';
	if (name === 'td' || name === 'th') return closing ? ' | ' : '';
	if (/^h[1-6]$/.test(name)) return state.plain ? '\n' : closing ? '**\n' : '\n**';
	return BLOCK_TAGS.has(name) ? '\n' : '';
}

/** HTML-derived text: lines trimmed, trailing cell separators and runs of blank lines removed. */
function tidyHtmlText(text: string): string {
	return text
		.split('\n')
		.map((line) => {
			let end = line.length;
			while (end > 0 && /[\s|]/.test(line[end - 1] ?? '')) end--;
			return line.slice(0, end).trim();
		})
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

const ENTITIES: Readonly<Record<string, string>> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
	middot: '·',
	hellip: '…',
	ndash: '–',
	mdash: '—',
	lsquo: '‘',
	rsquo: '’',
	ldquo: '“',
	rdquo: '”',
	laquo: '«',
	raquo: '»',
	times: '×',
	rarr: '→',
	larr: '←',
	copy: '©',
	reg: '®',
	trade: '™',
	bull: '•',
	ensp: ' ',
	emsp: ' ',
	thinsp: ' ',
};

function decodeEntities(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (all, body: string) => {
		if (body.startsWith('#')) {
			const code =
				body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
			return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : all;
		}
		return ENTITIES[body.toLowerCase()] ?? all;
	});
}

// ---------------------------------------------------------------------------------------------
// Small text helpers
// ---------------------------------------------------------------------------------------------

const NOT_SPACE = /\S/;

function collapse(text: string): string {
	// Most texts hold single spaces only: a test is cheaper than a replace.
	return text.includes('  ') || OTHER_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

/** A white-space character other than a plain space. */
const OTHER_SPACE = /[^\S ]/;

function trimLines(text: string): string {
	return text.includes('\n') ? text.replace(/[^\S\n]*\n[^\S\n]*/g, '\n').trim() : text.trim();
}

function wordCount(text: string): number {
	let count = 0;
	let inWord = false;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		// The characters `\s` matches.
		const space =
			code <= 0x20
				? code === 0x20 || (code >= 0x09 && code <= 0x0d)
				: code >= 0xa0 &&
					(code === 0xa0 ||
						code === 0x1680 ||
						(code >= 0x2000 && code <= 0x200a) ||
						code === 0x2028 ||
						code === 0x2029 ||
						code === 0x202f ||
						code === 0x205f ||
						code === 0x3000 ||
						code === 0xfeff);
		if (!space && !inWord) count++;
		inWord = !space;
	}
	return count;
}

function firstLine(text: string): string {
	return collapse(text.split('\n')[0] ?? '');
}

function uniqueStrings(values: readonly string[]): string[] {
	return [...new Set(values)];
}
