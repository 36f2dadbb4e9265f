import { LANGS, type Lang } from '../i18n/locale.ts';
import { QUESTION_KINDS, type QuestionKind } from '../quiz/question.ts';
import { count, Fields } from '../store/fields.ts';
import { RecordError, type RecordKind } from '../store/records.ts';
import { CARD_STATES, type CardState, RATINGS, type ReviewRating, type StoredCard } from './card.ts';

/**
 * The answers a member record keeps, newest last. Older ones are dropped (they stay counted in their card's
 * `answered` and `missed`); at about 250 bytes each this bounds a member record near 1.3 MB. A daily date counts as
 * recorded while its answer is kept, which covers every date the daily quiz can still fold.
 */
export const MAX_ANSWERS = 5000;

/** Where an answer was given. */
export type AnswerSource = 'daily' | 'practice' | 'review';
export const ANSWER_SOURCES: readonly AnswerSource[] = ['daily', 'practice', 'review'];

/** One member's review card for one concept, with what an export needs after the notes change. */
export interface StudyCard {
	fsrs: StoredCard;
	/** The concept's title when last answered. */
	term: string;
	/** The explanation of the question last answered about it (the back of the flashcard). */
	back: string;
	topic: string;
	/** Answers recorded on this card, all of them (the answer list keeps the newest `MAX_ANSWERS`). */
	answered: number;
	/** Of those, the ones that were wrong or rated Again. */
	missed: number;
}

/** One answer of a member, daily, practice or review. */
export interface StudyAnswer {
	readonly at: string;
	readonly source: AnswerSource;
	/** The daily question's local date; null for other sources. */
	readonly date: string | null;
	readonly questionId: string;
	readonly conceptId: string;
	readonly topic: string;
	readonly kind: QuestionKind;
	/** Whether the chosen option was right; null when the member rated their own recall (flashcards). */
	readonly correct: boolean | null;
	readonly rating: ReviewRating;
	/** The card's state before this answer: answers on cards already in `review` make the retention figure. */
	readonly cardState: CardState;
}

/** The daily reminder by direct message. */
export interface ReminderSettings {
	on: boolean;
	/** The language the member used when turning it on. */
	lang: Lang;
	/** The server-local date a reminder was last sent (or attempted, when DMs were closed). */
	lastSentDate: string | null;
	/** Days in a row the member's DMs were closed; reset by a delivered reminder. */
	closedDmDays: number;
	/** The reminder turned itself off because DMs stayed closed, and the member has not been told yet. */
	turnedOff: boolean;
}

/** What `/review` served last: grading accepts an answer to this question only, and only once. */
export interface PendingReview {
	readonly questionId: string;
	readonly conceptId: string;
	readonly servedAt: string;
	readonly mode: 'choice' | 'flashcard';
}

/** Everything the bot keeps about one member's studying in one server. */
export interface MemberStudy {
	readonly guildId: string;
	readonly userId: string;
	/** By concept id. */
	cards: Record<string, StudyCard>;
	/** Oldest first, at most `MAX_ANSWERS`. */
	answers: StudyAnswer[];
	remind: ReminderSettings;
	pending: PendingReview | null;
}

/** The members of a server who turned the reminder on. */
export interface ReminderMembers {
	userIds: string[];
}

/** The servers that have members with the reminder on. */
export interface ReminderGuilds {
	guildIds: string[];
}

function asObject(value: unknown, what: string): Record<string, unknown> {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${what} is not an object`);
	return value as Record<string, unknown>;
}

function readCard(fields: Fields): StoredCard {
	return {
		due: fields.string('due'),
		stability: fields.number('stability'),
		difficulty: fields.number('difficulty'),
		scheduledDays: fields.number('scheduledDays'),
		learningSteps: fields.number('learningSteps'),
		reps: count(fields.number('reps')),
		lapses: count(fields.number('lapses')),
		state: fields.oneOf('state', CARD_STATES),
		lastReview: fields.stringOrNull('lastReview'),
	};
}

function readRating(fields: Fields): ReviewRating {
	const rating = fields.number('rating');
	if (!RATINGS.includes(rating as ReviewRating)) throw new RecordError('StudyAnswer: field rating must be 1 to 4');
	return rating as ReviewRating;
}

function readAnswer(raw: unknown): StudyAnswer {
	const fields = new Fields('StudyAnswer', asObject(raw, 'StudyAnswer'));
	const correct = asObject(raw, 'StudyAnswer').correct;
	return {
		at: fields.string('at'),
		source: fields.oneOf('source', ANSWER_SOURCES),
		date: fields.stringOrNull('date'),
		questionId: fields.string('questionId'),
		conceptId: fields.string('conceptId'),
		topic: fields.string('topic'),
		kind: fields.oneOf('kind', QUESTION_KINDS),
		correct: correct === null ? null : fields.boolean('correct'),
		rating: readRating(fields),
		cardState: fields.oneOf('cardState', CARD_STATES),
	};
}

export const MEMBER_STUDY: RecordKind<MemberStudy> = {
	name: 'MemberStudy',
	version: 1,
	parse(raw) {
		const fields = new Fields('MemberStudy', raw);
		if (!Array.isArray(raw.answers)) throw new RecordError('MemberStudy: field answers must be a list');
		const answers = raw.answers.map((answer, index) => {
			try {
				return readAnswer(answer);
			} catch (error) {
				throw new RecordError(
					`MemberStudy: field answers.${index} is malformed (${error instanceof Error ? error.message : error})`,
				);
			}
		});
		return {
			guildId: fields.string('guildId'),
			userId: fields.string('userId'),
			cards: fields.map('cards', (value) => {
				const card = new Fields('StudyCard', asObject(value, 'StudyCard'));
				return {
					fsrs: card.object('fsrs', readCard),
					term: card.string('term'),
					back: card.string('back'),
					topic: card.string('topic'),
					answered: count(card.number('answered')),
					missed: count(card.number('missed')),
				};
			}),
			answers,
			remind: fields.object('remind', (remind) => ({
				on: remind.boolean('on'),
				lang: remind.oneOf('lang', LANGS),
				lastSentDate: remind.stringOrNull('lastSentDate'),
				closedDmDays: count(remind.number('closedDmDays')),
				turnedOff: remind.boolean('turnedOff'),
			})),
			pending:
				raw.pending === null || raw.pending === undefined
					? null
					: fields.object('pending', (pending) => ({
							questionId: pending.string('questionId'),
							conceptId: pending.string('conceptId'),
							servedAt: pending.string('servedAt'),
							mode: pending.oneOf('mode', ['choice', 'flashcard'] as const),
						})),
		};
	},
};

export const REMINDER_MEMBERS: RecordKind<ReminderMembers> = {
	name: 'ReminderMembers',
	version: 1,
	parse(raw) {
		return { userIds: new Fields('ReminderMembers', raw).strings('userIds') };
	},
};

export const REMINDER_GUILDS: RecordKind<ReminderGuilds> = {
	name: 'ReminderGuilds',
	version: 1,
	parse(raw) {
		return { guildIds: new Fields('ReminderGuilds', raw).strings('guildIds') };
	},
};

/** A member record with nothing in it yet. */
export function emptyStudy(guildId: string, userId: string, lang: Lang = 'en'): MemberStudy {
	return {
		guildId,
		userId,
		cards: {},
		answers: [],
		remind: { on: false, lang, lastSentDate: null, closedDmDays: 0, turnedOff: false },
		pending: null,
	};
}

/** Store keys of spaced review. */
export const studyKeys = {
	member: (guildId: string, userId: string) => `study:member:${guildId}:${userId}`,
	reminders: (guildId: string) => `study:reminders:${guildId}`,
	reminderGuilds: () => 'study:reminder-guilds',
} as const;
