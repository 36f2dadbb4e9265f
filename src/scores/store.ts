import type Keyv from 'keyv';
import { fnv1a32 } from '../hash.ts';
import type { GroupCommitter } from '../store/commit.ts';
import { readRecord } from '../store/records.ts';
import { monthOf, weekOf } from '../time/zone.ts';
import {
	awardsFor,
	type ClosedQuestion,
	currentStreak,
	emptyBoard,
	emptyBook,
	foldIntoBoard,
	foldIntoBook,
	MEMBER_BOOK,
	type MemberBook,
	POINTS_BOARD,
} from './book.ts';
import { type LeaderboardPage, leaderboardPage, rankStandings } from './ranking.ts';
import {
	emptyServerStats,
	foldIntoServer,
	markUnavailable,
	SERVER_STATS,
	type ServerSummary,
	summariseServer,
} from './server.ts';

export const PERIODS = ['week', 'month', 'all'] as const;
export type Period = (typeof PERIODS)[number];

/** Which board a period means on a local date: `all`, `week:2026-W49`, `month:2026-11`. */
export function periodId(period: Period, date: string): string {
	if (period === 'week') return `week:${weekOf(date)}`;
	if (period === 'month') return `month:${monthOf(date)}`;
	return 'all';
}

/**
 * A server's member book is split into this many records by a hash of the user id, so `/stats` reads one small
 * record instead of every member of a large server (100,000 members: about 0.4 MB instead of 25 MB).
 */
export const BOOK_BUCKETS = 64;

/** The member-book bucket that holds a member. */
export function bookBucket(userId: string): number {
	return fnv1a32(userId) % BOOK_BUCKETS;
}

export const scoreKeys = {
	book: (guildId: string, bucket: number) => `scores:book:${guildId}:${bucket}`,
	board: (guildId: string, period: string) => `scores:board:${guildId}:${period}`,
	server: (guildId: string) => `scores:server:${guildId}`,
} as const;

/**
 * Where past closed daily questions are read from, to count the answers a server scored before its aggregate existed
 * (`DailyService` is one).
 */
export interface QuestionHistory {
	/** The daily question of a local date as it was closed, or undefined when its post is gone or never closed. */
	scoredQuestion(guildId: string, date: string): Promise<ClosedQuestion | undefined>;
}

/** What forgetting a member removed from the scores. */
export interface ForgottenScores {
	/** Whether the member had a record in the member book. */
	readonly member: boolean;
	/** Boards (all time, weeks, months) they had points on. */
	readonly boards: number;
}

/** The question with only the answers of one bucket's members. */
function inBucket(question: ClosedQuestion, bucket: number): ClosedQuestion {
	return { ...question, answers: question.answers.filter((answer) => bookBucket(answer.userId) === bucket) };
}

/** A topic a member answered, with how they did. */
export interface TopicResult {
	readonly topic: string;
	readonly correct: number;
	readonly answered: number;
}

/** What `/stats` shows for a member. */
export interface MemberStats {
	readonly points: number;
	/** Null until the member has points. */
	readonly rank: number | null;
	/** Members with points in the server. */
	readonly ranked: number;
	readonly answered: number;
	readonly correct: number;
	readonly streak: number;
	readonly bestStreak: number;
	/** Topics with a wrong answer, worst accuracy first (at most three). */
	readonly weakest: readonly TopicResult[];
}

const WEAKEST_TOPICS = 3;

/**
 * Scores of the daily quiz on Keyv. Points come only from closed daily questions, so nobody can read the answer off
 * the leaderboard while a question is open. Folding is idempotent per question date on every record it touches.
 */
export class ScoreStore {
	readonly #store: Keyv;
	readonly #committer: GroupCommitter;

	constructor(store: Keyv, committer: GroupCommitter) {
		this.#store = store;
		this.#committer = committer;
	}

	async #bucket(guildId: string, bucket: number): Promise<MemberBook> {
		return (await readRecord(this.#store, scoreKeys.book(guildId, bucket), MEMBER_BOOK)) ?? emptyBook();
	}

	/** Points a closed question earns each correct member; valid only while every earlier question is folded. */
	async awardsFor(guildId: string, question: ClosedQuestion): Promise<Record<string, number>> {
		const awards: Record<string, number> = {};
		const buckets = new Set(question.answers.map((answer) => bookBucket(answer.userId)));
		for (const bucket of buckets)
			Object.assign(awards, awardsFor(await this.#bucket(guildId, bucket), inBucket(question, bucket)));
		return awards;
	}

	/**
	 * Adds a closed question to the member book and to the week, month and all-time boards of its date. Every bucket
	 * records the question, also one none of its members answered, since that ends their streaks. The server aggregate
	 * is folded first, so every date a member book holds is in the aggregate too, except dates scored before it existed
	 * (`serverStats` counts those from `QuestionHistory`).
	 */
	async fold(guildId: string, question: ClosedQuestion, awards: Readonly<Record<string, number>>): Promise<void> {
		await this.#committer.update(scoreKeys.server(guildId), SERVER_STATS, (draft) => {
			const stats = draft ?? emptyServerStats();
			return { write: foldIntoServer(stats, question) ? stats : null, result: undefined };
		});
		for (let bucket = 0; bucket < BOOK_BUCKETS; bucket++) {
			const part = inBucket(question, bucket);
			await this.#committer.update(scoreKeys.book(guildId, bucket), MEMBER_BOOK, (draft) => {
				const book = draft ?? emptyBook();
				return { write: foldIntoBook(book, part, awards) ? book : null, result: undefined };
			});
		}
		for (const period of PERIODS) {
			await this.#committer.update(scoreKeys.board(guildId, periodId(period, question.date)), POINTS_BOARD, (draft) => {
				const board = draft ?? emptyBoard();
				return { write: foldIntoBoard(board, question.date, awards) ? board : null, result: undefined };
			});
		}
	}

	/** A page of the period's leaderboard as of local date `date`, with the viewer's standing. */
	async leaderboard(
		guildId: string,
		period: Period,
		date: string,
		page: number,
		viewerId: string,
	): Promise<LeaderboardPage> {
		const board = await readRecord(this.#store, scoreKeys.board(guildId, periodId(period, date)), POINTS_BOARD);
		return leaderboardPage(rankStandings(board?.points ?? {}), page, viewerId);
	}

	/** Local dates of every daily question scored in the server, oldest first. */
	async scoredDates(guildId: string): Promise<string[]> {
		// Bucket 0 is folded first, so it holds every date any other bucket holds.
		return [...(await this.#bucket(guildId, 0)).appliedDates].sort();
	}

	/**
	 * `/stats server` on local date `today`. Questions scored before the server aggregate existed (dates in the member
	 * book but not in the aggregate) are first read from `history` and counted, once; the aggregate is stored then.
	 */
	async serverStats(guildId: string, today: string, history: QuestionHistory): Promise<ServerSummary> {
		const key = scoreKeys.server(guildId);
		let stats = await readRecord(this.#store, key, SERVER_STATS);
		const counted = new Set(stats?.appliedDates ?? []);
		const missing = (await this.scoredDates(guildId)).filter((date) => !counted.has(date));
		if (missing.length > 0) {
			const found = new Map<string, ClosedQuestion | undefined>();
			for (const date of missing) found.set(date, await history.scoredQuestion(guildId, date));
			stats = await this.#committer.update(key, SERVER_STATS, (draft) => {
				const next = draft ?? emptyServerStats();
				let changed = false;
				for (const [date, question] of found)
					changed = (question === undefined ? markUnavailable(next, date) : foldIntoServer(next, question)) || changed;
				return { write: changed ? next : null, result: next };
			});
		}
		return summariseServer(stats ?? emptyServerStats(), today);
	}

	/**
	 * Removes a member from the member book and from every board (all time, and each week and month that had a scored
	 * question), so leaderboards and `/stats` show nothing of them and the others' ranks close up. The server
	 * aggregate is left as it is: it counts answers without names (see `ServerStats`). Call it where no question of
	 * the server is being scored (`DailyService.forget` does, inside the server's job), or a fold in flight may add
	 * them back to a board.
	 */
	async forget(guildId: string, userId: string): Promise<ForgottenScores> {
		const { member, dates } = await this.#committer.update(
			scoreKeys.book(guildId, bookBucket(userId)),
			MEMBER_BOOK,
			(draft) => {
				const dates = [...(draft?.appliedDates ?? [])];
				if (draft?.members[userId] === undefined) return { write: null, result: { member: false, dates } };
				delete draft.members[userId];
				return { write: draft, result: { member: true, dates } };
			},
		);
		const periods = new Set(['all']);
		for (const date of [...dates, ...(await this.scoredDates(guildId))]) {
			periods.add(periodId('week', date));
			periods.add(periodId('month', date));
		}
		let boards = 0;
		for (const period of periods) {
			const removed = await this.#committer.update(scoreKeys.board(guildId, period), POINTS_BOARD, (draft) => {
				if (draft?.points[userId] === undefined) return { write: null, result: false };
				delete draft.points[userId];
				return { write: draft, result: true };
			});
			if (removed) boards += 1;
		}
		return { member, boards };
	}

	async memberStats(guildId: string, userId: string): Promise<MemberStats | null> {
		const book = await this.#bucket(guildId, bookBucket(userId));
		const member = book.members[userId];
		if (member === undefined) return null;
		const board = await readRecord(this.#store, scoreKeys.board(guildId, 'all'), POINTS_BOARD);
		const points = board?.points ?? {};
		const mine = points[userId] ?? 0;
		let above = 0;
		let ranked = 0;
		for (const value of Object.values(points)) {
			if (value > 0) ranked += 1;
			if (value > mine) above += 1;
		}
		const weakest = Object.entries(member.topics)
			.map(([topic, [correct, answered]]) => ({ topic, correct, answered }))
			.filter((topic) => topic.correct < topic.answered)
			.sort((a, b) => a.correct / a.answered - b.correct / b.answered || b.answered - a.answered)
			.slice(0, WEAKEST_TOPICS);
		return {
			points: member.points,
			rank: mine > 0 ? above + 1 : null,
			ranked,
			answered: member.answered,
			correct: member.correct,
			streak: currentStreak(book, userId),
			bestStreak: member.bestStreak,
			weakest,
		};
	}
}
