import { count, countPair, Fields } from '../store/fields.ts';
import type { RecordKind } from '../store/records.ts';
import { pointsFor } from './rules.ts';

/** One member's daily-quiz record in one server. */
export interface MemberTotals {
	points: number;
	answered: number;
	correct: number;
	/** Consecutive correct daily answers ending at `lastCorrectDate`. */
	streak: number;
	bestStreak: number;
	lastCorrectDate: string | null;
	/** Per topic: [correct, answered]. */
	topics: Record<string, [number, number]>;
}

/**
 * Everything scored in one server: the members' totals and which daily questions (by local date) are already in them.
 * Folding a closed question twice is a no-op, so a crash between two steps of scoring can simply run them again.
 */
export interface MemberBook {
	members: Record<string, MemberTotals>;
	appliedDates: string[];
	/** The last daily question folded in: a streak continues only from it. */
	lastPostDate: string | null;
}

/** Points earned in one period (a week, a month, or all time), with the daily questions already counted. */
export interface PointsBoard {
	points: Record<string, number>;
	appliedDates: string[];
}

/** A closed daily question as scoring sees it. */
export interface ClosedQuestion {
	readonly date: string;
	readonly topic: string;
	/** The concept asked about, for the server's most-missed concepts; `label` is short and human (`conceptLabel`). */
	readonly concept?: { readonly id: string; readonly label: string };
	readonly answers: readonly { readonly userId: string; readonly correct: boolean }[];
}

export const MEMBER_BOOK: RecordKind<MemberBook> = {
	name: 'MemberBook',
	version: 1,
	parse(raw) {
		const fields = new Fields('MemberBook', raw);
		return {
			members: fields.map('members', (value) => {
				const member = new Fields('MemberTotals', value as Record<string, unknown>);
				return {
					points: member.number('points'),
					answered: member.number('answered'),
					correct: member.number('correct'),
					streak: member.number('streak'),
					bestStreak: member.number('bestStreak'),
					lastCorrectDate: member.stringOrNull('lastCorrectDate'),
					topics: member.map('topics', countPair),
				};
			}),
			appliedDates: fields.strings('appliedDates'),
			lastPostDate: fields.stringOrNull('lastPostDate'),
		};
	},
};

export const POINTS_BOARD: RecordKind<PointsBoard> = {
	name: 'PointsBoard',
	version: 1,
	parse(raw) {
		const fields = new Fields('PointsBoard', raw);
		return { points: fields.map('points', count), appliedDates: fields.strings('appliedDates') };
	},
};

export function emptyBook(): MemberBook {
	return { members: {}, appliedDates: [], lastPostDate: null };
}

export function emptyBoard(): PointsBoard {
	return { points: {}, appliedDates: [] };
}

/** The streak a member holds now: it is broken as soon as a daily question passes without their correct answer. */
export function currentStreak(book: MemberBook, userId: string): number {
	const member = book.members[userId];
	if (member === undefined || book.lastPostDate === null) return 0;
	return member.lastCorrectDate === book.lastPostDate ? member.streak : 0;
}

/** Points each correct member earns for a question, given the book before it (streaks continue from `lastPostDate`). */
export function awardsFor(book: MemberBook, question: ClosedQuestion): Record<string, number> {
	const awards: Record<string, number> = {};
	for (const { userId, correct } of question.answers) {
		if (correct) awards[userId] = pointsFor(currentStreak(book, userId) + 1);
	}
	return awards;
}

/** Folds a closed question into the book in place; returns false when it was already folded. */
export function foldIntoBook(
	book: MemberBook,
	question: ClosedQuestion,
	awards: Readonly<Record<string, number>>,
): boolean {
	if (book.appliedDates.includes(question.date)) return false;
	for (const { userId, correct } of question.answers) {
		const streakBefore = currentStreak(book, userId);
		const member: MemberTotals = book.members[userId] ?? {
			points: 0,
			answered: 0,
			correct: 0,
			streak: 0,
			bestStreak: 0,
			lastCorrectDate: null,
			topics: {},
		};
		const topic = member.topics[question.topic] ?? [0, 0];
		member.answered += 1;
		topic[1] += 1;
		if (correct) {
			member.correct += 1;
			topic[0] += 1;
			member.points += awards[userId] ?? 0;
			member.streak = streakBefore + 1;
			member.bestStreak = Math.max(member.bestStreak, member.streak);
			member.lastCorrectDate = question.date;
		} else {
			member.streak = 0;
		}
		member.topics[question.topic] = topic;
		book.members[userId] = member;
	}
	book.appliedDates.push(question.date);
	book.lastPostDate = question.date;
	return true;
}

/** Adds a question's awards to a period's board in place; returns false when they were already added. */
export function foldIntoBoard(board: PointsBoard, date: string, awards: Readonly<Record<string, number>>): boolean {
	if (board.appliedDates.includes(date)) return false;
	for (const [userId, points] of Object.entries(awards)) board.points[userId] = (board.points[userId] ?? 0) + points;
	board.appliedDates.push(date);
	return true;
}
