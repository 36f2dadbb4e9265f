import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import type { ClosedQuestion } from '../../src/scores/book.ts';
import { BOOK_BUCKETS, bookBucket, ScoreStore, scoreKeys } from '../../src/scores/store.ts';
import { GroupCommitter } from '../../src/store/commit.ts';

const GUILD = '500000000000000001';

/** Two user ids that land in different member-book buckets. */
function twoBuckets(): [string, string] {
	const first = '300000000000000001';
	for (let n = 2n; ; n++) {
		const other = String(300000000000000000n + n);
		if (bookBucket(other) !== bookBucket(first)) return [first, other];
	}
}

function question(date: string, answers: Record<string, boolean>, topic = 'Docker'): ClosedQuestion {
	return { date, topic, answers: Object.entries(answers).map(([userId, correct]) => ({ userId, correct })) };
}

async function play(scores: ScoreStore, questions: readonly ClosedQuestion[]): Promise<void> {
	for (const q of questions) await scores.fold(GUILD, q, await scores.awardsFor(GUILD, q));
}

describe('ScoreStore', () => {
	const [ana, bo] = twoBuckets();

	it('keeps members in buckets, and a question nobody in a bucket answered still ends their streaks', async () => {
		const store = new Keyv();
		const scores = new ScoreStore(store, new GroupCommitter(store));
		await play(scores, [
			question('2026-12-01', { [ana]: true, [bo]: true }),
			question('2026-12-02', { [bo]: true }),
			question('2026-12-03', { [ana]: true, [bo]: true }),
		]);
		expect(await scores.memberStats(GUILD, ana)).toMatchObject({ points: 20, streak: 1, bestStreak: 1, answered: 2 });
		expect(await scores.memberStats(GUILD, bo)).toMatchObject({
			points: 36,
			rank: 1,
			ranked: 2,
			streak: 3,
			bestStreak: 3,
		});
		const stored = (await store.get(scoreKeys.book(GUILD, bookBucket(ana)))) as { members: Record<string, unknown> };
		expect(Object.keys(stored.members)).toEqual([ana]);
		for (let bucket = 0; bucket < BOOK_BUCKETS; bucket++) {
			const book = (await store.get(scoreKeys.book(GUILD, bucket))) as { appliedDates: string[] };
			expect(book.appliedDates).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
		}
	});

	it('scores a question once when folding is repeated after a crash', async () => {
		const store = new Keyv();
		const scores = new ScoreStore(store, new GroupCommitter(store));
		const q = question('2026-12-01', { [ana]: true });
		const awards = await scores.awardsFor(GUILD, q);
		await scores.fold(GUILD, q, awards);
		await scores.fold(GUILD, q, awards);
		expect((await scores.leaderboard(GUILD, 'all', '2026-12-01', 0, ana)).viewer).toEqual({
			userId: ana,
			points: 10,
			rank: 1,
		});
		expect((await scores.memberStats(GUILD, ana))?.answered).toBe(1);
	});

	it('keeps week and month boards by the question’s local date', async () => {
		const store = new Keyv();
		const scores = new ScoreStore(store, new GroupCommitter(store));
		await play(scores, [question('2026-11-30', { [ana]: true }), question('2026-12-07', { [bo]: true })]);
		const week = async (date: string) =>
			(await scores.leaderboard(GUILD, 'week', date, 0, ana)).entries.map((s) => [s.userId, s.points]);
		expect(await week('2026-12-06')).toEqual([[ana, 10]]);
		expect(await week('2026-12-07')).toEqual([[bo, 10]]);
		expect((await scores.leaderboard(GUILD, 'month', '2026-12-31', 0, ana)).entries.map((s) => s.userId)).toEqual([bo]);
		expect((await scores.leaderboard(GUILD, 'all', '2026-12-31', 0, ana)).total).toBe(2);
	});
});
