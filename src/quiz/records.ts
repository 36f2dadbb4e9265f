import { count, Fields } from '../store/fields.ts';
import type { RecordKind } from '../store/records.ts';
import { QUESTION_KINDS, type Question } from './question.ts';

/** Where and when a server's daily question is posted. */
export interface DailySchedule {
	readonly channelId: string;
	/** Local wall-clock time, `HH:MM`. */
	readonly time: string;
	/** IANA time zone name. */
	readonly zone: string;
	readonly enabled: boolean;
	readonly updatedBy: string;
	readonly updatedAt: string;
	/**
	 * The server's Discord locale when `/daily setup` ran (`interaction.guildLocale`, e.g. `ko`): the language of the
	 * posts in the channel. Absent in records written before it existed, which post in English.
	 */
	readonly locale?: string;
}

/** A server's daily-question bookkeeping, kept apart from the schedule so changing the time keeps the history. */
export interface DailyState {
	/** Questions already posted in this cycle; cleared when the pool is exhausted. */
	usedQuestionIds: string[];
	/** Local dates of posts that are open (buttons live). */
	openDates: string[];
	/** Local dates of closed posts not yet folded into the scores. */
	unscoredDates: string[];
	/** The last problem posting or closing ran into, for `/daily status`; cleared by the next success. */
	lastError: string | null;
}

/**
 * `sending`: chosen and about to be sent (a crash here is recovered by looking for the message in the channel);
 * `open`: posted, taking answers; `closed`: buttons disabled, results posted or being posted;
 * `failed`: Discord refused the post for good (no access to the channel); not retried for that date.
 */
export type PostState = 'sending' | 'open' | 'closed' | 'failed';

/** One member's answer: the option index and when it was recorded. */
export interface StoredAnswer {
	readonly choice: number;
	readonly at: string;
}

/** One server's daily question for one local date: the question as posted, its message, and every answer. */
export interface DailyPost {
	readonly guildId: string;
	readonly date: string;
	readonly channelId: string;
	readonly question: Question;
	state: PostState;
	messageId: string | null;
	postedAt: string | null;
	/** When the buttons stop counting: the next day's scheduled post. */
	readonly closesAt: string;
	readonly zone: string;
	/** The schedule's locale when the post was made: the language of the post and its results; absent means English. */
	readonly locale?: string;
	answers: Record<string, StoredAnswer>;
	resultsMessageId: string | null;
	/** Points per member, frozen when the question is scored so scoring again gives the same result. */
	awards: Record<string, number> | null;
	failure: string | null;
}

/** The servers that have a schedule, so a restart knows whom to schedule without listing the store. */
export interface ScheduledGuilds {
	guildIds: string[];
}

const POST_STATES: readonly PostState[] = ['sending', 'open', 'closed', 'failed'];

/** `{ locale }` when the record has one; version 1 records without it read as they were (English). */
function optionalLocale(fields: Fields, raw: Readonly<Record<string, unknown>>): { locale?: string } {
	return raw.locale === undefined ? {} : { locale: fields.string('locale') };
}

export const DAILY_SCHEDULE: RecordKind<DailySchedule> = {
	name: 'DailySchedule',
	version: 1,
	parse(raw) {
		const fields = new Fields('DailySchedule', raw);
		return {
			channelId: fields.string('channelId'),
			time: fields.string('time'),
			zone: fields.string('zone'),
			enabled: fields.boolean('enabled'),
			updatedBy: fields.string('updatedBy'),
			updatedAt: fields.string('updatedAt'),
			...optionalLocale(fields, raw),
		};
	},
};

export const DAILY_STATE: RecordKind<DailyState> = {
	name: 'DailyState',
	version: 1,
	parse(raw) {
		const fields = new Fields('DailyState', raw);
		return {
			usedQuestionIds: fields.strings('usedQuestionIds'),
			openDates: fields.strings('openDates'),
			unscoredDates: fields.strings('unscoredDates'),
			lastError: fields.stringOrNull('lastError'),
		};
	},
};

function readQuestion(fields: Fields): Question {
	const options = fields.strings('options');
	const answer = fields.number('answer');
	if (!Number.isInteger(answer) || answer < 0 || answer >= options.length)
		throw new Error('Question: answer must index an option');
	return {
		id: fields.string('id'),
		kind: fields.oneOf('kind', QUESTION_KINDS),
		conceptId: fields.string('conceptId'),
		stem: fields.string('stem'),
		options,
		answer,
		explanation: fields.string('explanation'),
		source: fields.object('source', (source) => ({
			file: source.string('file'),
			headingPath: source.strings('headingPath'),
			line: source.number('line'),
		})),
		topic: fields.string('topic'),
	};
}

export const DAILY_POST: RecordKind<DailyPost> = {
	name: 'DailyPost',
	version: 1,
	parse(raw) {
		const fields = new Fields('DailyPost', raw);
		return {
			guildId: fields.string('guildId'),
			date: fields.string('date'),
			channelId: fields.string('channelId'),
			question: fields.object('question', readQuestion),
			state: fields.oneOf('state', POST_STATES),
			messageId: fields.stringOrNull('messageId'),
			postedAt: fields.stringOrNull('postedAt'),
			closesAt: fields.string('closesAt'),
			zone: fields.string('zone'),
			...optionalLocale(fields, raw),
			answers: fields.map('answers', (value) => {
				const answer = new Fields('StoredAnswer', value as Record<string, unknown>);
				return { choice: answer.number('choice'), at: answer.string('at') };
			}),
			resultsMessageId: fields.stringOrNull('resultsMessageId'),
			awards: raw.awards === null || raw.awards === undefined ? null : fields.map('awards', count),
			failure: fields.stringOrNull('failure'),
		};
	},
};

export const SCHEDULED_GUILDS: RecordKind<ScheduledGuilds> = {
	name: 'ScheduledGuilds',
	version: 1,
	parse(raw) {
		return { guildIds: new Fields('ScheduledGuilds', raw).strings('guildIds') };
	},
};

/** Store keys of the daily quiz. Dates are the server's local dates, `YYYY-MM-DD`. */
export const dailyKeys = {
	schedule: (guildId: string) => `daily:schedule:${guildId}`,
	state: (guildId: string) => `daily:state:${guildId}`,
	post: (guildId: string, date: string) => `daily:post:${guildId}:${date}`,
	guilds: () => 'daily:guilds',
} as const;
