/** A member's place on a leaderboard. */
export interface Standing {
	readonly userId: string;
	readonly points: number;
	/** Competition ranking: tied members share a rank and the next rank skips (1, 1, 3). */
	readonly rank: number;
}

/** Members with points, best first; ties share a rank and are listed by user id so pages are stable. */
export function rankStandings(points: Readonly<Record<string, number>>): Standing[] {
	const entries = Object.entries(points).filter(([, value]) => value > 0);
	entries.sort(([a, x], [b, y]) => y - x || a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
	const standings: Standing[] = [];
	let rank = 0;
	let previous = Number.NaN;
	entries.forEach(([userId, value], i) => {
		if (value !== previous) rank = i + 1;
		previous = value;
		standings.push({ userId, points: value, rank });
	});
	return standings;
}

export const LEADERBOARD_PAGE_SIZE = 10;

/** One page of a leaderboard and the viewer's own standing, wherever it is. */
export interface LeaderboardPage {
	readonly entries: readonly Standing[];
	/** 0-based, clamped to the pages that exist. */
	readonly page: number;
	readonly pages: number;
	readonly total: number;
	readonly viewer: Standing | null;
}

export function leaderboardPage(standings: readonly Standing[], page: number, viewerId: string): LeaderboardPage {
	const pages = Math.max(1, Math.ceil(standings.length / LEADERBOARD_PAGE_SIZE));
	const current = Math.min(Math.max(0, Math.trunc(page)), pages - 1);
	return {
		entries: standings.slice(current * LEADERBOARD_PAGE_SIZE, (current + 1) * LEADERBOARD_PAGE_SIZE),
		page: current,
		pages,
		total: standings.length,
		viewer: standings.find((standing) => standing.userId === viewerId) ?? null,
	};
}
