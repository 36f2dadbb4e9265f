import { describe, expect, it } from 'vitest';
import {
	awardsFor,
	type ClosedQuestion,
	currentStreak,
	emptyBoard,
	emptyBook,
	foldIntoBoard,
	foldIntoBook,
	MEMBER_BOOK,
} from '../../src/scores/book.ts';
import { pointsFor } from '../../src/scores/rules.ts';

const ANA = '100000000000000001';
const BO = '100000000000000002';

function day(date: string, answers: Record<string, boolean>, topic = '보안'): ClosedQuestion {
	return { date, topic, answers: Object.entries(answers).map(([userId, correct]) => ({ userId, correct })) };
}

/** Folds questions in order, the way the daily quiz scores them. */
function play(questions: readonly ClosedQuestion[]) {
	const book = emptyBook();
	const all = emptyBoard();
	for (const question of questions) {
		const awards = awardsFor(book, question);
		foldIntoBook(book, question, awards);
		foldIntoBoard(all, question.date, awards);
	}
	return { book, all };
}

describe('scoring rules', () => {
	it('gives 10 points and 2 more per day of streak, up to 10 extra', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 20].map(pointsFor)).toEqual([10, 12, 14, 16, 18, 20, 20, 20]);
	});

	it('grows a streak over consecutive correct daily answers and resets it on a wrong one', () => {
		const { book, all } = play([
			day('2026-12-01', { [ANA]: true, [BO]: true }),
			day('2026-12-02', { [ANA]: true, [BO]: false }),
			day('2026-12-03', { [ANA]: true, [BO]: true }),
		]);
		expect(all.points).toEqual({ [ANA]: 10 + 12 + 14, [BO]: 10 + 10 });
		expect(book.members[ANA]).toMatchObject({ points: 36, answered: 3, correct: 3, streak: 3, bestStreak: 3 });
		expect(book.members[BO]).toMatchObject({ points: 20, answered: 3, correct: 2, streak: 1, bestStreak: 1 });
	});

	it('breaks a streak when a member skips a daily question', () => {
		const { book, all } = play([
			day('2026-12-01', { [ANA]: true }),
			day('2026-12-02', { [BO]: true }),
			day('2026-12-03', { [ANA]: true }),
		]);
		expect(currentStreak(book, ANA)).toBe(1);
		expect(all.points[ANA]).toBe(20);
		expect(currentStreak(play([day('2026-12-01', { [ANA]: true }), day('2026-12-02', { [BO]: true })]).book, ANA)).toBe(
			0,
		);
	});

	it('folds each question once, however often it is retried', () => {
		const question = day('2026-12-01', { [ANA]: true });
		const book = emptyBook();
		const board = emptyBoard();
		const awards = awardsFor(book, question);
		expect(foldIntoBook(book, question, awards)).toBe(true);
		expect(foldIntoBook(book, question, awards)).toBe(false);
		expect(foldIntoBoard(board, question.date, awards)).toBe(true);
		expect(foldIntoBoard(board, question.date, awards)).toBe(false);
		expect(book.members[ANA]?.answered).toBe(1);
		expect(board.points[ANA]).toBe(10);
	});

	it('counts answers per topic as [correct, answered]', () => {
		const { book } = play([
			day('2026-12-01', { [ANA]: true }, 'Docker'),
			day('2026-12-02', { [ANA]: false }, 'Docker'),
			day('2026-12-03', { [ANA]: false }, '보안'),
		]);
		expect(book.members[ANA]?.topics).toEqual({ Docker: [1, 2], 보안: [0, 1] });
	});

	it('refuses a stored book with a malformed member', () => {
		expect(() =>
			MEMBER_BOOK.parse({ members: { [ANA]: { points: 'ten' } }, appliedDates: [], lastPostDate: null }),
		).toThrow(/MemberBook: field members\.100000000000000001 is malformed/);
	});
});
