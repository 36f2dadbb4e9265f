import { truncate } from '../discord/text.ts';
import { slugify } from '../notes/parse.ts';
import { count, countPair, Fields } from '../store/fields.ts';
import type { RecordKind } from '../store/records.ts';
import { addDays, weekOf } from '../time/zone.ts';
import type { ClosedQuestion } from './book.ts';

/** Local dates of participation the server aggregate keeps; older days leave `days` (topics and concepts stay). */
export const KEPT_DAYS = 400;

/** Local dates `/stats server` shows participation for, ending today. */
export const PARTICIPATION_DAYS = 30;

/** Concepts `/stats server` lists as most missed. */
export const MOST_MISSED_CONCEPTS = 5;

/** ISO weeks of answers per topic the aggregate keeps (the columns of the server's heatmap); older weeks are dropped. */
export const KEPT_TOPIC_WEEKS = 26;

/** Weeks the server's heatmap shows, ending with the current one. */
export const HEATMAP_WEEKS = 8;

/** Longest concept label kept in the aggregate, in characters. */
export const CONCEPT_LABEL_CHARS = 80;

/** Answers to one day's daily question. */
export interface DayTally {
	answered: number;
	correct: number;
}

/** Answers about one concept, over every daily question asked about it. */
export interface ConceptTally {
	/** The topic of the concept's latest question. */
	topic: string;
	answered: number;
	missed: number;
	/** Something short and human for the concept, from its latest question (see `conceptLabel`). */
	label: string;
}

/**
 * A server's daily-quiz answers counted together, for `/stats server`. It holds no user id: every count is of answers,
 * never of who gave them. That is also why forgetting a member leaves it as it is: nothing in it is about them, and
 * the counts stay the same as the results already posted under each question.
 */
export interface ServerStats {
	/** By local date: answers to that day's question (a day with a question nobody answered has zeros). */
	days: Record<string, DayTally>;
	/** Per topic: [correct, answered]. */
	topics: Record<string, [number, number]>;
	/** Per topic, per ISO week (`2026-W49`) of the question's local date: [correct, answered]. */
	topicWeeks: Record<string, Record<string, [number, number]>>;
	/** By concept id. */
	concepts: Record<string, ConceptTally>;
	/**
	 * Question dates already counted, sorted; also the dates a backfill found no closed post for, so that they are
	 * not looked for again.
	 */
	appliedDates: string[];
	/** Daily questions counted (all time; `days` keeps only the last `KEPT_DAYS`). */
	questions: number;
}

export const SERVER_STATS: RecordKind<ServerStats> = {
	name: 'ServerStats',
	version: 1,
	parse(raw) {
		const fields = new Fields('ServerStats', raw);
		return {
			days: fields.map('days', (value) => {
				const day = new Fields('DayTally', value as Record<string, unknown>);
				return { answered: count(day.number('answered')), correct: count(day.number('correct')) };
			}),
			topics: fields.map('topics', countPair),
			topicWeeks: fields.map('topicWeeks', (weeks) => new Fields('TopicWeeks', { weeks }).map('weeks', countPair)),
			concepts: fields.map('concepts', (value) => {
				const concept = new Fields('ConceptTally', value as Record<string, unknown>);
				return {
					topic: concept.string('topic'),
					answered: count(concept.number('answered')),
					missed: count(concept.number('missed')),
					label: concept.string('label'),
				};
			}),
			appliedDates: fields.strings('appliedDates'),
			questions: count(fields.number('questions')),
		};
	},
};

export function emptyServerStats(): ServerStats {
	return { days: {}, topics: {}, topicWeeks: {}, concepts: {}, appliedDates: [], questions: 0 };
}

function addApplied(stats: ServerStats, date: string): void {
	stats.appliedDates.push(date);
	stats.appliedDates.sort();
}

/** Folds a closed question into the aggregate in place; returns false when its date was already counted. */
export function foldIntoServer(stats: ServerStats, question: ClosedQuestion): boolean {
	if (stats.appliedDates.includes(question.date)) return false;
	const answered = question.answers.length;
	const correct = question.answers.filter((answer) => answer.correct).length;
	stats.days[question.date] = { answered, correct };
	const dates = Object.keys(stats.days).sort();
	for (const old of dates.slice(0, Math.max(0, dates.length - KEPT_DAYS))) delete stats.days[old];
	if (answered > 0) {
		const topic = stats.topics[question.topic] ?? [0, 0];
		topic[0] += correct;
		topic[1] += answered;
		stats.topics[question.topic] = topic;
		const weeks = stats.topicWeeks[question.topic] ?? {};
		const week = weeks[weekOf(question.date)] ?? [0, 0];
		week[0] += correct;
		week[1] += answered;
		weeks[weekOf(question.date)] = week;
		const kept = Object.keys(weeks).sort();
		for (const old of kept.slice(0, Math.max(0, kept.length - KEPT_TOPIC_WEEKS))) delete weeks[old];
		stats.topicWeeks[question.topic] = weeks;
		if (question.concept !== undefined) {
			const concept = stats.concepts[question.concept.id] ?? { topic: '', answered: 0, missed: 0, label: '' };
			concept.topic = question.topic;
			concept.label = question.concept.label;
			concept.answered += answered;
			concept.missed += answered - correct;
			stats.concepts[question.concept.id] = concept;
		}
	}
	addApplied(stats, question.date);
	stats.questions += 1;
	return true;
}

/** Records a date a backfill found no closed question for, so it is counted as nothing instead of looked for again. */
export function markUnavailable(stats: ServerStats, date: string): boolean {
	if (stats.appliedDates.includes(date)) return false;
	addApplied(stats, date);
	return true;
}

/**
 * A short human label for a concept, from its id (`<file>#<title slug>`, `<file>#<parent slug>/<title slug>`) and the
 * heading path of its question's source. A section's heading path ends with its own title, which is shown as written;
 * a term defined inside a section is shown as `section › term` (the term from its slug, dashes read as spaces).
 */
export function conceptLabel(conceptId: string, headingPath: readonly string[]): string {
	const key = conceptId.slice(conceptId.lastIndexOf('#') + 1);
	const own = key.slice(key.lastIndexOf('/') + 1);
	const heading = headingPath.at(-1)?.replace(/\s+/g, ' ').trim() ?? '';
	const slug = heading === '' ? '' : slugify(heading);
	const isHeading =
		slug !== '' && (own === slug || (own.startsWith(`${slug}-`) && /^\d+$/.test(own.slice(slug.length + 1))));
	const term = own.replaceAll('-', ' ');
	const label = isHeading ? heading : heading === '' ? term : `${heading} › ${term}`;
	return truncate(label, CONCEPT_LABEL_CHARS);
}

/** One day of the participation window. */
export interface DayParticipation {
	readonly date: string;
	/** Whether the server had a daily question that day. */
	readonly asked: boolean;
	/** Members who answered that day's question (a member answers a question once). */
	readonly members: number;
	readonly correct: number;
}

/** A topic's answers in the server. */
export interface TopicAccuracy {
	readonly topic: string;
	readonly correct: number;
	readonly answered: number;
}

/** A concept the server's answers got wrong. */
export interface MissedConcept {
	readonly conceptId: string;
	readonly label: string;
	readonly topic: string;
	readonly missed: number;
	readonly answered: number;
}

/** What `/stats server` shows. */
export interface ServerSummary {
	/** Exactly `PARTICIPATION_DAYS` local dates, oldest first, ending today; days without a question are zeros. */
	readonly participation: readonly DayParticipation[];
	/** Every topic answered, most answered first (ties by name). */
	readonly topics: readonly TopicAccuracy[];
	/** At most `MOST_MISSED_CONCEPTS`: most missed first, then the higher miss rate, then by id. */
	readonly mostMissed: readonly MissedConcept[];
	/** Daily questions counted, all time. */
	readonly questions: number;
	/** Daily questions in the participation window. */
	readonly questions30d: number;
	/**
	 * Answers in the participation window: the sum of each day's members, so a member who answered on three days
	 * counts three times (distinct members are not kept).
	 */
	readonly answers30d: number;
	/** Correct answers in the participation window. */
	readonly correct30d: number;
	/** Accuracy by topic and week: the `HEATMAP_WEEKS` ISO weeks ending with today's, for every topic in `topics` order. */
	readonly heatmap: TopicHeatmap;
}

/** Answers by topic and ISO week. */
export interface TopicHeatmap {
	/** ISO weeks (`2026-W49`), oldest first. */
	readonly weeks: readonly string[];
	/** One row per topic, in `ServerSummary.topics` order; a cell per week, zeros when the topic had no answer then. */
	readonly rows: readonly {
		readonly topic: string;
		readonly cells: readonly { readonly correct: number; readonly answered: number }[];
	}[];
}

function byCodePoint(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** The aggregate as `/stats server` shows it on local date `today`. */
export function summariseServer(stats: ServerStats, today: string): ServerSummary {
	const participation: DayParticipation[] = [];
	for (let back = PARTICIPATION_DAYS - 1; back >= 0; back--) {
		const date = addDays(today, -back);
		const day = stats.days[date];
		participation.push({ date, asked: day !== undefined, members: day?.answered ?? 0, correct: day?.correct ?? 0 });
	}
	const topics = Object.entries(stats.topics)
		.map(([topic, [correct, answered]]) => ({ topic, correct, answered }))
		.sort((a, b) => b.answered - a.answered || byCodePoint(a.topic, b.topic));
	const mostMissed = Object.entries(stats.concepts)
		.filter(([, concept]) => concept.missed > 0)
		.map(([conceptId, { label, topic, missed, answered }]) => ({ conceptId, label, topic, missed, answered }))
		.sort(
			(a, b) =>
				b.missed - a.missed || b.missed / b.answered - a.missed / a.answered || byCodePoint(a.conceptId, b.conceptId),
		)
		.slice(0, MOST_MISSED_CONCEPTS);
	let questions30d = 0;
	let answers30d = 0;
	let correct30d = 0;
	for (const day of participation) {
		if (day.asked) questions30d += 1;
		answers30d += day.members;
		correct30d += day.correct;
	}
	const weeks: string[] = [];
	for (let back = HEATMAP_WEEKS - 1; back >= 0; back--) weeks.push(weekOf(addDays(today, -7 * back)));
	const heatmap: TopicHeatmap = {
		weeks,
		rows: topics.map(({ topic }) => ({
			topic,
			cells: weeks.map((week) => {
				const [correct, answered] = stats.topicWeeks[topic]?.[week] ?? [0, 0];
				return { correct, answered };
			}),
		})),
	};
	return {
		participation,
		topics,
		mostMissed,
		questions: stats.questions,
		questions30d,
		answers30d,
		correct30d,
		heatmap,
	};
}
