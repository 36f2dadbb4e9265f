/**
 * A member's own study data as files (`/mydata export`). Pure: the same record always gives the same bytes.
 *
 * - CSV files follow RFC 4180 (a header row, comma-separated, CRLF line ends, fields with `"`, `,` or a line break
 *   quoted with `""` for quotes) and start with a UTF-8 byte order mark, so spreadsheet apps read Korean correctly.
 *   A cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return)
 *   gets a leading `'`.
 * - The Anki deck is a plain-text import file with Anki 2.1.55+ headers (no byte order mark, which would hide the
 *   first header): tab-separated front, back and tags. Tabs and line breaks inside a field are replaced, so a field
 *   never breaks its row; a field with `"` or starting with `#` is quoted, so Anki reads it as text, not as quoting or
 *   a comment.
 */
import type { ReviewRating } from './card.ts';
import type { MemberStudy, StudyCard } from './records.ts';

/** The files of an export, by name. */
export const EXPORT_FILES = {
	answers: 'answers.csv',
	cards: 'cards.csv',
	missedDeck: 'missed-concepts.txt',
} as const;

const BOM = '\ufeff';
const RATING_NAMES: Record<ReviewRating, string> = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' };
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: formula guard first, then RFC 4180 quoting. */
export function csvCell(value: string): string {
	const guarded = FORMULA_START.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

function csv(rows: readonly (readonly string[])[]): string {
	return `${BOM}${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Every answer the record keeps, oldest first. */
export function answersCsv(study: MemberStudy): string {
	const header = [
		'answered_at',
		'source',
		'daily_date',
		'question_id',
		'concept_id',
		'term',
		'topic',
		'kind',
		'correct',
		'rating',
		'card_state_before',
	];
	const rows = study.answers.map((answer) => [
		answer.at,
		answer.source,
		answer.date ?? '',
		answer.questionId,
		answer.conceptId,
		study.cards[answer.conceptId]?.term ?? '',
		answer.topic,
		answer.kind,
		answer.correct === null ? '' : String(answer.correct),
		RATING_NAMES[answer.rating],
		answer.cardState,
	]);
	return csv([header, ...rows]);
}

function sortedCards(study: MemberStudy): [string, StudyCard][] {
	return Object.entries(study.cards).sort(([a, x], [b, y]) => compare(x.fsrs.due, y.fsrs.due) || compare(a, b));
}

/** Every review card, the soonest due first. */
export function cardsCsv(study: MemberStudy): string {
	const header = [
		'concept_id',
		'term',
		'topic',
		'back',
		'due',
		'state',
		'last_review',
		'stability_days',
		'difficulty',
		'reviews',
		'lapses',
		'answered',
		'missed',
	];
	const rows = sortedCards(study).map(([conceptId, card]) => [
		conceptId,
		card.term,
		card.topic,
		card.back,
		card.fsrs.due,
		card.fsrs.state,
		card.fsrs.lastReview ?? '',
		String(card.fsrs.stability),
		String(card.fsrs.difficulty),
		String(card.fsrs.reps),
		String(card.fsrs.lapses),
		String(card.answered),
		String(card.missed),
	]);
	return csv([header, ...rows]);
}

/** Text for one line of an Anki import file: no tabs, no line breaks, no Markdown bold. */
function ankiText(value: string): string {
	return value
		.replaceAll('**', '')
		.trim()
		.replace(/\s*[\r\n]+\s*/g, ' / ')
		.replaceAll('\t', ' ');
}

function ankiField(value: string): string {
	const text = ankiText(value);
	return text.includes('"') || text.startsWith('#') ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The cards the member missed at least once, by term. */
export function missedCards(study: MemberStudy): StudyCard[] {
	return Object.entries(study.cards)
		.filter(([, card]) => card.missed > 0)
		.sort(([a, x], [b, y]) => compare(x.term, y.term) || compare(a, b))
		.map(([, card]) => card);
}

/** An Anki deck (Basic notes: front = term, back = explanation, tag = topic) of the concepts the member missed. */
export function missedAnkiTsv(study: MemberStudy, deckName: string): string {
	const lines = [
		'#separator:tab',
		'#html:false',
		'#notetype:Basic',
		`#deck:${deckName.replace(/[\t\r\n]+/g, ' ').trim()}`,
		'#tags column:3',
		...missedCards(study).map((card) =>
			[ankiField(card.term), ankiField(card.back), ankiField(card.topic.trim().replace(/\s+/gu, '_'))].join('\t'),
		),
	];
	return `${lines.join('\n')}\n`;
}

/** A file to attach (a discord.js `AttachmentPayload`). */
export interface ExportFile {
	readonly name: string;
	readonly attachment: Buffer;
}

/** The files of `/mydata export`: answers and cards always, the Anki deck when something was missed. */
export function exportFiles(study: MemberStudy, deckName: string): ExportFile[] {
	const files: ExportFile[] = [
		{ name: EXPORT_FILES.answers, attachment: Buffer.from(answersCsv(study), 'utf8') },
		{ name: EXPORT_FILES.cards, attachment: Buffer.from(cardsCsv(study), 'utf8') },
	];
	if (missedCards(study).length > 0)
		files.push({ name: EXPORT_FILES.missedDeck, attachment: Buffer.from(missedAnkiTsv(study, deckName), 'utf8') });
	return files;
}
