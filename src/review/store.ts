import type Keyv from 'keyv';
import type { Lang } from '../i18n/locale.ts';
import { forEachLimited } from '../limit.ts';
import type { QuestionPool } from '../quiz/generate.ts';
import type { Question, QuestionKind } from '../quiz/question.ts';
import { seededRandom } from '../quiz/random.ts';
import type { DailyPost } from '../quiz/records.ts';
import type { GroupCommitter } from '../store/commit.ts';
import { describeCause, StoreUnavailableError } from '../store/errors.ts';
import { readRecord } from '../store/records.ts';
import { AGAIN, isDue, newCard, type ReviewRating, rateCard, ratingOfChoice, recalled } from './card.ts';
import {
	type AnswerSource,
	emptyStudy,
	MAX_ANSWERS,
	MEMBER_STUDY,
	type MemberStudy,
	REMINDER_GUILDS,
	REMINDER_MEMBERS,
	type ReminderSettings,
	type StudyAnswer,
	type StudyCard,
	studyKeys,
} from './records.ts';

/** Members of one closed daily question whose answers are recorded at once. */
export const FOLD_CONCURRENCY = 8;

/** The window of `/stats` retention: answers of the last 30 days. */
export const RETENTION_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/** Kinds served as flashcards: the member recalls a meaning from a name, then rates themselves. */
const FLASHCARD_KINDS: ReadonlySet<QuestionKind> = new Set(['definition', 'acronym']);

/** How `/review` asks a question of this kind. */
export function reviewMode(kind: QuestionKind): 'choice' | 'flashcard' {
	return FLASHCARD_KINDS.has(kind) ? 'flashcard' : 'choice';
}

/** A member's answer to record on their card. */
export interface AnswerInput {
	readonly question: Question;
	/** The concept's title now, kept as the front of the card. */
	readonly term: string;
	readonly correct: boolean;
	readonly source: Exclude<AnswerSource, 'review'>;
	/** The daily question's local date (daily answers), else null. */
	readonly date: string | null;
	/** When the member answered. */
	readonly at: Date;
}

/** What recording an answer did. */
export interface RecordedAnswer {
	/** False when this daily date was already recorded for the member: nothing changed. */
	readonly recorded: boolean;
	/** When the concept comes back. */
	readonly dueAt: Date;
}

/** A member's review figures for `/stats`. */
export interface StudyOverview {
	/** Cards due now (of concepts the notes still ask about, when a pool is given). */
	readonly due: number;
	readonly cards: number;
	/** The earliest due date of a card not due yet; null when none. */
	readonly nextDueAt: Date | null;
	/** Answers of the last 30 days on cards that were already in review: how many were recalled. */
	readonly retention: { readonly recalled: number; readonly reviewed: number };
	readonly remindOn: boolean;
}

/** Something `/review` tells the member once. */
export type ReviewNotice = 'reminder-turned-off';

/** What `/review` serves. */
export type ServeResult =
	| {
			readonly kind: 'served';
			readonly question: Question;
			readonly mode: 'choice' | 'flashcard';
			readonly card: StudyCard;
			/** Cards due now, this one included. */
			readonly due: number;
			readonly notice: ReviewNotice | null;
	  }
	| {
			readonly kind: 'none';
			/** When the next card is due; null when the member has no card the notes still ask about. */
			readonly nextDueAt: Date | null;
			readonly cards: number;
			readonly notice: ReviewNotice | null;
	  };

/** An answer to what `/review` served: an option of a multiple-choice question, or a self-rating of a flashcard. */
export type GradeInput =
	| { readonly questionId: string; readonly choice: number }
	| { readonly questionId: string; readonly rating: ReviewRating };

/**
 * Why a grade or a reveal was refused: the question is not the one served (replayed, forged or already graded),
 * it left the notes, or the button does not fit the question (an option it does not have, a rating for a
 * multiple-choice question).
 */
export type RefusalReason = 'not-pending' | 'outdated' | 'invalid';

export type GradeResult =
	| {
			readonly kind: 'graded';
			readonly question: Question;
			readonly card: StudyCard;
			/** The option chosen (multiple choice), else null. */
			readonly choice: number | null;
			/** Whether the option was right; null for a self-rating. */
			readonly correct: boolean | null;
			readonly rating: ReviewRating;
			/** When the concept comes back. */
			readonly nextDueAt: Date;
			/** Cards still due now. */
			readonly moreDue: number;
	  }
	| { readonly kind: 'refused'; readonly reason: RefusalReason };

export type RevealResult =
	| { readonly kind: 'shown'; readonly question: Question; readonly card: StudyCard }
	| { readonly kind: 'refused'; readonly reason: RefusalReason };

function hasQuestions(pool: QuestionPool | undefined, conceptId: string): boolean {
	return pool === undefined || pool.ofConcept(conceptId).length > 0;
}

/** The cards that may be served, most overdue first (ties by concept id). */
function dueCards(study: MemberStudy, now: Date, pool: QuestionPool | undefined): [string, StudyCard][] {
	return Object.entries(study.cards)
		.filter(([conceptId, card]) => isDue(card.fsrs, now) && hasQuestions(pool, conceptId))
		.sort(([a, x], [b, y]) => Date.parse(x.fsrs.due) - Date.parse(y.fsrs.due) || (a < b ? -1 : a > b ? 1 : 0));
}

/** How many of the member's cards are due at `now` (with `pool`: of concepts it still asks about). */
export function dueCount(study: MemberStudy, now: Date, pool?: QuestionPool): number {
	return dueCards(study, now, pool).length;
}

function nextDue(study: MemberStudy, now: Date, pool: QuestionPool | undefined): Date | null {
	let next: number | null = null;
	for (const [conceptId, card] of Object.entries(study.cards)) {
		const due = Date.parse(card.fsrs.due);
		if (due > now.getTime() && hasQuestions(pool, conceptId) && (next === null || due < next)) next = due;
	}
	return next === null ? null : new Date(next);
}

/** Appends an answer and rates the card; the answer list keeps the newest `MAX_ANSWERS`. */
function applyAnswer(
	study: MemberStudy,
	input: {
		question: Question;
		term: string | null;
		rating: ReviewRating;
		correct: boolean | null;
		source: AnswerSource;
		date: string | null;
		at: Date;
	},
): StudyCard {
	const { question } = input;
	const before = study.cards[question.conceptId];
	const fsrs = before?.fsrs ?? newCard(input.at);
	const card: StudyCard = {
		fsrs: rateCard(fsrs, input.rating, input.at),
		term: input.term ?? before?.term ?? question.conceptId,
		back: question.explanation,
		topic: question.topic,
		answered: (before?.answered ?? 0) + 1,
		missed: (before?.missed ?? 0) + (input.rating === AGAIN ? 1 : 0),
	};
	study.cards[question.conceptId] = card;
	const answer: StudyAnswer = {
		at: input.at.toISOString(),
		source: input.source,
		date: input.date,
		questionId: question.id,
		conceptId: question.conceptId,
		topic: question.topic,
		kind: question.kind,
		correct: input.correct,
		rating: input.rating,
		cardState: fsrs.state,
	};
	// A daily answer is recorded when its question is scored, after later practice: kept in order of `at` all the same.
	let at = study.answers.length;
	while (at > 0 && (study.answers[at - 1]?.at ?? '') > answer.at) at--;
	study.answers.splice(at, 0, answer);
	if (study.answers.length > MAX_ANSWERS) study.answers.splice(0, study.answers.length - MAX_ANSWERS);
	return card;
}

/**
 * A member's due cards, card count, retention and reminder setting from their record (none: all zero). With `pool`,
 * only concepts it still asks about count as due.
 */
export function studyOverview(study: MemberStudy | undefined, now: Date, pool?: QuestionPool): StudyOverview {
	if (study === undefined)
		return { due: 0, cards: 0, nextDueAt: null, retention: { recalled: 0, reviewed: 0 }, remindOn: false };
	const since = now.getTime() - RETENTION_WINDOW_MS;
	let reviewed = 0;
	let kept = 0;
	for (const answer of study.answers) {
		const at = Date.parse(answer.at);
		if (answer.cardState !== 'review' || at < since || at > now.getTime()) continue;
		reviewed++;
		if (recalled(answer.rating)) kept++;
	}
	return {
		due: dueCards(study, now, pool).length,
		cards: Object.keys(study.cards).length,
		nextDueAt: nextDue(study, now, pool),
		retention: { recalled: kept, reviewed },
		remindOn: study.remind.on,
	};
}

function without(list: readonly string[], item: string): string[] {
	return list.filter((entry) => entry !== item);
}

/**
 * Every member's review cards (FSRS, `card.ts`), answers and reminder setting, one record per member and server
 * (`study:member:<guildId>:<userId>`). Every change is a read-modify-write through the `GroupCommitter`; times come
 * from the caller's clock.
 */
export class ReviewStore {
	readonly #store: Keyv;
	readonly #committer: GroupCommitter;

	constructor(store: Keyv, committer: GroupCommitter) {
		this.#store = store;
		this.#committer = committer;
	}

	/** The member's record as stored (for `/mydata export`); undefined when there is none. */
	memberData(guildId: string, userId: string): Promise<MemberStudy | undefined> {
		return readRecord(this.#store, studyKeys.member(guildId, userId), MEMBER_STUDY);
	}

	/**
	 * Records a daily or practice answer: the concept's card is created (rated at `at`) or rated again, and the answer
	 * is kept. A daily date is recorded once per member: recording it again changes nothing.
	 */
	recordAnswer(guildId: string, userId: string, input: AnswerInput): Promise<RecordedAnswer> {
		return this.#committer.update<MemberStudy, RecordedAnswer>(
			studyKeys.member(guildId, userId),
			MEMBER_STUDY,
			(draft) => {
				const study = draft ?? emptyStudy(guildId, userId);
				if (
					input.source === 'daily' &&
					study.answers.some((answer) => answer.source === 'daily' && answer.date === input.date)
				) {
					const card = study.cards[input.question.conceptId];
					return { write: null, result: { recorded: false, dueAt: new Date(card?.fsrs.due ?? input.at) } };
				}
				const card = applyAnswer(study, {
					question: input.question,
					term: input.term,
					rating: ratingOfChoice(input.correct),
					correct: input.correct,
					source: input.source,
					date: input.date,
					at: input.at,
				});
				return { write: study, result: { recorded: true, dueAt: new Date(card.fsrs.due) } };
			},
		);
	}

	/**
	 * Records every answer of a closed daily question, each at the time it was given, a few members at once. Safe to
	 * run again (daily dates are recorded once). Returns how many answers were new; rejects with the first failure
	 * after trying every member.
	 */
	async foldDaily(guildId: string, post: DailyPost, termOf: (conceptId: string) => string): Promise<number> {
		const term = termOf(post.question.conceptId);
		let recorded = 0;
		const failures = await forEachLimited(Object.entries(post.answers), FOLD_CONCURRENCY, async ([userId, answer]) => {
			const outcome = await this.recordAnswer(guildId, userId, {
				question: post.question,
				term,
				correct: answer.choice === post.question.answer,
				source: 'daily',
				date: post.date,
				at: new Date(answer.at),
			});
			if (outcome.recorded) recorded++;
		});
		const [first] = failures;
		if (first !== undefined) throw first.error;
		return recorded;
	}

	/** Due cards, card count, retention and the reminder setting. With `pool`, only concepts it still asks about count as due. */
	async overview(guildId: string, userId: string, now: Date, pool?: QuestionPool): Promise<StudyOverview> {
		return studyOverview(await this.memberData(guildId, userId), now, pool);
	}

	/**
	 * The most overdue card that the notes still ask about, with one of its questions (chosen by `seed`, another one
	 * than last time when there is a choice), recorded as the pending review. Concepts gone from the notes are
	 * skipped and kept.
	 */
	async serve(guildId: string, userId: string, pool: QuestionPool, now: Date, seed: string): Promise<ServeResult> {
		return this.#committer.update<MemberStudy, ServeResult>(
			studyKeys.member(guildId, userId),
			MEMBER_STUDY,
			(draft) => {
				const study = draft ?? emptyStudy(guildId, userId);
				const notice: ReviewNotice | null = study.remind.turnedOff ? 'reminder-turned-off' : null;
				const due = dueCards(study, now, pool);
				const [first] = due;
				if (first === undefined) {
					const none: ServeResult = {
						kind: 'none',
						nextDueAt: nextDue(study, now, pool),
						cards: Object.keys(study.cards).length,
						notice,
					};
					if (draft === undefined || (notice === null && study.pending === null)) return { write: null, result: none };
					study.remind.turnedOff = false;
					study.pending = null;
					return { write: study, result: none };
				}
				const [conceptId, card] = first;
				const question = pickQuestion(pool.ofConcept(conceptId), lastQuestionOf(study, conceptId), seed);
				const mode = reviewMode(question.kind);
				study.remind.turnedOff = false;
				study.pending = { questionId: question.id, conceptId, servedAt: now.toISOString(), mode };
				return { write: study, result: { kind: 'served', question, mode, card, due: due.length, notice } };
			},
		);
	}

	/**
	 * Grades the pending review: a multiple-choice option (right → Good, wrong → Again) or a flashcard self-rating.
	 * Accepted once, and only for the question `/review` served last; the card is rated at `now`.
	 */
	async grade(guildId: string, userId: string, input: GradeInput, pool: QuestionPool, now: Date): Promise<GradeResult> {
		const refused = (reason: RefusalReason): GradeResult => ({ kind: 'refused', reason });
		return this.#committer.update<MemberStudy, GradeResult>(
			studyKeys.member(guildId, userId),
			MEMBER_STUDY,
			(draft) => {
				const pending = draft?.pending ?? null;
				if (draft === undefined || pending === null || pending.questionId !== input.questionId)
					return { write: null, result: refused('not-pending') };
				const question = pool.get(pending.questionId);
				if (question === undefined || question.conceptId !== pending.conceptId) {
					draft.pending = null;
					return { write: draft, result: refused('outdated') };
				}
				let rating: ReviewRating;
				let choice: number | null = null;
				let correct: boolean | null = null;
				if ('choice' in input) {
					if (pending.mode !== 'choice' || !Number.isInteger(input.choice))
						return { write: null, result: refused('invalid') };
					if (input.choice < 0 || input.choice >= question.options.length)
						return { write: null, result: refused('invalid') };
					choice = input.choice;
					correct = choice === question.answer;
					rating = ratingOfChoice(correct);
				} else {
					if (pending.mode !== 'flashcard') return { write: null, result: refused('invalid') };
					rating = input.rating;
				}
				const card = applyAnswer(draft, {
					question,
					term: null,
					rating,
					correct,
					source: 'review',
					date: null,
					at: now,
				});
				draft.pending = null;
				return {
					write: draft,
					result: {
						kind: 'graded',
						question,
						card,
						choice,
						correct,
						rating,
						nextDueAt: new Date(card.fsrs.due),
						moreDue: dueCards(draft, now, pool).length,
					},
				};
			},
		);
	}

	/** The answer side of the pending flashcard (the Show answer button); changes nothing. */
	async reveal(guildId: string, userId: string, questionId: string, pool: QuestionPool): Promise<RevealResult> {
		const study = await this.memberData(guildId, userId);
		const pending = study?.pending ?? null;
		if (study === undefined || pending === null || pending.questionId !== questionId)
			return { kind: 'refused', reason: 'not-pending' };
		if (pending.mode !== 'flashcard') return { kind: 'refused', reason: 'invalid' };
		const question = pool.get(questionId);
		const card = study.cards[pending.conceptId];
		if (question === undefined || card === undefined) return { kind: 'refused', reason: 'outdated' };
		return { kind: 'shown', question, card };
	}

	/** Turns the daily reminder on or off in `lang`, and keeps the reminder indexes in step. */
	async setReminder(guildId: string, userId: string, on: boolean, lang: Lang): Promise<ReminderSettings> {
		const settings = await this.#committer.update<MemberStudy, ReminderSettings>(
			studyKeys.member(guildId, userId),
			MEMBER_STUDY,
			(draft) => {
				const study = draft ?? emptyStudy(guildId, userId, lang);
				study.remind = {
					...study.remind,
					on,
					lang,
					closedDmDays: on ? 0 : study.remind.closedDmDays,
					turnedOff: false,
				};
				return { write: study, result: { ...study.remind } };
			},
		);
		if (on) await this.#indexReminder(guildId, userId);
		else await this.unindexReminder(guildId, userId);
		return settings;
	}

	async #indexReminder(guildId: string, userId: string): Promise<void> {
		await this.#committer.update(studyKeys.reminders(guildId), REMINDER_MEMBERS, (draft) => {
			const index = draft ?? { userIds: [] };
			if (index.userIds.includes(userId)) return { write: null, result: undefined };
			index.userIds.push(userId);
			return { write: index, result: undefined };
		});
		await this.#committer.update(studyKeys.reminderGuilds(), REMINDER_GUILDS, (draft) => {
			const index = draft ?? { guildIds: [] };
			if (index.guildIds.includes(guildId)) return { write: null, result: undefined };
			index.guildIds.push(guildId);
			return { write: index, result: undefined };
		});
	}

	/** Takes the member out of the server's reminder index (and the server out when it was the last member). */
	async unindexReminder(guildId: string, userId: string): Promise<void> {
		const left = await this.#committer.update(studyKeys.reminders(guildId), REMINDER_MEMBERS, (draft) => {
			if (draft === undefined) return { write: null, result: 0 };
			if (!draft.userIds.includes(userId)) return { write: null, result: draft.userIds.length };
			draft.userIds = without(draft.userIds, userId);
			return { write: draft, result: draft.userIds.length };
		});
		if (left > 0) return;
		await this.#committer.update(studyKeys.reminderGuilds(), REMINDER_GUILDS, (draft) => {
			if (draft === undefined || !draft.guildIds.includes(guildId)) return { write: null, result: undefined };
			draft.guildIds = without(draft.guildIds, guildId);
			return { write: draft, result: undefined };
		});
	}

	/** The members of a server with the reminder on (the index; each member's record has the last word). */
	async reminderMembers(guildId: string): Promise<readonly string[]> {
		return (await readRecord(this.#store, studyKeys.reminders(guildId), REMINDER_MEMBERS))?.userIds ?? [];
	}

	/** The servers with any member's reminder on. */
	async reminderGuilds(): Promise<readonly string[]> {
		return (await readRecord(this.#store, studyKeys.reminderGuilds(), REMINDER_GUILDS))?.guildIds ?? [];
	}

	/**
	 * Changes the member's reminder settings in place (the reminder job); `change` returns false to leave the record
	 * as it is. Returns the settings after the change, or undefined when the member has no record.
	 */
	async updateReminder(
		guildId: string,
		userId: string,
		change: (remind: ReminderSettings, study: Readonly<MemberStudy>) => boolean,
	): Promise<ReminderSettings | undefined> {
		return this.#committer.update<MemberStudy, ReminderSettings | undefined>(
			studyKeys.member(guildId, userId),
			MEMBER_STUDY,
			(draft) => {
				if (draft === undefined) return { write: null, result: undefined };
				const changed = change(draft.remind, draft);
				return { write: changed ? draft : null, result: { ...draft.remind } };
			},
		);
	}

	/**
	 * Deletes everything kept about the member in the server (`/mydata delete`): the record and the reminder index
	 * entries. Returns whether there was a record.
	 */
	async forget(guildId: string, userId: string): Promise<boolean> {
		const key = studyKeys.member(guildId, userId);
		// Emptied through the committer first, so a change already queued for the key cannot write the old data back.
		const existed = await this.#committer.update<MemberStudy, boolean>(key, MEMBER_STUDY, (draft) =>
			draft === undefined ? { write: null, result: false } : { write: emptyStudy(guildId, userId), result: true },
		);
		try {
			await this.#store.delete(key);
		} catch (error) {
			if (error instanceof StoreUnavailableError) throw error;
			throw new StoreUnavailableError(`store: deleting ${key} failed (${describeCause(error)})`, { cause: error });
		}
		await this.unindexReminder(guildId, userId);
		return existed;
	}
}

/** The question last answered about a concept, if the answers still hold one. */
function lastQuestionOf(study: MemberStudy, conceptId: string): string | null {
	for (let i = study.answers.length - 1; i >= 0; i--) {
		const answer = study.answers[i];
		if (answer?.conceptId === conceptId) return answer.questionId;
	}
	return null;
}

/** One of the concept's questions, by `seed`; not the one asked last time when there is another. */
function pickQuestion(questions: readonly Question[], last: string | null, seed: string): Question {
	const fresh = questions.filter((question) => question.id !== last);
	const choices = fresh.length > 0 ? fresh : questions;
	const index = Math.floor(seededRandom(`review\u0000${seed}`)() * choices.length);
	const question = choices[index] ?? choices[0];
	if (question === undefined) throw new Error('review: a served concept has no questions');
	return question;
}
