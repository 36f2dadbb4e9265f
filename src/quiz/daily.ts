import { DiscordAPIError, HTTPError, type REST } from 'discord.js';
import type Keyv from 'keyv';
import type { Logger } from 'pino';
import { ChannelAccessError, editInChannel, findByCustomId, sendToChannel } from '../discord/channel.ts';
import { UserFacingError } from '../errors.ts';
import { messagesFor } from '../i18n/messages.ts';
import { TaskLimit } from '../limit.ts';
import type { ReviewStore } from '../review/store.ts';
import type { ClosedQuestion } from '../scores/book.ts';
import { conceptLabel } from '../scores/server.ts';
import type { ForgottenScores, QuestionHistory, ScoreStore } from '../scores/store.ts';
import type { GroupCommitter } from '../store/commit.ts';
import { KeyedMutex } from '../store/mutex.ts';
import { readRecord } from '../store/records.ts';
import type { Clock } from '../time/clock.ts';
import { dailyCron, type Scheduler } from '../time/scheduler.ts';
import { addDays, canonicalTimeZone, formatLocalTime, formatZoned, localDateOf, parseLocalTime } from '../time/zone.ts';
import type { QuestionPool } from './generate.ts';
import { STORED_PROBLEMS } from './problems.ts';
import {
	DAILY_POST,
	DAILY_SCHEDULE,
	DAILY_STATE,
	type DailyPost,
	type DailySchedule,
	type DailyState,
	dailyKeys,
	SCHEDULED_GUILDS,
} from './records.ts';
import { type AnswerOutcome, dailyAnswerId, dailyExplainId, renderDailyPost, renderResults } from './render.ts';
import { closesAtFor, dueDate, nextPostAt, pickQuestion } from './schedule.ts';

/** The zone `/daily setup` uses when none is given. */
export const DEFAULT_ZONE = 'Asia/Seoul';

/** How often every server is checked for missed posts, overdue closes and interrupted sends. */
export const SWEEP_CRON = '*/5 * * * *';

/**
 * How many servers' scheduled runs go on at once. Discord takes 50 requests a second from the whole bot, so starting
 * the thousand runs due in one minute together gains nothing: all their store work came first (on SQLite each write
 * waits for the disk), and the first post left 2.5 to 9 s after the minute. A hundred at a time keep the REST queue
 * full while the others wait their turn, and the first post leaves within a second.
 */
export const CONCURRENT_SCHEDULED_RUNS = 100;

export interface DailyDeps {
	readonly store: Keyv;
	readonly committer: GroupCommitter;
	readonly scores: ScoreStore;
	readonly clock: Clock;
	readonly logger: Logger;
	readonly rest: REST;
	readonly scheduler: Scheduler;
	/** The questions the notes give now. */
	readonly questions: () => QuestionPool;
	/** Whether this process schedules the server (all of them unless the bot is sharded). */
	readonly owns: (guildId: string) => boolean;
	/** Review cards: every answer of a scored question goes into its member's cards. */
	readonly review: ReviewStore;
	/** The name of a concept for review cards and exports (the concept id when it left the notes). */
	readonly termOf: (conceptId: string) => string;
}

/** What `/daily status` shows. */
export interface DailyStatus {
	readonly schedule: DailySchedule | null;
	readonly nextPostAt: Date | null;
	readonly today: DailyPost | null;
	readonly lastError: string | null;
}

function emptyState(): DailyState {
	return { usedQuestionIds: [], openDates: [], unscoredDates: [], lastError: null };
}

function without(list: readonly string[], item: string): string[] {
	return list.filter((entry) => entry !== item);
}

function closedQuestion(post: DailyPost): ClosedQuestion {
	return {
		date: post.date,
		topic: post.question.topic,
		concept: {
			id: post.question.conceptId,
			label: conceptLabel(post.question.conceptId, post.question.source.headingPath),
		},
		answers: Object.entries(post.answers).map(([userId, answer]) => ({
			userId,
			correct: answer.choice === post.question.answer,
		})),
	};
}

/** What forgetting a member removed from the daily quiz of a server. */
export interface ForgottenDaily extends ForgottenScores {
	/** Answers removed from daily posts (open or closed). */
	readonly answers: number;
	/** Frozen awards removed from closed posts. */
	readonly awards: number;
}

/**
 * The daily question of every server: scheduling (node-cron in the server's zone, through `Scheduler`), posting,
 * answering, closing and scoring. All state lives in the store, keyed by server and local date, so a restart or a
 * crash at any point resumes where it stopped:
 * - a post is recorded as `sending` before it is sent; after a crash the channel is searched for it before sending;
 * - one post per server and local date, whoever asks (cron, the sweep, `/daily post`);
 * - answers are decided from the stored question, never from the button or the message.
 */
export class DailyService implements QuestionHistory {
	readonly #deps: DailyDeps;
	readonly #jobs = new KeyedMutex();
	readonly #scheduledRuns = new TaskLimit(CONCURRENT_SCHEDULED_RUNS);
	/**
	 * The message id and option count of posts that have been answered here, by store key. Both never change once a
	 * post is open, so a click is checked without reading the post (and its growing answers) every time; the answer
	 * itself is still decided inside the record's read-modify-write.
	 */
	readonly #posted = new Map<string, { readonly messageId: string; readonly options: number }>();

	constructor(deps: DailyDeps) {
		this.#deps = deps;
	}

	/** Schedules every server this process owns and runs one sweep (missed posts, overdue closes). */
	async start(): Promise<void> {
		const index = await readRecord(this.#deps.store, dailyKeys.guilds(), SCHEDULED_GUILDS);
		for (const guildId of index?.guildIds ?? []) {
			if (!this.#deps.owns(guildId)) continue;
			const schedule = await this.schedule(guildId);
			if (schedule?.enabled === true) this.#plan(guildId, schedule);
		}
		this.#deps.scheduler.every('daily:sweep', SWEEP_CRON, 'UTC', () => this.sweep());
		await this.sweep();
	}

	/** Runs every owned server's due work; one server's failure does not stop the others. */
	async sweep(): Promise<void> {
		const index = await readRecord(this.#deps.store, dailyKeys.guilds(), SCHEDULED_GUILDS);
		for (const guildId of index?.guildIds ?? []) {
			if (!this.#deps.owns(guildId)) continue;
			await this.run(guildId).catch((error: unknown) =>
				this.#deps.logger.error({ err: error, guildId }, 'daily: sweep failed for a server'),
			);
		}
	}

	schedule(guildId: string): Promise<DailySchedule | undefined> {
		return readRecord(this.#deps.store, dailyKeys.schedule(guildId), DAILY_SCHEDULE);
	}

	/** The server's IANA zone: the daily quiz's, else `DEFAULT_ZONE`. Weeks, months, stats and reminders follow it. */
	async zone(guildId: string): Promise<string> {
		return (await this.schedule(guildId))?.zone ?? DEFAULT_ZONE;
	}

	post(guildId: string, date: string): Promise<DailyPost | undefined> {
		return readRecord(this.#deps.store, dailyKeys.post(guildId, date), DAILY_POST);
	}

	/** The closed question of a local date as scoring sees it; undefined when there is no closed post that day. */
	async scoredQuestion(guildId: string, date: string): Promise<ClosedQuestion | undefined> {
		const post = await this.post(guildId, date);
		return post?.state === 'closed' ? closedQuestion(post) : undefined;
	}

	/**
	 * Removes everything the daily quiz keeps about a member in a server: their answer and frozen award on every post
	 * (scored, closed and not yet scored, open), then their member record and board points (`ScoreStore.forget`).
	 * Runs as one of the server's jobs, so no close or scoring runs in between, and posts are cleaned first: a
	 * scoring that runs later, or again, finds nothing of theirs to add back. The server's anonymous counts stay.
	 */
	forget(guildId: string, userId: string): Promise<ForgottenDaily> {
		return this.#jobs.run(guildId, async () => {
			const state = await this.#state(guildId);
			const dates = new Set([
				...(await this.#deps.scores.scoredDates(guildId)),
				...state.openDates,
				...state.unscoredDates,
			]);
			let answers = 0;
			let awards = 0;
			for (const date of [...dates].sort()) {
				const post = await this.post(guildId, date);
				if (post === undefined || (post.answers[userId] === undefined && post.awards?.[userId] === undefined)) continue;
				const removed = await this.#deps.committer.update(dailyKeys.post(guildId, date), DAILY_POST, (draft) => {
					const answer = draft?.answers[userId] !== undefined;
					const award = draft?.awards?.[userId] !== undefined;
					if (draft === undefined || (!answer && !award)) return { write: null, result: { answer, award } };
					delete draft.answers[userId];
					if (draft.awards !== null) delete draft.awards[userId];
					return { write: draft, result: { answer, award } };
				});
				if (removed.answer) answers += 1;
				if (removed.award) awards += 1;
			}
			const scores = await this.#deps.scores.forget(guildId, userId);
			return { answers, awards, ...scores };
		});
	}

	async #state(guildId: string): Promise<DailyState> {
		return (await readRecord(this.#deps.store, dailyKeys.state(guildId), DAILY_STATE)) ?? emptyState();
	}

	#updateState(guildId: string, change: (state: DailyState) => void): Promise<DailyState> {
		return this.#deps.committer.update(dailyKeys.state(guildId), DAILY_STATE, (draft) => {
			const state = draft ?? emptyState();
			const before = JSON.stringify(state);
			change(state);
			// Most changes find nothing to do (no error to clear after a post): no write then, which in a fan-out of
			// a thousand posts is a thousand writes fewer.
			return { write: JSON.stringify(state) === before ? null : state, result: state };
		});
	}

	#updatePost(guildId: string, date: string, change: (post: DailyPost) => boolean): Promise<DailyPost | undefined> {
		return this.#deps.committer.update(dailyKeys.post(guildId, date), DAILY_POST, (draft) => {
			if (draft === undefined) return { write: null, result: undefined };
			return { write: change(draft) ? draft : null, result: draft };
		});
	}

	#plan(guildId: string, schedule: DailySchedule): void {
		const time = parseLocalTime(schedule.time);
		if (time === null) return;
		this.#deps.scheduler.every(`daily:${guildId}`, dailyCron(time), schedule.zone, () =>
			this.#scheduledRuns.run(() => this.run(guildId)),
		);
	}

	/**
	 * Sets where and when the server's question is posted, and in which language (`locale`, the server's Discord
	 * locale; English when absent). Checks the time, the zone and that the bot can post in the channel (by posting the
	 * announcement there) before anything is saved.
	 */
	async setup(
		guildId: string,
		input: { channelId: string; time: string; zone: string; by: string; locale?: string | null },
	): Promise<DailyStatus> {
		const time = parseLocalTime(input.time.trim());
		if (time === null) throw new UserFacingError((t) => t.daily.notATime({ time: input.time }));
		const zone = canonicalTimeZone(input.zone.trim());
		if (zone === null) throw new UserFacingError((t) => t.daily.notAZone({ zone: input.zone }));
		const now = this.#deps.clock.now();
		const schedule: DailySchedule = {
			channelId: input.channelId,
			time: formatLocalTime(time),
			zone,
			enabled: true,
			updatedBy: input.by,
			updatedAt: now.toISOString(),
			...(typeof input.locale === 'string' ? { locale: input.locale } : {}),
		};
		const today = localDateOf(now, zone);
		const posted = new Set<string>();
		for (const date of [addDays(today, -1), today, addDays(today, 1)])
			if ((await this.post(guildId, date)) !== undefined) posted.add(date);
		const next = nextPostAt(schedule, now, (date) => posted.has(date));
		try {
			await sendToChannel(this.#deps.rest, input.channelId, {
				content: messagesFor(schedule.locale).daily.announcement({
					time: schedule.time,
					zone,
					first: formatZoned(next, zone),
				}),
			});
		} catch (error) {
			if (error instanceof ChannelAccessError) {
				const { reason } = error;
				throw new UserFacingError((t) =>
					t.daily.cannotPost({ channel: `<#${input.channelId}>`, reason: t.daily.problems[reason] }),
				);
			}
			throw error;
		}
		await this.#jobs.run(guildId, async () => {
			await this.#deps.committer.update(dailyKeys.schedule(guildId), DAILY_SCHEDULE, () => ({
				write: schedule,
				result: undefined,
			}));
			await this.#deps.committer.update(dailyKeys.guilds(), SCHEDULED_GUILDS, (draft) => {
				const index = draft ?? { guildIds: [] };
				if (index.guildIds.includes(guildId)) return { write: null, result: undefined };
				index.guildIds.push(guildId);
				return { write: index, result: undefined };
			});
		});
		if (this.#deps.owns(guildId)) this.#plan(guildId, schedule);
		this.#deps.logger.info({ guildId, channelId: input.channelId, time: schedule.time, zone }, 'daily: scheduled');
		return this.status(guildId);
	}

	/** Stops the server's daily posts; the open question still closes and is scored on time. Returns false when it was off. */
	async off(guildId: string, by: string): Promise<boolean> {
		const changed = await this.#jobs.run(guildId, () =>
			this.#deps.committer.update(dailyKeys.schedule(guildId), DAILY_SCHEDULE, (draft) => {
				if (draft === undefined || !draft.enabled) return { write: null, result: false };
				return {
					write: { ...draft, enabled: false, updatedBy: by, updatedAt: this.#deps.clock.now().toISOString() },
					result: true,
				};
			}),
		);
		this.#deps.scheduler.cancel(`daily:${guildId}`);
		return changed;
	}

	async status(guildId: string): Promise<DailyStatus> {
		const schedule = (await this.schedule(guildId)) ?? null;
		const state = await this.#state(guildId);
		if (schedule === null) return { schedule, nextPostAt: null, today: null, lastError: state.lastError };
		const now = this.#deps.clock.now();
		const today = (await this.post(guildId, localDateOf(now, schedule.zone))) ?? null;
		const next = schedule.enabled ? nextPostAt(schedule, now, (date) => date === today?.date) : null;
		return { schedule, nextPostAt: next, today, lastError: state.lastError };
	}

	/** `/daily post`: today's question now, unless today already has one (then that one is returned). */
	async postNow(guildId: string): Promise<{ post: DailyPost; created: boolean }> {
		return this.#jobs.run(guildId, async () => {
			const schedule = await this.schedule(guildId);
			if (schedule === undefined) throw new UserFacingError((t) => t.daily.notSetUpYet);
			await this.#catchUp(guildId);
			const date = localDateOf(this.#deps.clock.now(), schedule.zone);
			try {
				return await this.#ensurePosted(guildId, schedule, date, { retryFailed: true });
			} catch (error) {
				if (!(error instanceof DiscordAPIError || error instanceof HTTPError)) throw error;
				throw new UserFacingError((t) => t.daily.discordRefused);
			}
		});
	}

	/** The scheduled run of one server: close what is due, score what is closed, post today's question when due. */
	run(guildId: string): Promise<void> {
		return this.#jobs.run(guildId, async () => {
			await this.#catchUp(guildId);
			const schedule = await this.schedule(guildId);
			if (schedule === undefined || !schedule.enabled) return;
			const date = dueDate(schedule, this.#deps.clock.now(), new Date(schedule.updatedAt));
			if (date !== null) await this.#ensurePosted(guildId, schedule, date, { retryFailed: false });
		});
	}

	/** Finishes interrupted work in date order: sends posts stuck in `sending`, closes overdue posts, scores closed ones. */
	async #catchUp(guildId: string): Promise<void> {
		const state = await this.#state(guildId);
		const now = this.#deps.clock.now();
		for (const date of [...state.openDates].sort()) {
			const post = await this.post(guildId, date);
			const overdue = now.getTime() >= new Date(post?.closesAt ?? 0).getTime();
			if (post === undefined || post.state === 'failed') {
				await this.#updateState(guildId, (s) => {
					s.openDates = without(s.openDates, date);
				});
			} else if (post.state === 'sending') {
				if (overdue) await this.#fail(post, STORED_PROBLEMS.notSentInTime);
				else await this.#deliver(post, { recovering: true });
			} else if (post.state === 'closed' || overdue) {
				await this.#close(post);
			}
		}
		for (const date of [...(await this.#state(guildId)).unscoredDates].sort()) await this.#score(guildId, date);
	}

	async #ensurePosted(
		guildId: string,
		schedule: DailySchedule,
		date: string,
		options: { retryFailed: boolean },
	): Promise<{ post: DailyPost; created: boolean }> {
		const existing = await this.post(guildId, date);
		if (existing !== undefined && !(existing.state === 'failed' && options.retryFailed)) {
			if (existing.state === 'sending')
				return { post: await this.#deliver(existing, { recovering: true }), created: false };
			return { post: existing, created: false };
		}
		const state = await this.#state(guildId);
		for (const older of [...state.openDates].sort()) {
			if (older >= date) continue;
			const post = await this.post(guildId, older);
			if (post !== undefined && post.state !== 'failed') await this.#close(post);
		}
		const pick = pickQuestion(this.#deps.questions().questions, state.usedQuestionIds, `${guildId}:${date}`);
		if (pick === null) {
			await this.#updateState(guildId, (s) => {
				s.lastError = STORED_PROBLEMS.noQuestions;
			});
			throw new UserFacingError((t) => t.daily.nothingToPost);
		}
		const post: DailyPost = {
			guildId,
			date,
			channelId: schedule.channelId,
			question: pick.question,
			state: 'sending',
			messageId: null,
			postedAt: null,
			closesAt: closesAtFor(date, schedule).toISOString(),
			zone: schedule.zone,
			...(schedule.locale === undefined ? {} : { locale: schedule.locale }),
			answers: {},
			resultsMessageId: null,
			awards: null,
			failure: null,
		};
		const created = await this.#deps.committer.update(dailyKeys.post(guildId, date), DAILY_POST, (draft) =>
			draft === undefined || draft.state === 'failed' ? { write: post, result: true } : { write: null, result: false },
		);
		if (!created) return { post: (await this.post(guildId, date)) ?? post, created: false };
		await this.#updateState(guildId, (s) => {
			s.usedQuestionIds = pick.newCycle ? [pick.question.id] : [...s.usedQuestionIds, pick.question.id];
			if (!s.openDates.includes(date)) s.openDates.push(date);
		});
		return { post: await this.#deliver(post, { recovering: false }), created: true };
	}

	/** Sends a `sending` post (after a crash, first looks for it in the channel) and records its message. */
	async #deliver(post: DailyPost, options: { recovering: boolean }): Promise<DailyPost> {
		const { guildId, date } = post;
		try {
			const found = options.recovering
				? await findByCustomId(this.#deps.rest, post.channelId, dailyAnswerId(date, 0))
				: undefined;
			const messageId =
				found?.id ??
				(await sendToChannel(
					this.#deps.rest,
					post.channelId,
					renderDailyPost({ ...post, state: 'open' }, messagesFor(post.locale)),
				));
			const postedAt = this.#deps.clock.now().toISOString();
			const stored = await this.#updatePost(guildId, date, (draft) => {
				if (draft.state !== 'sending') return false;
				draft.state = 'open';
				draft.messageId = messageId;
				draft.postedAt = postedAt;
				return true;
			});
			await this.#updateState(guildId, (s) => {
				s.lastError = null;
			});
			this.#deps.logger.info({ guildId, date, messageId, recovered: found !== undefined }, 'daily: posted');
			return stored ?? post;
		} catch (error) {
			if (error instanceof ChannelAccessError) return this.#fail(post, error.message);
			this.#deps.logger.warn({ err: error, guildId, date }, 'daily: posting failed, will retry');
			await this.#updateState(guildId, (s) => {
				s.lastError = STORED_PROBLEMS.willRetry({ error: error instanceof Error ? error.message : String(error) });
			});
			throw error;
		}
	}

	async #fail(post: DailyPost, reason: string): Promise<DailyPost> {
		const { guildId, date } = post;
		const stored = await this.#updatePost(guildId, date, (draft) => {
			if (draft.state === 'failed' && draft.failure === reason) return false;
			draft.state = 'failed';
			draft.failure = reason;
			return true;
		});
		await this.#updateState(guildId, (s) => {
			s.openDates = without(s.openDates, date);
			s.lastError = STORED_PROBLEMS.notPosted({ date, reason });
		});
		this.#deps.logger.warn({ guildId, date, reason }, 'daily: post failed');
		return stored ?? post;
	}

	/** Closes a post: no answer counts after this; buttons disabled, results posted once, then scored. */
	async #close(post: DailyPost): Promise<void> {
		const { guildId, date } = post;
		const closed = await this.#updatePost(guildId, date, (draft) => {
			if (draft.state !== 'open') return false;
			draft.state = 'closed';
			return true;
		});
		if (closed === undefined || closed.state !== 'closed') return;
		this.#posted.delete(dailyKeys.post(guildId, date));
		if (closed.messageId !== null) {
			const t = messagesFor(closed.locale);
			await editInChannel(this.#deps.rest, closed.channelId, closed.messageId, renderDailyPost(closed, t)).catch(
				(error: unknown) =>
					this.#deps.logger.warn({ err: error, guildId, date }, 'daily: could not disable the buttons'),
			);
		}
		if (closed.resultsMessageId === null) {
			try {
				const found = await findByCustomId(this.#deps.rest, closed.channelId, dailyExplainId(date));
				const resultsId =
					found?.id ??
					(await sendToChannel(this.#deps.rest, closed.channelId, renderResults(closed, messagesFor(closed.locale))));
				await this.#updatePost(guildId, date, (draft) => {
					draft.resultsMessageId = resultsId;
					return true;
				});
			} catch (error) {
				if (!(error instanceof ChannelAccessError)) throw error;
				this.#deps.logger.warn({ guildId, date, reason: error.message }, 'daily: results not posted');
			}
		}
		await this.#updateState(guildId, (s) => {
			s.openDates = without(s.openDates, date);
			if (!s.unscoredDates.includes(date)) s.unscoredDates.push(date);
		});
		this.#deps.logger.info({ guildId, date, answers: Object.keys(closed.answers).length }, 'daily: closed');
		await this.#score(guildId, date);
	}

	/** Adds a closed post's points; the awards are frozen on the post first, so a retry scores the same. */
	async #score(guildId: string, date: string): Promise<void> {
		const post = await this.post(guildId, date);
		if (post !== undefined && post.state === 'closed') {
			const question = closedQuestion(post);
			let awards = post.awards;
			if (awards === null) {
				const computed = await this.#deps.scores.awardsFor(guildId, question);
				const stored = await this.#updatePost(guildId, date, (draft) => {
					if (draft.awards !== null) return false;
					draft.awards = computed;
					return true;
				});
				awards = stored?.awards ?? computed;
			}
			await this.#deps.scores.fold(guildId, question, awards);
			await this.#deps.review.foldDaily(guildId, post, this.#deps.termOf);
		}
		await this.#updateState(guildId, (s) => {
			s.unscoredDates = without(s.unscoredDates, date);
		});
	}

	/**
	 * Records a member's answer to the post the clicked button is on. The post is found by server and date and must
	 * be the message that was clicked; whether the answer is right comes from the stored question.
	 */
	async answer(input: {
		guildId: string;
		userId: string;
		date: string;
		messageId: string;
		choice: number;
	}): Promise<{ post: DailyPost; outcome: AnswerOutcome }> {
		const key = dailyKeys.post(input.guildId, input.date);
		let posted = this.#posted.get(key);
		if (posted?.messageId !== input.messageId) {
			const post = /^\d{4}-\d{2}-\d{2}$/.test(input.date) ? await this.post(input.guildId, input.date) : undefined;
			if (post?.messageId === null || post?.messageId === undefined || post.messageId !== input.messageId)
				throw new UserFacingError((t) => t.daily.notThisServer);
			posted = { messageId: post.messageId, options: post.question.options.length };
			this.#posted.set(key, posted);
		}
		if (!Number.isInteger(input.choice) || input.choice < 0 || input.choice >= posted.options)
			throw new UserFacingError((t) => t.daily.notThisServer);
		const now = this.#deps.clock.now();
		type Answered = { post: DailyPost; outcome: AnswerOutcome };
		return this.#deps.committer.update<DailyPost, Answered>(key, DAILY_POST, (draft) => {
			if (draft === undefined) throw new UserFacingError((t) => t.daily.questionGone);
			if (draft.state !== 'open' || now.getTime() >= new Date(draft.closesAt).getTime())
				return { write: null, result: { post: draft, outcome: { kind: 'closed' } } };
			const earlier = draft.answers[input.userId];
			if (earlier !== undefined)
				return { write: null, result: { post: draft, outcome: { kind: 'already', ...earlier } } };
			draft.answers[input.userId] = { choice: input.choice, at: now.toISOString() };
			return {
				write: draft,
				result: {
					post: draft,
					outcome: { kind: 'recorded', choice: input.choice, correct: input.choice === draft.question.answer },
				},
			};
		});
	}

	/** Stops this process's daily jobs (shutdown). */
	stop(): void {
		for (const name of this.#deps.scheduler.names()) if (name.startsWith('daily:')) this.#deps.scheduler.cancel(name);
	}
}
