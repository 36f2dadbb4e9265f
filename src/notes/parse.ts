/**
 * Markdown note → concepts, for one file on its own (no I/O, no cross-file knowledge).
 *
 * Structure comes from the real Markdown parser (micromark through mdast, with GFM and YAML front matter);
 * only `#제목` headings written without a space are patched at the source level, using the parser's positions,
 * and the file is then parsed a second time. A file is never parsed more than twice.
 */
import type {
	Blockquote,
	Heading,
	List,
	ListItem,
	Paragraph,
	PhrasingContent,
	Root,
	RootContent,
	Table,
	Text,
} from 'mdast';
import { type Options as FromMarkdownOptions, fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
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
/** Deeper containers (`>>>>…`, lists nested hundreds deep) are flattened to text, so every walk below is shallow. */
const MAX_NESTING = 32;

const WITH_FRONT_MATTER: FromMarkdownOptions = {
	extensions: [gfm(), frontmatter(['yaml'])],
	mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
};
const WITHOUT_FRONT_MATTER: FromMarkdownOptions = {
	extensions: [gfm()],
	mdastExtensions: [gfmFromMarkdown()],
};

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/**
 * Parses one note. `file` is the path relative to the notes folder with `/` separators; it names the
 * concepts' ids and the warnings. Never throws on any text.
 */
export function parseNote(file: string, text: string): ParsedNote {
	const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	// CR LF and lone CR end lines too; as LF the line count, hence every line number, is unchanged.
	const source = unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
	const warnings: NoteWarning[] = [];
	let tree = fromMarkdown(source, WITH_FRONT_MATTER);
	const meta = readFrontMatter(tree, file, warnings);
	const insertions = hashHeadingInsertions(tree, source);
	if (insertions.length > 0 || meta.isContent) {
		// Second and last parse: same lines, so every position still points at the author's line.
		tree = fromMarkdown(insertAt(source, insertions, ' '), meta.isContent ? WITHOUT_FRONT_MATTER : WITH_FRONT_MATTER);
	}
	limitNesting(tree);
	const ctx: NoteContext = { file, fileName: noteName(file), defs: linkDefinitions(tree) };
	const drafts = buildDrafts(tree, ctx, warnings);
	applyFrontMatter(drafts, meta);
	assignIds(drafts);
	return finish(file, drafts, warnings);
}

interface NoteContext {
	readonly file: string;
	/** The file's base name without extension: the title of its untitled parts. */
	readonly fileName: string;
	/** Link reference definitions (`[id]: url`), by normalised identifier. */
	readonly defs: ReadonlyMap<string, string>;
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
// `#제목` headings without a space
// ---------------------------------------------------------------------------------------------

/** Quick test for a line that might hold a `#제목` heading, so most files skip the tree walk. */
const HASH_CANDIDATE = /^[ \t>*+\-\d.)]*#{1,6}[\p{L}\p{So}[(*_`"'“‘「『]/mu;
const HASH_HEADING = /^(#{1,6})[\p{L}\p{So}[(*_`"'“‘「『]/u;
const PREPROCESSOR =
	/^#\s*(?:include|define|undef|ifdef|ifndef|if|elif|else|endif|pragma|error|warning|line|import)(?=[\s<"(]|$)/;
const HASHTAGS_ONLY = /^#[^\s#]+(?:\s+#[^\s#]+)+\s*$/u;

/**
 * Offsets just after the `#`s of paragraph lines that the author meant as headings (`#제목`), where one
 * space turns them into CommonMark headings. Only paragraph lines are looked at, so code, HTML and tables
 * never change; `#2` (a number), C preprocessor lines and hashtag lines (`#study #linux`) stay text.
 */
function hashHeadingInsertions(tree: Root, text: string): number[] {
	if (!HASH_CANDIDATE.test(text)) return [];
	const lineStarts = lineStartOffsets(text);
	const found: number[] = [];
	const lineAt = (offset: number): void => {
		const end = text.indexOf('\n', offset);
		const content = text.slice(offset, end === -1 ? text.length : end).replace(/\r$/, '');
		const match = HASH_HEADING.exec(content);
		if (!match || PREPROCESSOR.test(content) || HASHTAGS_ONLY.test(content)) return;
		found.push(offset + (match[1]?.length ?? 0));
	};
	const pending: RootContent[] = [...tree.children].reverse();
	for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
		if (node.type === 'paragraph') {
			const start = node.position?.start;
			const end = node.position?.end;
			if (!start || !end || start.offset === undefined) continue;
			lineAt(start.offset);
			for (let line = start.line + 1; line <= end.line; line++) {
				const lineStart = lineStarts[line - 1];
				if (lineStart === undefined) break;
				let offset = lineStart;
				while (offset < text.length && ' \t>'.includes(text[offset] ?? '')) offset++;
				lineAt(offset);
			}
		} else if ('children' in node && node.type !== 'heading' && node.type !== 'table') {
			pending.push(...[...(node.children as RootContent[])].reverse());
		}
	}
	return found;
}

/**
 * Replaces the content of any node nested deeper than {@link MAX_NESTING} by its plain text (a paragraph in
 * block containers, a text node in inline ones), walking without recursion. Real notes never get that deep.
 */
function limitNesting(tree: Root): void {
	type Node = Root | RootContent;
	const pending: { node: Node; depth: number }[] = [{ node: tree, depth: 0 }];
	for (let entry = pending.pop(); entry !== undefined; entry = pending.pop()) {
		const { node, depth } = entry;
		if (!('children' in node)) continue;
		if (depth < MAX_NESTING) {
			for (const child of node.children) pending.push({ node: child, depth: depth + 1 });
			continue;
		}
		const text: Text = { type: 'text', value: flatText(node) };
		const paragraph: Paragraph = { type: 'paragraph', children: [text] };
		const replaced = node as { type: string; children: unknown[] };
		if (node.type === 'list') replaced.children = [{ type: 'listItem', spread: false, children: [paragraph] }];
		else if (node.type === 'table')
			replaced.children = [{ type: 'tableRow', children: [{ type: 'tableCell', children: [text] }] }];
		else if (node.type === 'tableRow') replaced.children = [{ type: 'tableCell', children: [text] }];
		else if (
			node.type === 'root' ||
			node.type === 'blockquote' ||
			node.type === 'listItem' ||
			node.type === 'footnoteDefinition'
		) {
			replaced.children = [paragraph];
		} else {
			replaced.children = [text];
		}
	}
}

/** All literal text under a node, in order, spaces between blocks; iterative. */
function flatText(node: Root | RootContent): string {
	const parts: string[] = [];
	const pending: (Root | RootContent)[] = [node];
	for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
		if ('children' in current) pending.push(...[...(current.children as RootContent[])].reverse());
		else if ('value' in current && current.type !== 'html') parts.push(current.value);
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

interface FrontMatter {
	readonly aliases: string[];
	readonly tags: string[];
	/** The `---` block is not a mapping (e.g. Markdown between two rules): parse it as content instead. */
	readonly isContent: boolean;
}

function readFrontMatter(tree: Root, file: string, warnings: NoteWarning[]): FrontMatter {
	const none: FrontMatter = { aliases: [], tags: [], isContent: false };
	const node = tree.children[0];
	if (node?.type !== 'yaml') return none;
	if (node.value.trim() === '') return none;
	let value: unknown;
	try {
		const doc = parseDocument(node.value, { prettyErrors: false });
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
	readonly heading: Heading | null;
	readonly title: string;
	/** Wiki links of the heading text. */
	readonly wiki: string[];
	readonly blocks: RootContent[];
}

function buildDrafts(tree: Root, ctx: NoteContext, warnings: NoteWarning[]): Draft[] {
	const flat: RootContent[] = [];
	flattenBlocks(tree.children, flat);
	const sections: RawSection[] = [{ heading: null, title: '', wiki: [], blocks: [] }];
	for (const node of flat) {
		if (node.type === 'heading') {
			// A heading without text (`##### <br>`, used as spacing) is no concept: its content stays with the section above.
			const wiki: string[] = [];
			const raw = renderInline(node.children, inlineState(ctx, true, wiki));
			const title = cleanTitle(raw) || collapse(raw);
			if (title !== '') sections.push({ heading: node, title, wiki, blocks: [] });
		} else if (node.type !== 'yaml') {
			sections.at(-1)?.blocks.push(node);
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
			const line = section.blocks[0]?.position?.start.line ?? 1;
			buildSection(section.blocks, { title, line, parent: null, wiki: [] }, ctx, drafts);
			continue;
		}
		const heading = section.heading;
		while (stack.length > 0 && (stack.at(-1)?.depth ?? 0) >= heading.depth) stack.pop();
		const parent = stack.at(-1)?.draft ?? null;
		const line = heading.position?.start.line ?? 1;
		const draft = buildSection(section.blocks, { title: section.title, line, parent, wiki: section.wiki }, ctx, drafts);
		parent?.children.push(draft);
		stack.push({ depth: heading.depth, draft });
	}
	return drafts;
}

/**
 * Flattens containers (lists, list items, block quotes) that hold a heading, so every heading — even
 * `- ##### 미러링` or `> ##### 요약` — starts a section; containers without headings stay whole.
 */
function flattenBlocks(nodes: readonly RootContent[], out: RootContent[]): void {
	for (const node of nodes) {
		if (node.type === 'heading' || !hasHeading(node)) {
			out.push(node);
		} else if (node.type === 'list') {
			let run: ListItem[] = [];
			let runStart = 0;
			const flush = (): void => {
				if (run.length === 0) return;
				out.push({ ...node, start: node.ordered ? (node.start ?? 1) + runStart : node.start, children: run });
				run = [];
			};
			node.children.forEach((item, index) => {
				if (hasHeading(item)) {
					flush();
					flattenBlocks(item.children, out);
				} else {
					if (run.length === 0) runStart = index;
					run.push(item);
				}
			});
			flush();
		} else if ('children' in node) {
			flattenBlocks(node.children as RootContent[], out);
		} else {
			out.push(node);
		}
	}
}

function hasHeading(node: RootContent): boolean {
	if (node.type === 'heading') return true;
	if (
		node.type !== 'list' &&
		node.type !== 'listItem' &&
		node.type !== 'blockquote' &&
		node.type !== 'footnoteDefinition'
	) {
		return false;
	}
	return (node.children as RootContent[]).some(hasHeading);
}

interface SectionHead {
	readonly title: string;
	readonly line: number;
	readonly parent: Draft | null;
	readonly wiki: string[];
}

/** Builds the section draft and its term drafts, appending them to `drafts` in document order. */
function buildSection(blocks: readonly RootContent[], head: SectionHead, ctx: NoteContext, drafts: Draft[]): Draft {
	const { title, line, parent, wiki } = head;
	const draft: Draft = {
		kind: 'section',
		title,
		aliases: nameAliases(title, false),
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
	const sectionKeys = new Set([title, ...draft.aliases].map(compactKey));

	const terms: TermFound[] = [];
	const facts = new FactList();
	const explicit = collectTermsAndFacts(blocks, expansion?.item ?? null, sectionKeys, ctx, terms, facts);
	draft.facts = facts.items;
	draft.definition = explicit || sectionDefinition(blocks, expansion?.item ?? null, [title, ...draft.aliases], ctx);
	draft.body = renderBlocks(blocks, ctx, wiki);

	for (const term of terms) {
		const termWiki: string[] = [];
		const child: Draft = {
			kind: 'term',
			title: term.name,
			aliases: mergeAliases(term.name, nameAliases(term.name, true), term.extraAliases),
			definition: term.definition,
			body: term.render(termWiki),
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
	readonly item: ListItem;
	readonly phrase: string;
}

/** The first block is a list whose first item starts with an expansion of the title: that phrase is an alias, the rest of the item is the section's content. */
function findExpansion(blocks: readonly RootContent[], names: readonly string[], ctx: NoteContext): Expansion | null {
	const first = blocks[0];
	if (first?.type !== 'list') return null;
	const item = first.children[0];
	const paragraph = item?.children[0];
	if (!item || paragraph?.type !== 'paragraph') return null;
	const head = paragraphLines(paragraph)[0];
	if (!head) return null;
	const phrase = plainText(head.nodes, ctx);
	return isExpansionOf(phrase, names) ? { item, phrase } : null;
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
	/** Renders the term's own text for Discord, collecting its wiki links into `wiki`. */
	readonly render: (wiki: string[]) => string;
}

/** A line split off a paragraph at soft and hard breaks, with its 1-based source line. */
interface Line {
	readonly nodes: PhrasingContent[];
	readonly line: number;
}

/**
 * Walks a section's blocks in document order: list items and bold-led lines that define a term become
 * {@link TermFound}s; the other bullet lines (and short lines inside list items) become the section's facts.
 * Returns the definition the section gives itself (`- 정의 : …`, `**Definition**: …`), or `''`.
 */
function collectTermsAndFacts(
	blocks: readonly RootContent[],
	expansionItem: ListItem | null,
	sectionKeys: ReadonlySet<string>,
	ctx: NoteContext,
	terms: TermFound[],
	facts: FactList,
): string {
	let explicit = '';
	/** Whether `term` is a real term; a `정의 : …` line is kept as the section's own definition instead. */
	const accept = (term: TermFound | null): term is TermFound => {
		if (!term) return false;
		const key = compactKey(term.name);
		if (DEFINITION_WORDS.has(key)) {
			if (explicit === '') explicit = term.definition;
			return false;
		}
		return !sectionKeys.has(key);
	};
	const visitLines = (lines: readonly Line[], inItem: boolean): void => {
		for (const line of lines) {
			const term = boldTerm(line, ctx);
			if (accept(term)) terms.push(term);
			else if (inItem) facts.add(line.nodes, ctx);
		}
	};
	const visitBlocks = (nodes: readonly RootContent[], inItem: boolean): void => {
		for (const node of nodes) {
			if (node.type === 'list') {
				for (const item of node.children) visitItem(item);
			} else if (node.type === 'paragraph') {
				visitLines(paragraphLines(node), inItem);
			} else if (node.type === 'blockquote') {
				visitBlocks(node.children, inItem);
			}
		}
	};
	const visitItem = (item: ListItem): void => {
		const [first, ...rest] = item.children;
		if (item === expansionItem && first?.type === 'paragraph') {
			visitLines(paragraphLines(first).slice(1), true);
			visitBlocks(rest, true);
			return;
		}
		const term = itemTerm(item, ctx);
		if (accept(term)) {
			terms.push(term);
			return;
		}
		visitBlocks(item.children, true);
	};
	visitBlocks(blocks, false);
	return explicit;
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
	const stack: string[] = [];
	const pairs: Readonly<Record<string, string>> = { ')': '(', ']': '[', '）': '（', '」': '「', '】': '【' };
	for (const ch of text) {
		if ('([（「【'.includes(ch)) stack.push(ch);
		else if (ch in pairs && stack.pop() !== pairs[ch]) return false;
	}
	return stack.length === 0;
}

/** A definition worth keeping: at least two letters (so `2` or `-` is not one). */
function isDefinitionText(text: string): boolean {
	const letters = text.match(/\p{L}/gu);
	return letters !== null && letters.length >= 2;
}

/**
 * `**Term** — def`, `**Term** - def`, `**Term**: def`, `**Term:** def`, `**Term.** def`, `**Term** is …`,
 * `**Term**은/는/란 …`: a line led by bold text naming a term. Used for paragraphs and list items alike.
 */
function boldTerm(line: Line, ctx: NoteContext): TermFound | null {
	const match = matchBoldTerm(line.nodes, ctx);
	if (!match) return null;
	const defNodes = match.defNodes;
	return {
		name: match.name,
		extraAliases: expansionAliases(match.name, defNodes, ctx),
		definition: definitionText(defNodes, ctx),
		line: line.line,
		facts: [],
		render: (wiki) => renderLine(line.nodes, ctx, wiki),
	};
}

interface TermMatch {
	readonly name: string;
	readonly defNodes: PhrasingContent[];
}

function matchBoldTerm(nodes: readonly PhrasingContent[], ctx: NoteContext): TermMatch | null {
	const start = nodes.findIndex((n) => !(n.type === 'text' && n.value.trim() === ''));
	const head = nodes[start];
	if (head?.type !== 'strong') return null;
	const strongText = plainText(head.children, ctx);
	const rest = nodes.slice(start + 1);
	const accept = (rawName: string, defNodes: PhrasingContent[]): TermMatch | null => {
		const name = cleanName(rawName);
		if (!isTermName(name) || !isDefinitionText(plainText(defNodes, ctx))) return null;
		return { name, defNodes };
	};
	const inner = /^(.*?[^.:：])\s*[:：.]$/su.exec(strongText);
	if (inner?.[1] && !strongText.endsWith('...')) return accept(inner[1], trimStart(rest));
	const next = rest[0];
	if (next?.type !== 'text') return null;
	const separator =
		/^\s*[:：]\s*|^\s+[-–—]\s+|^\s*[–—]\s*|^\s+(?:is|are|refers to|means)\s+|^\s?(?:은|는|이란|란)\s+/iu.exec(
			next.value,
		);
	if (!separator) return null;
	return accept(strongText, trimStart([textNode(next.value.slice(separator[0].length)), ...rest.slice(1)]));
}

/**
 * A list item that defines a term: `- TERM : def` (also `：`, numbered items), a bold-led item, or `- TERM`
 * followed by an indented paragraph (a short comma-separated list of names there becomes aliases).
 */
function itemTerm(item: ListItem, ctx: NoteContext): TermFound | null {
	const [first, ...rest] = item.children;
	if (first?.type !== 'paragraph') return null;
	const [head, ...moreLines] = paragraphLines(first);
	if (!head) return null;
	const line = item.position?.start.line ?? head.line;
	const render = (wiki: string[]): string => renderBlocks(item.children, ctx, wiki);
	const facts = (lines: readonly Line[], blocks: readonly RootContent[], skip: Paragraph | null): string[] => {
		const list = new FactList();
		for (const l of lines) list.add(l.nodes, ctx);
		collectItemFacts(blocks, skip, ctx, list);
		return list.items;
	};

	const match = matchBoldTerm(head.nodes, ctx) ?? matchSeparatorTerm(head.nodes, ctx);
	if (match) {
		const defNodes = [...match.defNodes];
		for (const l of moreLines) defNodes.push(textNode(' '), ...l.nodes);
		return {
			name: match.name,
			extraAliases: expansionAliases(match.name, match.defNodes, ctx),
			definition: definitionText(defNodes, ctx),
			line,
			facts: facts([], rest, null),
			render,
		};
	}

	// `- TERM` then its definition: the paragraph's next lines or the item's next paragraph.
	const name = cleanName(plainText(head.nodes, ctx));
	if (!isTermName(name) || containsLink(head.nodes)) return null;
	const second = rest[0];
	const sameParagraph = moreLines.length > 0;
	const defLines: Line[] = sameParagraph ? moreLines : second?.type === 'paragraph' ? paragraphLines(second) : [];
	const defNodes = defLines.flatMap(withSpace);
	if (defLines.length === 0 || !isDefinitionText(plainText(defNodes, ctx))) return null;
	// A short list of names (`Mandatory Access Control, 강제접근제어`) gives aliases; the definition is then the
	// next paragraph that says something, or the names themselves when nothing follows.
	const names = nameList(collapse(plainText(defNodes, ctx)), name);
	const namesParagraph = names && !sameParagraph && second?.type === 'paragraph' ? second : null;
	const paragraphs = (names ? (sameParagraph ? rest : rest.slice(1)) : sameParagraph ? [] : rest).filter(
		(block): block is Paragraph => block.type === 'paragraph',
	);
	let definition = names || !sameParagraph ? '' : definitionText(defNodes, ctx);
	for (const paragraph of paragraphs) {
		if (definition !== '') break;
		definition = paragraphDefinition(paragraph.children, ctx, []);
	}
	if (definition === '' && names) definition = definitionText(defNodes, ctx);
	return {
		name,
		extraAliases: names ?? [],
		definition,
		line,
		facts: facts(names ? [] : moreLines, rest, namesParagraph),
		render,
	};
}

function withSpace(line: Line): PhrasingContent[] {
	return [...line.nodes, textNode(' ')];
}

/** `TERM : def` on a list item's first line: the first top-level `:`/`：` followed by a space, with no link before it. */
function matchSeparatorTerm(nodes: readonly PhrasingContent[], ctx: NoteContext): TermMatch | null {
	for (let index = 0; index < nodes.length; index++) {
		const node = nodes[index];
		if (!node) continue;
		if (
			node.type === 'link' ||
			node.type === 'linkReference' ||
			node.type === 'image' ||
			node.type === 'imageReference'
		) {
			return null;
		}
		if (node.type !== 'text') continue;
		const separator = /\s*(?::(?=\s|$)|：)\s*/u.exec(node.value);
		if (!separator) continue;
		const nameNodes = [...nodes.slice(0, index), textNode(node.value.slice(0, separator.index))];
		const defNodes = trimStart([
			textNode(node.value.slice(separator.index + separator[0].length)),
			...nodes.slice(index + 1),
		]);
		const name = cleanName(plainText(nameNodes, ctx));
		if (!isTermName(name) || !isDefinitionText(plainText(defNodes, ctx))) return null;
		return { name, defNodes };
	}
	return null;
}

/** The definition is itself an expansion of an acronym term (`APT : advanced packaging tool`): it is also an alias. */
function expansionAliases(name: string, defNodes: readonly PhrasingContent[], ctx: NoteContext): string[] {
	const def = collapse(plainText(defNodes, ctx));
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
	blocks: readonly RootContent[],
	skip: Paragraph | null,
	ctx: NoteContext,
	facts: FactList,
): void {
	for (const node of blocks) {
		if (node === skip) continue;
		if (node.type === 'paragraph') for (const line of paragraphLines(node)) facts.add(line.nodes, ctx);
		else if (node.type === 'list') for (const item of node.children) collectItemFacts(item.children, null, ctx, facts);
		else if (node.type === 'blockquote') collectItemFacts(node.children, null, ctx, facts);
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

	add(nodes: readonly PhrasingContent[], ctx: NoteContext): void {
		if (isLinkOnly(nodes)) return;
		const text = collapse(plainText(nodes, ctx));
		if (!/[\p{L}\p{N}]/u.test(text) || isQuestion(text)) return;
		const pieces = text.length <= MAX_FACT_CHARS ? [text] : text.split(/(?<=[.!?。])\s+/u);
		for (const piece of pieces) {
			const key = compactKey(piece);
			if (piece.length > MAX_FACT_CHARS || wordCount(piece) < 2 || key === '' || this.#seen.has(key)) continue;
			this.#seen.add(key);
			this.items.push(piece);
		}
	}
}

/** A question (`프로세서란?`) states nothing: it is neither a definition nor a fact. */
function isQuestion(text: string): boolean {
	return /[?？]\s*$/u.test(text);
}

/** Only links, images and punctuation: a reference line, not a fact. */
function isLinkOnly(nodes: readonly PhrasingContent[]): boolean {
	let links = 0;
	for (const node of nodes) {
		if (
			node.type === 'link' ||
			node.type === 'linkReference' ||
			node.type === 'image' ||
			node.type === 'imageReference'
		)
			links++;
		else if (node.type === 'text' && /^[\s\p{P}\p{S}]*$/u.test(node.value)) continue;
		else if (node.type === 'break' || node.type === 'html') continue;
		else return false;
	}
	return links > 0;
}

function containsLink(nodes: readonly PhrasingContent[]): boolean {
	return nodes.some((n) => n.type === 'link' || n.type === 'linkReference');
}

// --- Definitions ---

/**
 * The first paragraph of the section's own content that says something (two letters at least, not only links,
 * not a bold term line), looking into block quotes and the expansion item, skipping other lists. A leading
 * `Title :` is dropped.
 */
function sectionDefinition(
	blocks: readonly RootContent[],
	expansionItem: ListItem | null,
	names: readonly string[],
	ctx: NoteContext,
): string {
	for (const node of blocks) {
		let found = '';
		if (node.type === 'paragraph') {
			const head = paragraphLines(node)[0];
			if (head && matchBoldTerm(head.nodes, ctx)) continue;
			found = paragraphDefinition(node.children, ctx, names);
		} else if (node.type === 'blockquote') {
			found = sectionDefinition(node.children, null, names, ctx);
		} else if (node.type === 'list' && expansionItem && node.children[0] === expansionItem) {
			const [first, ...rest] = expansionItem.children;
			const lines = first?.type === 'paragraph' ? paragraphLines(first).slice(1) : [];
			if (lines.length > 0) found = paragraphDefinition(lines.flatMap(withSpace), ctx, names);
			if (found === '') found = sectionDefinition(rest, null, names, ctx);
		}
		if (found !== '') return found;
	}
	return '';
}

function paragraphDefinition(nodes: readonly PhrasingContent[], ctx: NoteContext, names: readonly string[]): string {
	const plain = plainText(nodes, ctx);
	if (isLinkOnly(nodes) || !isDefinitionText(plain) || isQuestion(plain)) return '';
	let text = definitionText(nodes, ctx);
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
function definitionText(nodes: readonly PhrasingContent[], ctx: NoteContext): string {
	return truncate(collapse(renderLine(nodes, ctx, null)), MAX_DEFINITION_CHARS);
}

/** Cuts at the last space before `max` (never inside a `[text](url)` or a code span) and appends `…`. */
export function truncate(text: string, max: number): string {
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
const DECORATION_END = /(?:[\s\p{Extended_Pictographic}\p{So}*_~=•·※:：]|\uFE0F|\u200D)+$/u;
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
	return text.replace(DECORATION_START, '').replace(DECORATION_END, '');
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
	const paren = /^([^()（）]+?)\s*[(（]([^()（）]+)[)）]$/u.exec(name);
	if (paren?.[1] && paren[2]) {
		const base = cleanName(paren[1]);
		const innerText = paren[2].replace(/^\s*(?:=|:|aka\b|i\.e\.|e\.g\.)\s*/iu, '');
		const inner = splitNames(innerText, true);
		out.push(base);
		const baseParts = splitNames(base, false);
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
	} else {
		const parts = splitNames(name, false);
		if (parts.length >= 2) out.push(...parts);
	}
	return mergeAliases(name, [], out);
}

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
	for (let i = /[,;:，；、/]/u.test(text) ? 0 : text.length; i < text.length; i++) {
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
function untitledTitle(blocks: readonly RootContent[], ctx: NoteContext): string {
	const line = firstTextLine(blocks, ctx);
	return line === '' ? ctx.fileName : truncate(line, MAX_UNTITLED_TITLE_CHARS);
}

function firstTextLine(blocks: readonly RootContent[], ctx: NoteContext): string {
	for (const node of blocks) {
		let text = '';
		if (node.type === 'paragraph') {
			for (const line of paragraphLines(node)) {
				text = cleanTitle(plainText(line.nodes, ctx));
				if (text !== '') break;
			}
		} else if (node.type === 'list') {
			text = firstTextLine(
				node.children.flatMap((item) => item.children),
				ctx,
			);
		} else if (node.type === 'blockquote') {
			text = firstTextLine(node.children, ctx);
		} else if (node.type === 'html') {
			const lines = renderHtml(node.value, inlineState(ctx, true, null)).split('\n');
			text = lines.map((l) => cleanTitle(l)).find((l) => l !== '') ?? '';
		}
		if (text !== '') return text;
	}
	return '';
}

function hasVisibleContent(blocks: readonly RootContent[], ctx: NoteContext): boolean {
	return /[\p{L}\p{N}]/u.test(renderBlocks(blocks, ctx, null));
}

// ---------------------------------------------------------------------------------------------
// Paragraph lines
// ---------------------------------------------------------------------------------------------

/** Splits a paragraph at soft line endings, hard breaks and `<br>`, keeping each line's source line number. */
function paragraphLines(paragraph: Paragraph): Line[] {
	const lines: Line[] = [];
	let nodes: PhrasingContent[] = [];
	let line = paragraph.position?.start.line ?? 1;
	const push = (): void => {
		if (nodes.length > 0) lines.push({ nodes, line });
		nodes = [];
	};
	for (const node of paragraph.children) {
		if (node.type === 'break') {
			push();
			line = node.position?.end.line ?? line + 1;
		} else if (node.type === 'html' && /^<br\s*\/?>$/i.test(node.value)) {
			push();
		} else if (node.type === 'text' && node.value.includes('\n')) {
			const startLine = node.position?.start.line ?? line;
			node.value.split('\n').forEach((piece, index) => {
				if (index > 0) {
					push();
					line = startLine + index;
				}
				if (piece !== '') {
					if (nodes.length === 0 && index === 0 && node.position) line = node.position.start.line;
					nodes.push(textNode(piece));
				}
			});
		} else {
			if (nodes.length === 0 && node.position) line = node.position.start.line;
			nodes.push(node);
		}
	}
	push();
	return lines;
}

function textNode(value: string): Text {
	return { type: 'text', value };
}

function trimStart(nodes: PhrasingContent[]): PhrasingContent[] {
	const first = nodes[0];
	if (first?.type !== 'text') return nodes;
	const value = first.value.replace(/^\s+/, '');
	return value === '' ? nodes.slice(1) : [textNode(value), ...nodes.slice(1)];
}

// ---------------------------------------------------------------------------------------------
// Rendering: Discord Markdown and plain text
// ---------------------------------------------------------------------------------------------

interface InlineState {
	readonly plain: boolean;
	readonly defs: ReadonlyMap<string, string>;
	/** Where `[[wiki link]]` targets are collected; `null` to ignore them. */
	readonly wiki: string[] | null;
	/** Inside `<script>`/`<style>`/`<template>`: everything is dropped until its end tag. */
	skip: string | null;
	/** Markers opened by HTML tags (`<kbd>` → `` ` ``), closed when the tag closes or the block ends. */
	readonly marks: { tag: string; marker: string }[];
}

function inlineState(ctx: NoteContext, plain: boolean, wiki: string[] | null): InlineState {
	return { plain, defs: ctx.defs, wiki, skip: null, marks: [] };
}

/** Plain text of inline content: no Markdown, no HTML, links as their text. */
function plainText(nodes: readonly PhrasingContent[], ctx: NoteContext): string {
	return renderInline(nodes, inlineState(ctx, true, null));
}

/** Inline content rendered for Discord, with HTML-opened markers closed. */
function renderLine(nodes: readonly PhrasingContent[], ctx: NoteContext, wiki: string[] | null): string {
	const state = inlineState(ctx, false, wiki);
	return renderInline(nodes, state) + closeMarks(state);
}

function closeMarks(state: InlineState): string {
	let out = '';
	while (state.marks.length > 0) out += state.marks.pop()?.marker ?? '';
	return out;
}

/** Renders blocks as Discord Markdown: HTML stripped, images dropped, tables as `a | b` lines, thematic breaks dropped. */
function renderBlocks(
	nodes: readonly RootContent[],
	ctx: NoteContext,
	wiki: string[] | null,
	separator = '\n\n',
): string {
	const parts: string[] = [];
	for (const node of nodes) {
		const text = renderBlock(node, ctx, wiki);
		if (text.trim() !== '') parts.push(text);
	}
	return parts.join(separator);
}

function renderBlock(node: RootContent, ctx: NoteContext, wiki: string[] | null): string {
	switch (node.type) {
		case 'paragraph':
			return trimLines(renderLine(node.children, ctx, wiki));
		case 'heading':
			return `**${collapse(renderLine(node.children, ctx, wiki))}**`;
		case 'blockquote':
			return renderBlockquote(node, ctx, wiki);
		case 'list':
			return renderList(node, ctx, wiki);
		case 'listItem':
			return renderBlocks(node.children, ctx, wiki, node.spread ? '\n\n' : '\n');
		case 'code': {
			const longest = Math.max(2, ...(node.value.match(/`{3,}/g) ?? []).map((f) => f.length));
			const fence = '`'.repeat(longest + 1);
			return `${fence}${node.lang ?? ''}\n${node.value}\n${fence}`;
		}
		case 'html': {
			const state = inlineState(ctx, false, wiki);
			return tidyHtmlText(renderHtml(node.value, state) + closeMarks(state));
		}
		case 'table':
			return renderTable(node, ctx, wiki);
		case 'footnoteDefinition':
			return `[^${node.label ?? node.identifier}]: ${renderBlocks(node.children, ctx, wiki, '\n')}`;
		case 'thematicBreak':
		case 'definition':
		case 'yaml':
			return '';
		default:
			return 'children' in node
				? renderBlocks(node.children as RootContent[], ctx, wiki)
				: 'value' in node
					? String(node.value)
					: '';
	}
}

function renderBlockquote(node: Blockquote, ctx: NoteContext, wiki: string[] | null): string {
	const inner = renderBlocks(node.children, ctx, wiki);
	return inner
		.split('\n')
		.map((line) => (line === '' ? '>' : `> ${line}`))
		.join('\n');
}

function renderList(node: List, ctx: NoteContext, wiki: string[] | null): string {
	const start = node.start ?? 1;
	const items = node.children.map((item, index) => {
		const marker = node.ordered ? `${start + index}.` : '-';
		const task = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
		const content = renderBlocks(item.children, ctx, wiki, item.spread ? '\n\n' : '\n');
		const indent = ' '.repeat(marker.length + 1);
		const lines = content.split('\n');
		return `${marker} ${task}${lines.map((line, i) => (i === 0 || line === '' ? line : indent + line)).join('\n')}`;
	});
	return items.join(node.spread ? '\n\n' : '\n');
}

function renderTable(node: Table, ctx: NoteContext, wiki: string[] | null): string {
	return node.children
		.map((row) => row.children.map((cell) => collapse(renderLine(cell.children, ctx, wiki))).join(' | '))
		.filter((row) => row.replace(/[\s|]/g, '') !== '')
		.join('\n');
}

function renderInline(nodes: readonly PhrasingContent[], state: InlineState): string {
	let out = '';
	for (const node of nodes) out += renderInlineNode(node, state);
	return out;
}

function renderInlineNode(node: PhrasingContent, state: InlineState): string {
	if (node.type === 'html') return renderHtml(node.value, state);
	if (state.skip) return '';
	switch (node.type) {
		case 'text':
			return renderText(node.value, state);
		case 'break':
			return '\n';
		case 'emphasis':
			return wrap('*', renderInline(node.children, state), state);
		case 'strong':
			return wrap('**', renderInline(node.children, state), state);
		case 'delete':
			return wrap('~~', renderInline(node.children, state), state);
		case 'inlineCode':
			return state.plain ? node.value : codeSpan(node.value);
		case 'link':
			return renderLink(node.children, node.url, state);
		case 'linkReference':
			return renderLink(node.children, state.defs.get(normalizeIdentifier(node.identifier)) ?? '', state);
		case 'image':
		case 'imageReference':
			return '';
		case 'footnoteReference':
			return state.plain ? '' : `[^${node.label ?? node.identifier}]`;
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

function renderLink(children: readonly PhrasingContent[], url: string, state: InlineState): string {
	const onlyImages =
		children.length > 0 &&
		children.every(
			(c) => c.type === 'image' || c.type === 'imageReference' || (c.type === 'text' && c.value.trim() === ''),
		);
	if (onlyImages) return '';
	const text = collapse(renderInline(children, state));
	const web = /^(?:https?:|mailto:)/i.test(url);
	if (state.plain) return text || (web ? url : '');
	if (!web) return text;
	if (text === '' || text === url || `mailto:${text}` === url || `http://${text}` === url) return url;
	const safeUrl = url.replace(/[()\s<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
	return `[${text.replace(/[[\]]/g, '\\$&')}](${safeUrl})`;
}

function normalizeIdentifier(identifier: string): string {
	return identifier
		.replace(/[\t\n\r ]+/g, ' ')
		.trim()
		.toLowerCase()
		.toUpperCase();
}

function linkDefinitions(tree: Root): Map<string, string> {
	const defs = new Map<string, string>();
	const visit = (nodes: readonly RootContent[]): void => {
		for (const node of nodes) {
			if (node.type === 'definition') {
				const id = normalizeIdentifier(node.identifier);
				if (!defs.has(id)) defs.set(id, node.url);
			} else if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'table') {
				visit(node.children as RootContent[]);
			}
		}
	};
	visit(tree.children);
	return defs;
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

const HTML_TOKEN = /<!--[\s\S]*?(?:-->|$)|<\/?([A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*)?\/?>|<![^>]*>|<\?[\s\S]*?(?:\?>|$)/g;
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
 * inline HTML nodes.
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
		.map((line) => line.replace(/(?:\s*\|\s*)+$/, '').trim())
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

function collapse(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

function trimLines(text: string): string {
	return text
		.split('\n')
		.map((line) => line.trim())
		.join('\n')
		.trim();
}

function wordCount(text: string): number {
	const trimmed = text.trim();
	return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

function firstLine(text: string): string {
	return collapse(text.split('\n')[0] ?? '');
}

function uniqueStrings(values: readonly string[]): string[] {
	return [...new Set(values)];
}
