/**
 * Quiz questions from the concept index. Pure and deterministic: the same concepts always give the same questions,
 * with the same ids and the same option order.
 *
 * Distractors come from the concepts nearest in the notes: siblings (same parent; the roots of a file count as
 * siblings), then the same file under the same top heading, then the rest of the file, then the same topic in
 * other files; never an ancestor or descendant of the concept (a parent's text is often true of its children) and
 * never a concept sharing one of its names. A question that cannot get four distinct, non-empty options is left out,
 * and so is any question that would show its answer (see {@link leaks}).
 */

import { neutraliseMentions } from '../discord/text.ts';
import { fnv1a64Base36 } from '../hash.ts';
import { fallbackMessages } from '../i18n/messages.ts';
import type { Concept } from '../notes/concept.ts';
import { isExpansionOf, noteName } from '../notes/parse.ts';
import { compactKey, normalize } from '../search/normalize.ts';
import {
	cutAtWord,
	escapeMarkdown,
	type Masked,
	type NameMatcher,
	nameMatcher,
	plainLine,
	unmaskedKey,
} from './mask.ts';
import type { Question, QuestionKind } from './question.ts';
import { seededRandom, shuffled } from './random.ts';

/** Every question the notes allow, and lookups over them. */
export interface QuestionPool {
	/** Every question the notes allow, in a stable order: concepts in index order, then by kind. */
	readonly questions: readonly Question[];
	get(id: string): Question | undefined;
	/** The questions about one concept, in pool order; empty for a concept the notes no longer have. */
	ofConcept(conceptId: string): readonly Question[];
	/** Distinct topics of the questions, sorted by code point. */
	topics(): readonly string[];
}

/** Discord limits this module keeps to, in characters (UTF-16 code units). */
export const QUESTION_LIMITS = { stem: 1000, option: 200, explanation: 600, id: 24 } as const;

export const TRUE_FALSE_OPTIONS: readonly string[] = ['True', 'False'];
const TRUE_FALSE_CHOICES: readonly Masked[] = TRUE_FALSE_OPTIONS.map((text) => ({ text, key: unmaskedKey(text) }));

const CHOICES = 4;
/** Letters and digits a definition or fact must keep once the concept's names are masked, or it says too little. */
const MIN_TEXT_CHARS = 6;
/** Longest quoted note text in a stem, in characters. */
const MAX_QUOTE_CHARS = 700;
/** Longest heading path shown as context in a stem, in characters. */
const MAX_CONTEXT_CHARS = 160;
/** Longest concept name shown in a stem, in characters. */
const MAX_SUBJECT_CHARS = 160;
/** A title may be an answer among terms when it is a name, not a sentence: at most this many characters and words. */
const MAX_TERM_CHARS = 40;
const MAX_TERM_WORDS = 5;
/** Two texts at least this similar (Dice coefficient of character bigrams of their compact keys) say the same thing. */
const SAME_CLAIM_DICE = 0.6;
/** Candidates considered per distractor tier, nearest first; bounds the work for very large notes. */
const MAX_CANDIDATES_PER_TIER = 60;
const ID_PREFIX: Record<QuestionKind, string> = {
	term: 'tm',
	definition: 'df',
	acronym: 'ac',
	expansion: 'ex',
	'applies-to': 'ap',
	'true-false': 'tf',
};
/**
 * Section titles that name a part of a topic rather than a concept (`장점`, `Summary`): never an answer among terms,
 * and shown with their parent (`TDD › 장점`) when a question is about them.
 */
const GENERIC_TITLES = new Set(
	[
		'참고',
		'참고자료',
		'참고 문헌',
		'출처',
		'정리',
		'요약',
		'예시',
		'예제',
		'목차',
		'개요',
		'소개',
		'결론',
		'장점',
		'단점',
		'장단점',
		'특징',
		'정의',
		'질의응답',
		'관련 질문',
		'면접 질문',
		'예상 질문',
		'기타',
		'코드',
		'구현',
		'설명',
		'문제',
		'풀이',
		'references',
		'reference',
		'sources',
		'source',
		'summary',
		'example',
		'examples',
		'overview',
		'introduction',
		'conclusion',
		'contents',
		'table of contents',
		'pros',
		'cons',
		'advantages',
		'disadvantages',
		'features',
		'definition',
		'notes',
		'note',
		'q&a',
		'faq',
		'usage',
		'code',
		'implementation',
		'links',
		'resources',
		'see also',
		'further reading',
	].map(compactKey),
);

/** Note text prepared once: as written (ids hash it), as one plain line, and as a compact key. */
interface NoteText {
	readonly raw: string;
	readonly line: string;
	readonly key: string;
	grams?: Set<number>;
}

interface Acronym {
	readonly short: string;
	readonly expansion: string;
}

/** What the generator knows about one concept. */
interface Info {
	readonly concept: Concept;
	readonly order: number;
	/** Title and aliases, one per compact key. */
	readonly names: readonly string[];
	readonly keys: ReadonlySet<string>;
	readonly topic: string;
	/** Concepts with the same group are siblings. */
	readonly group: string;
	/** May be the subject of a question: not a file's untitled text, not a question heading. */
	readonly askable: boolean;
	/** May be an answer among terms. */
	readonly termLike: boolean;
	/** How stems name it. */
	readonly subject: string;
	readonly definition: NoteText | null;
	readonly facts: readonly NoteText[];
	readonly acronym: Acronym | null;
	readonly ancestors: ReadonlySet<string>;
	matcher?: NameMatcher;
	tiers?: Info[][];
	/** The title as a term option. */
	titleOption?: Masked;
	/** Definition and facts with the concept's own names masked, as options. */
	ownDefinition?: Masked;
	ownFacts?: Map<NoteText, Masked>;
}

/** A question before its id and option order: the correct option is `options[answer]`. */
interface Draft {
	readonly kind: QuestionKind;
	readonly info: Info;
	readonly stem: string;
	readonly options: readonly Masked[];
	readonly answer: number;
	readonly explanation: string;
	/** The note text the question is made of; its hash is the id. */
	readonly source: readonly string[];
}

/** Builds every question the concepts allow. Cost grows about linearly with the notes. */
export function buildQuestionPool(concepts: readonly Concept[]): QuestionPool {
	const questions = generate(concepts);
	const byId = new Map(questions.map((question) => [question.id, question]));
	const topics = [...new Set(questions.map((question) => question.topic))].sort();
	const byConcept = new Map<string, Question[]>();
	for (const question of questions) {
		const list = byConcept.get(question.conceptId);
		if (list === undefined) byConcept.set(question.conceptId, [question]);
		else list.push(question);
	}
	return {
		questions,
		get: (id) => byId.get(id),
		ofConcept: (conceptId) => byConcept.get(conceptId) ?? [],
		topics: () => topics,
	};
}

/**
 * `count` questions drawn from the pool (fewer when the pool or the topic has fewer), in draw order. Deterministic:
 * the same seed and the same notes give the same questions. Each concept is asked about at most once until every
 * concept of the selection has had its turn. `topic` is compared after normalisation (case, width, spacing).
 */
export function drawQuestions(
	pool: QuestionPool,
	options: { count: number; seed: string; topic?: string },
): Question[] {
	const { count, seed, topic } = options;
	if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
	const wanted = topic === undefined ? null : normalize(topic);
	const selection =
		wanted === null ? pool.questions : pool.questions.filter((question) => normalize(question.topic) === wanted);
	const order = shuffled(selection, seededRandom(`draw\u0000${seed}`));
	const first: Question[] = [];
	const later: Question[] = [];
	const asked = new Set<string>();
	for (const question of order) {
		if (asked.has(question.conceptId)) later.push(question);
		else {
			asked.add(question.conceptId);
			first.push(question);
		}
		if (first.length >= count) break;
	}
	return [...first, ...later].slice(0, count);
}

/**
 * Whether a question gives its answer away through the concept's names (title or aliases, found as {@link nameMatcher}
 * finds them): for `term`, in the stem; for `expansion`, in the stem other than the expansion it shows; for
 * `definition` and `applies-to`, in any option (each option is about a concept; naming it answers); for `acronym`,
 * the acronym in any option; for `true-false`, in the quoted statement (lines starting with `> `), which would tell
 * whose statement it is.
 */
export function leaks(question: Question, concept: Concept): boolean {
	const names = [concept.title, ...concept.aliases];
	const options = question.options.map((text) => ({ text, key: unmaskedKey(text) }));
	return leaksThrough(question.kind, question.stem, options, nameMatcher(names), names);
}

/** Whether two options read the same once normalised, ignoring spacing, punctuation and masks. */
export function hasDuplicateOptions(question: Question): boolean {
	const keys = question.options.map(unmaskedKey);
	return new Set(keys).size !== keys.length;
}

function leaksThrough(
	kind: QuestionKind,
	stem: string,
	options: readonly Masked[],
	matcher: NameMatcher,
	names: readonly string[],
): boolean {
	switch (kind) {
		case 'term':
			return matcher.contains(stem);
		case 'expansion':
			return nameMatcher(hiddenNames(names)).contains(stem);
		case 'acronym': {
			const hidden = nameMatcher(hiddenNames(names));
			return options.some((option) => hidden.contains(option.text, option.key));
		}
		case 'definition':
		case 'applies-to':
			return options.some((option) => matcher.contains(option.text, option.key));
		case 'true-false': {
			const quoted = stem
				.split('\n')
				.filter((line) => line.startsWith('> '))
				.join('\n');
			return matcher.contains(quoted);
		}
	}
}

/** Names that must not show when an acronym question shows the expansion: all but the expansion and what it contains. */
function hiddenNames(names: readonly string[]): string[] {
	const acronym = acronymOf(names);
	if (acronym === null) return [...names];
	const shown = compactKey(acronym.expansion);
	return names.filter((name) => name !== acronym.expansion && !shown.includes(compactKey(name)));
}

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

function generate(concepts: readonly Concept[]): Question[] {
	const infos = describe(concepts);
	const byGroup = groupBy(infos, (info) => info.group);
	const byFile = groupBy(infos, (info) => info.concept.source.file);
	const byTopic = groupBy(infos, (info) => normalize(info.topic));
	const context: Context = { byGroup, byFile, byTopic };

	const questions: Question[] = [];
	const sourceOfId = new Map<string, string>();
	for (const info of infos) {
		if (!info.askable || info.definition === null) continue;
		const foreign = new ForeignFacts(info);
		const drafts = [
			termQuestion(context, info),
			definitionQuestion(context, info),
			...acronymQuestions(context, info),
			...appliesToQuestions(context, info, foreign),
			...trueFalseQuestions(context, info, foreign),
		];
		for (const draft of drafts) {
			if (draft === null) continue;
			const question = finish(draft, sourceOfId);
			if (question !== null) questions.push(question);
		}
	}
	return questions;
}

interface Context {
	readonly byGroup: ReadonlyMap<string, readonly Info[]>;
	readonly byFile: ReadonlyMap<string, readonly Info[]>;
	readonly byTopic: ReadonlyMap<string, readonly Info[]>;
}

function groupBy<K>(infos: readonly Info[], keyOf: (info: Info) => K): Map<K, Info[]> {
	const out = new Map<K, Info[]>();
	for (const info of infos) {
		const key = keyOf(info);
		const list = out.get(key);
		if (list === undefined) out.set(key, [info]);
		else list.push(info);
	}
	return out;
}

function describe(concepts: readonly Concept[]): Info[] {
	const byId = new Map(concepts.map((concept) => [concept.id, concept]));
	const roots = new Map<string, Concept[]>();
	for (const concept of concepts) {
		if (concept.parentId !== null) continue;
		const list = roots.get(concept.source.file);
		if (list === undefined) roots.set(concept.source.file, [concept]);
		else list.push(concept);
	}
	const untitledFiles = new Set<string>();
	const preambles = new Set<string>();
	for (const [file, list] of roots) {
		const [first, second] = list;
		if (first === undefined) continue;
		if (second === undefined && isUntitled(first)) untitledFiles.add(file);
		if (second !== undefined && first.title === noteName(file)) preambles.add(first.id);
	}

	return concepts.map((concept, order) => {
		const names = distinctNames([concept.title, ...concept.aliases]);
		const { file, headingPath } = concept.source;
		const untitledRoot = untitledFiles.has(file) && concept.parentId === null;
		const title = plainLine(concept.title);
		const generic = GENERIC_TITLES.has(compactKey(title));
		const askable = !untitledRoot && !preambles.has(concept.id) && !/[?？]$/u.test(title);
		const parent = concept.parentId === null ? undefined : byId.get(concept.parentId);
		const definition = concept.definition.trim() === '' ? null : noteText(concept.definition);
		const seenFacts = new Set<string>();
		const facts: NoteText[] = [];
		for (const raw of concept.facts) {
			const fact = noteText(raw);
			if (fact === null || fact.key.length < MIN_TEXT_CHARS || seenFacts.has(fact.key)) continue;
			seenFacts.add(fact.key);
			facts.push(fact);
		}
		const ancestors = new Set<string>();
		for (let up = parent; up !== undefined && !ancestors.has(up.id); ) {
			ancestors.add(up.id);
			up = up.parentId === null ? undefined : byId.get(up.parentId);
		}
		return {
			concept,
			order,
			names,
			keys: new Set(names.map(compactKey)),
			topic: untitledFiles.has(file) ? noteName(file) : (headingPath[0] ?? noteName(file)),
			group: concept.parentId ?? `\u0000${file}`,
			askable,
			termLike:
				askable &&
				!generic &&
				title.length <= MAX_TERM_CHARS &&
				title.split(' ').length <= MAX_TERM_WORDS &&
				!/[.!。:]$/u.test(title) &&
				!title.includes('__'),
			subject: generic && parent !== undefined ? `${plainLine(parent.title)} › ${title}` : title,
			definition,
			facts,
			acronym: acronymOf(names),
			ancestors,
		};
	});
}

/** Whether a root concept is a file without headings, titled by its first line (its body starts with that line). */
function isUntitled(root: Concept): boolean {
	const firstLine = compactKey(root.body.split('\n', 1)[0] ?? '');
	const cut = root.title.endsWith('…');
	const title = compactKey(cut ? root.title.slice(0, -1) : root.title);
	return title !== '' && (cut ? firstLine.startsWith(title) : firstLine === title);
}

function distinctNames(names: readonly string[]): string[] {
	const seen = new Set<string>();
	return names.filter((name) => {
		const key = compactKey(name);
		if (key === '' || seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

function noteText(raw: string): NoteText | null {
	const line = plainLine(raw);
	const key = compactKey(line);
	return key === '' ? null : { raw, line, key };
}

/** A short name (2–12 Latin letters or digits) and another name that spells it out, not containing it. */
function acronymOf(names: readonly string[]): Acronym | null {
	for (const short of names) {
		const shortKey = compactKey(short);
		if (!/^[a-z0-9]{2,12}$/.test(shortKey)) continue;
		for (const expansion of names) {
			if (expansion === short || compactKey(expansion).includes(shortKey)) continue;
			if (isExpansionOf(expansion, [short])) return { short, expansion };
		}
	}
	return null;
}

function matcherOf(info: Info): NameMatcher {
	info.matcher ??= nameMatcher(info.names);
	return info.matcher;
}

function sharesName(a: Info, b: Info): boolean {
	for (const key of a.keys) if (b.keys.has(key)) return true;
	return false;
}

function kin(a: Info, b: Info): boolean {
	return a.ancestors.has(b.concept.id) || b.ancestors.has(a.concept.id);
}

/** Tiers of distractor sources (see the module comment). */
const TIER_COUNT = 4;

/**
 * Tier `level` of the candidate distractor sources of a concept, nearest first, none repeated from an earlier tier.
 * Worked out only when asked for: most questions are complete with siblings.
 */
function tierOf(context: Context, info: Info, level: number): readonly Info[] {
	info.tiers ??= [];
	const tiers = info.tiers;
	while (tiers.length <= level) {
		const { file, line } = info.concept.source;
		const seen = new Set<Info>([info, ...tiers.flat()]);
		const take = (list: readonly Info[], keep: (other: Info) => boolean, byDistance: boolean): Info[] => {
			const out = list.filter(
				(other) => !seen.has(other) && keep(other) && !kin(info, other) && !sharesName(info, other),
			);
			if (byDistance) {
				out.sort(
					(a, b) =>
						Math.abs(a.concept.source.line - line) - Math.abs(b.concept.source.line - line) || a.order - b.order,
				);
			}
			return out.slice(0, MAX_CANDIDATES_PER_TIER);
		};
		const sameFile = context.byFile.get(file) ?? [];
		switch (tiers.length) {
			case 0:
				tiers.push(take(context.byGroup.get(info.group) ?? [], () => true, true));
				break;
			case 1:
				tiers.push(take(sameFile, (other) => other.topic === info.topic, true));
				break;
			case 2:
				tiers.push(take(sameFile, () => true, true));
				break;
			default:
				tiers.push(
					take(context.byTopic.get(normalize(info.topic)) ?? [], (other) => other.concept.source.file !== file, false),
				);
		}
	}
	return tiers[level] ?? [];
}

function* candidates(context: Context, info: Info): Generator<Info> {
	for (let level = 0; level < TIER_COUNT; level++) yield* tierOf(context, info, level);
}

// --- Text helpers ---

function grams(text: NoteText): Set<number> {
	if (text.grams !== undefined) return text.grams;
	const out = new Set<number>();
	for (let i = 1; i < text.key.length; i++) out.add(text.key.charCodeAt(i - 1) * 0x10000 + text.key.charCodeAt(i));
	text.grams = out;
	return out;
}

function dice(a: NoteText, b: NoteText): number {
	const ga = grams(a);
	const gb = grams(b);
	if (ga.size === 0 || gb.size === 0) return 0;
	const [small, large] = ga.size <= gb.size ? [ga, gb] : [gb, ga];
	let shared = 0;
	for (const gram of small) if (large.has(gram)) shared++;
	return (2 * shared) / (ga.size + gb.size);
}

/** Whether two texts make the same claim: one contains the other, or they share most of their bigrams. */
function sameClaim(a: NoteText, b: NoteText): boolean {
	const [short, long] = a.key.length <= b.key.length ? [a.key, b.key] : [b.key, a.key];
	if (long.includes(short)) return true;
	const small = Math.min(grams(a).size, grams(b).size);
	// Dice cannot reach the bar when one text has far more distinct bigrams than the other.
	if ((2 * small) / (grams(a).size + grams(b).size) < SAME_CLAIM_DICE) return false;
	return dice(a, b) >= SAME_CLAIM_DICE;
}

/** `text` with the names of its `owner` masked, as an option. */
function ownOption(text: string, owner: Info): Masked {
	return asOption(matcherOf(owner).mask(text));
}

/** An option already masked by its owner, with the names of `asked` masked too. */
function alsoMasked(option: Masked, asked: Info): Masked {
	return asOption(matcherOf(asked).mask(option.text, option.key));
}

/** Mentions neutralised, cut to the option limit. */
function asOption(masked: Masked): Masked {
	const safe = neutraliseMentions(masked.text);
	const text = cutAtWord(safe, QUESTION_LIMITS.option);
	return text === safe ? { text, key: masked.key } : { text, key: unmaskedKey(text) };
}

function ownDefinition(info: Info, definition: NoteText): Masked {
	info.ownDefinition ??= ownOption(definition.line, info);
	return info.ownDefinition;
}

function ownFact(info: Info, fact: NoteText): Masked {
	info.ownFacts ??= new Map();
	let masked = info.ownFacts.get(fact);
	if (masked === undefined) {
		masked = ownOption(fact.line, info);
		info.ownFacts.set(fact, masked);
	}
	return masked;
}

function nameOption(name: string): Masked {
	const text = escapeMarkdown(plainLine(name));
	return asOption({ text, key: unmaskedKey(text) });
}

function titleOption(info: Info): Masked {
	info.titleOption ??= nameOption(info.concept.title);
	return info.titleOption;
}

/** The questions' own words, in English; `src/quiz/wording.ts` shows them in the reader's language. */
const WORDING = fallbackMessages().questions;

/** A concept's name as a stem or explanation shows it (in bold, which the wording adds). */
function shownName(name: string): string {
	return escapeMarkdown(cutAtWord(name, MAX_SUBJECT_CHARS));
}

function bold(name: string): string {
	return `**${shownName(name)}**`;
}

function quote(text: string): string {
	return `> ${cutAtWord(neutraliseMentions(text), MAX_QUOTE_CHARS)}`;
}

function explanation(text: string): string {
	return cutAtWord(neutraliseMentions(text), QUESTION_LIMITS.explanation);
}

/** Options gathered without repeats (by {@link unmaskedKey}) until there are four. */
class Choices {
	readonly options: Masked[] = [];
	readonly owners: Info[] = [];
	readonly #keys = new Set<string>();

	/** Adds `option` if it is new and says enough; `minChars` letters or digits must remain outside masks. */
	add(option: Masked, owner: Info, minChars = 1): boolean {
		if (option.key.length < minChars || this.#keys.has(option.key)) return false;
		this.#keys.add(option.key);
		this.options.push(option);
		this.owners.push(owner);
		return true;
	}

	get full(): boolean {
		return this.options.length >= CHOICES;
	}
}

/** The heading path above a concept (its own title left out). */
function contextPath(info: Info): string {
	const { headingPath } = info.concept.source;
	const above = info.concept.kind === 'section' ? headingPath.slice(0, -1) : headingPath;
	return above.map(plainLine).join(' › ');
}

// --- Kinds ---

/** Definition → term: the definition with the concept's names masked; options are titles. */
function termQuestion(context: Context, info: Info): Draft | null {
	const definition = info.definition;
	if (!info.termLike || definition === null) return null;
	const masked = matcherOf(info).mask(definition.line);
	if (masked.key.length < MIN_TEXT_CHARS) return null;
	const choices = new Choices();
	choices.add(titleOption(info), info);
	for (const other of candidates(context, info)) {
		if (choices.full) break;
		if (!other.termLike) continue;
		if (other.definition !== null && sameClaim(other.definition, definition)) continue;
		choices.add(titleOption(other), other);
	}
	if (!choices.full) return null;
	const where = matcherOf(info).mask(contextPath(info));
	const asked =
		where.key === ''
			? WORDING.term
			: WORDING.termFrom({ context: escapeMarkdown(cutAtWord(where.text, MAX_CONTEXT_CHARS)) });
	return {
		kind: 'term',
		info,
		stem: `${asked}\n${quote(masked.text)}`,
		options: choices.options,
		answer: 0,
		explanation: explanation(`${bold(info.concept.title)}: ${definition.line}`),
		source: [...info.names, definition.raw],
	};
}

/** Term → definition: the options are definitions, each with its own concept's names and the asked names masked. */
function definitionQuestion(context: Context, info: Info): Draft | null {
	const definition = info.definition;
	if (!info.termLike || definition === null) return null;
	const choices = new Choices();
	if (!choices.add(ownDefinition(info, definition), info, MIN_TEXT_CHARS)) return null;
	for (const other of candidates(context, info)) {
		if (choices.full) break;
		if (other.definition === null || sameClaim(other.definition, definition)) continue;
		choices.add(alsoMasked(ownDefinition(other, other.definition), info), other, MIN_TEXT_CHARS);
	}
	if (!choices.full) return null;
	return {
		kind: 'definition',
		info,
		stem: WORDING.definition({ term: shownName(info.concept.title) }),
		options: choices.options,
		answer: 0,
		explanation: explanation(`${bold(info.concept.title)}: ${definition.line}`),
		source: [...info.names, definition.raw],
	};
}

/** Acronym → expansion and expansion → acronym, with the same distractor concepts. */
function acronymQuestions(context: Context, info: Info): (Draft | null)[] {
	const acronym = info.acronym;
	if (acronym === null) return [];
	const expansions = new Choices();
	const shorts = new Choices();
	expansions.add(nameOption(acronym.expansion), info);
	shorts.add(nameOption(acronym.short), info);
	for (const other of candidates(context, info)) {
		if (expansions.full && shorts.full) break;
		if (other.acronym === null) continue;
		if (!expansions.full) expansions.add(nameOption(other.acronym.expansion), other);
		if (!shorts.full) shorts.add(nameOption(other.acronym.short), other);
	}
	const definition = info.definition === null ? '' : ` ${info.definition.line}`;
	const why = explanation(
		`${WORDING.standsFor({ short: shownName(acronym.short), expansion: shownName(acronym.expansion) })}${definition}`,
	);
	const source = [acronym.short, acronym.expansion];
	return [
		expansions.full
			? {
					kind: 'acronym',
					info,
					stem: WORDING.acronym({ short: shownName(acronym.short) }),
					options: expansions.options,
					answer: 0,
					explanation: why,
					source,
				}
			: null,
		shorts.full
			? {
					kind: 'expansion',
					info,
					stem: WORDING.expansion({ expansion: shownName(acronym.expansion) }),
					options: shorts.options,
					answer: 0,
					explanation: why,
					source,
				}
			: null,
	];
}

/** A fact of another concept, offered next to the concept's own facts. */
interface ForeignFact {
	readonly owner: Info;
	readonly fact: NoteText;
}

/**
 * The facts of other concepts that may stand next to one concept's facts: those that do not restate one of its own
 * facts or its definition. Worked out per owner only when a question reaches that owner, since most questions are
 * complete after the first few.
 */
class ForeignFacts {
	readonly #info: Info;
	readonly #own: readonly NoteText[];
	readonly #usable = new Map<Info, readonly NoteText[]>();

	constructor(info: Info) {
		this.#info = info;
		this.#own = info.definition === null ? info.facts : [...info.facts, info.definition];
	}

	of(owner: Info): readonly NoteText[] {
		let facts = this.#usable.get(owner);
		if (facts === undefined) {
			facts = owner.facts.filter((fact) => !this.#own.some((mine) => sameClaim(mine, fact)));
			this.#usable.set(owner, facts);
		}
		return facts;
	}

	/**
	 * Facts of the concepts of `tier`, round-robin over the concepts (nearest first), each concept's facts most
	 * similar to `near` first: the facts a member is most likely to confuse with the right one.
	 */
	*ordered(tier: readonly Info[], near: (fact: NoteText) => number): Generator<ForeignFact> {
		const owners = tier.filter((owner) => owner !== this.#info && owner.facts.length > 0);
		const sorted: (readonly NoteText[] | undefined)[] = [];
		for (let round = 0, more = true; more; round++) {
			more = false;
			for (const [index, owner] of owners.entries()) {
				let facts = sorted[index];
				if (facts === undefined) {
					facts = this.of(owner)
						.map((fact, order) => ({ fact, order, closeness: near(fact) }))
						.sort((a, b) => b.closeness - a.closeness || a.order - b.order)
						.map((item) => item.fact);
					sorted[index] = facts;
				}
				const fact = facts[round];
				if (fact === undefined) continue;
				more = true;
				yield { owner, fact };
			}
		}
	}
}

/** Which of these applies to the concept: one of its facts among facts of nearby concepts. */
function appliesToQuestions(context: Context, info: Info, foreign: ForeignFacts): Draft[] {
	if (info.facts.length === 0) return [];
	const drafts: Draft[] = [];
	for (const fact of info.facts) {
		const choices = new Choices();
		if (!choices.add(ownFact(info, fact), info, MIN_TEXT_CHARS)) continue;
		for (let level = 0; level < TIER_COUNT && !choices.full; level++) {
			for (const other of foreign.ordered(tierOf(context, info, level), (candidate) => dice(candidate, fact))) {
				if (choices.full) break;
				choices.add(alsoMasked(ownFact(other.owner, other.fact), info), other.owner, MIN_TEXT_CHARS);
			}
		}
		if (!choices.full) continue;
		const others = [...new Set(choices.owners.slice(1).map((owner) => owner.subject))];
		drafts.push({
			kind: 'applies-to',
			info,
			stem: WORDING.appliesTo({ subject: shownName(info.subject) }),
			options: choices.options,
			answer: 0,
			explanation: explanation(
				`${bold(info.subject)}: ${fact.line}\n${WORDING.otherOptions({ subjects: others.map(bold).join(', ') })}`,
			),
			source: [info.concept.title, fact.raw],
		});
	}
	return drafts;
}

/**
 * True or false: each fact of the concept as a true statement, and as many facts of its siblings stated of it
 * (false), those closest to its own facts first. Both kinds mask the concept's names and the fact owner's names,
 * so the masks do not tell which is which.
 */
function trueFalseQuestions(context: Context, info: Info, foreign: ForeignFacts): Draft[] {
	if (info.facts.length === 0) return [];
	const asked = WORDING.trueOrFalse({ subject: shownName(info.subject) });
	const drafts: Draft[] = [];
	for (const fact of info.facts) {
		const statement = ownFact(info, fact);
		if (statement.key.length < MIN_TEXT_CHARS) continue;
		drafts.push({
			kind: 'true-false',
			info,
			stem: `${asked}\n${quote(statement.text)}`,
			options: TRUE_FALSE_CHOICES,
			answer: 0,
			explanation: explanation(`${WORDING.isTrue({ subject: shownName(info.subject) })}\n> ${fact.line}`),
			source: [info.concept.title, fact.raw, 'true'],
		});
	}
	const trueCount = drafts.length;
	if (trueCount === 0) return drafts;
	const siblings = tierOf(context, info, 0);
	const closeness = (candidate: NoteText): number => {
		let best = 0;
		for (const mine of info.facts) best = Math.max(best, dice(mine, candidate));
		return best;
	};
	const seen = new Set<string>();
	for (const { owner, fact } of foreign.ordered(siblings, closeness)) {
		if (drafts.length >= 2 * trueCount) break;
		const statement = alsoMasked(ownFact(owner, fact), info);
		if (statement.key.length < MIN_TEXT_CHARS || seen.has(statement.key)) continue;
		seen.add(statement.key);
		drafts.push({
			kind: 'true-false',
			info,
			stem: `${asked}\n${quote(statement.text)}`,
			options: TRUE_FALSE_CHOICES,
			answer: 1,
			explanation: explanation(
				`${WORDING.isFalse({ owner: shownName(owner.subject), subject: shownName(info.subject) })}\n> ${fact.line}`,
			),
			source: [info.concept.title, fact.raw, 'false'],
		});
	}
	return drafts;
}

// --- Ids, option order, last checks ---

/**
 * The finished question with its id and option order, or null when it has the wrong number of options, an empty,
 * repeated or overlong option, or shows its answer. The id hashes the kind, the concept id and the note text the
 * question is made of; a different question whose id is taken gets `-2`, `-3`… in pool order, and the same question
 * made twice is kept once. Options are shuffled by the id, so a question always shows them in one order.
 */
function finish(draft: Draft, sourceOfId: Map<string, string>): Question | null {
	const { info, kind } = draft;
	const concept = info.concept;
	const text = [kind, concept.id, ...draft.source].join('\u0000');
	const base = `${ID_PREFIX[kind]}-${fnv1a64Base36(text)}`;
	let id = base;
	for (let n = 2; sourceOfId.has(id); n++) {
		if (sourceOfId.get(id) === text) return null;
		id = `${base}-${n}`;
	}
	if (id.length > QUESTION_LIMITS.id) return null;

	const order =
		kind === 'true-false'
			? [0, 1]
			: shuffled(
					draft.options.map((_, index) => index),
					seededRandom(id),
				);
	const options = order.map((index) => draft.options[index] ?? { text: '', key: '' });
	const question: Question = {
		id,
		kind,
		conceptId: concept.id,
		stem: cutAtWord(draft.stem, QUESTION_LIMITS.stem),
		options: options.map((option) => option.text),
		answer: order.indexOf(draft.answer),
		explanation: draft.explanation,
		source: { file: concept.source.file, headingPath: [...concept.source.headingPath], line: concept.source.line },
		topic: info.topic,
	};
	const expected = kind === 'true-false' ? TRUE_FALSE_OPTIONS.length : CHOICES;
	if (options.length !== expected || question.answer < 0) return null;
	const keys = new Set(options.map((option) => option.key));
	if (keys.has('') || keys.size !== options.length) return null;
	if (options.some((option) => option.text.length > QUESTION_LIMITS.option)) return null;
	if (leaksThrough(kind, question.stem, options, matcherOf(info), info.names)) return null;
	sourceOfId.set(id, text);
	return question;
}
