import { describe, expect, it } from 'vitest';
import { LEADERBOARD_PAGE_SIZE, leaderboardPage, rankStandings } from '../../src/scores/ranking.ts';

describe('rankStandings', () => {
	it('gives tied members the same rank and skips the ranks they share', () => {
		const standings = rankStandings({ '5': 30, '12': 50, '3': 30, '40': 10, '7': 0 });
		expect(standings).toEqual([
			{ userId: '12', points: 50, rank: 1 },
			{ userId: '3', points: 30, rank: 2 },
			{ userId: '5', points: 30, rank: 2 },
			{ userId: '40', points: 10, rank: 4 },
		]);
	});

	it('orders ties by user id as a number, so snowflakes of different lengths sort right', () => {
		const standings = rankStandings({ '100000000000000000': 5, '99999999999999999': 5 });
		expect(standings.map((s) => s.userId)).toEqual(['99999999999999999', '100000000000000000']);
	});
});

describe('leaderboardPage', () => {
	const points = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [String(1000 + i), 100 - i]));
	const standings = rankStandings(points);

	it('shows ten per page and the viewer wherever they are', () => {
		const first = leaderboardPage(standings, 0, '1024');
		expect(first.entries).toHaveLength(LEADERBOARD_PAGE_SIZE);
		expect(first.entries[0]).toEqual({ userId: '1000', points: 100, rank: 1 });
		expect(first.pages).toBe(3);
		expect(first.total).toBe(25);
		expect(first.viewer).toEqual({ userId: '1024', points: 76, rank: 25 });
	});

	it('clamps pages that do not exist and has no viewer for members without points', () => {
		const last = leaderboardPage(standings, 99, 'nobody');
		expect(last.page).toBe(2);
		expect(last.entries.map((s) => s.rank)).toEqual([21, 22, 23, 24, 25]);
		expect(last.viewer).toBeNull();
		expect(leaderboardPage([], 0, 'x')).toEqual({ entries: [], page: 0, pages: 1, total: 0, viewer: null });
	});
});
