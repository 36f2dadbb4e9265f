import {
	type APIActionRowComponent,
	type APIButtonComponent,
	type APIEmbed,
	ButtonStyle,
	ComponentType,
} from 'discord.js';
import { encodeCustomId } from '../discord/custom-id.ts';
import { LIMITS, neutraliseMentions, truncate } from '../discord/text.ts';
import type { LeaderboardPage, Standing } from './ranking.ts';
import type { MemberStats, Period } from './store.ts';

const PERIOD_TITLES: Record<Period, string> = { week: 'this week', month: 'this month', all: 'all time' };

export interface ScoreReply {
	readonly embeds: readonly APIEmbed[];
	readonly components: readonly APIActionRowComponent<APIButtonComponent>[];
}

function pointsText(points: number): string {
	return `${points.toLocaleString('en-US')} ${points === 1 ? 'point' : 'points'}`;
}

/** A user mention: shows the member's name in the client; replies send no allowed mentions, so nobody is pinged. */
function standingLine(standing: Standing, viewerId: string): string {
	const line = `**${standing.rank}.** <@${standing.userId}> — ${pointsText(standing.points)}`;
	return standing.userId === viewerId ? `${line} ← you` : line;
}

/** The custom_id of a leaderboard page button. */
export function leaderboardPageId(period: Period, page: number): string {
	return encodeCustomId('leaderboard', 'page', period, page);
}

/**
 * A leaderboard page: top members of the page, the viewer's own rank whether or not it is on the page, and
 * previous/next buttons. `label` names the period concretely, e.g. `2026-W49 (Asia/Seoul)`.
 */
export function renderLeaderboard(page: LeaderboardPage, period: Period, label: string, viewerId: string): ScoreReply {
	const lines =
		page.entries.length === 0
			? ['Nobody has points in this period yet. Answer the daily question to get on the board.']
			: page.entries.map((standing) => standingLine(standing, viewerId));
	const own =
		page.viewer === null
			? 'You have no points in this period yet.'
			: `You: **#${page.viewer.rank}** of ${page.total} with ${pointsText(page.viewer.points)}.`;
	const embed: APIEmbed = {
		title: `🏆 Leaderboard — ${PERIOD_TITLES[period]}`,
		description: truncate(`${lines.join('\n')}\n\n${own}`, LIMITS.embedDescription),
		footer: { text: `${label} · page ${page.page + 1} of ${page.pages}` },
	};
	const components: APIActionRowComponent<APIButtonComponent>[] =
		page.pages <= 1
			? []
			: [
					{
						type: ComponentType.ActionRow,
						components: [
							{
								type: ComponentType.Button,
								style: ButtonStyle.Secondary,
								label: '◀ Previous',
								custom_id: leaderboardPageId(period, page.page - 1),
								disabled: page.page === 0,
							},
							{
								type: ComponentType.Button,
								style: ButtonStyle.Secondary,
								label: 'Next ▶',
								custom_id: leaderboardPageId(period, page.page + 1),
								disabled: page.page >= page.pages - 1,
							},
						],
					},
				];
	return { embeds: [embed], components };
}

/** `/stats` for a member; `name` is shown as given (a display name), never as a mention that could ping. */
export function renderStats(stats: MemberStats | null, name: string, self: boolean): ScoreReply {
	const who = neutraliseMentions(name);
	if (stats === null) {
		return {
			embeds: [
				{
					title: `📊 ${who}`,
					description: self
						? 'You have not answered a daily question here yet. The next one is coming!'
						: 'No daily answers here yet.',
				},
			],
			components: [],
		};
	}
	const accuracy = stats.answered === 0 ? 0 : Math.round((stats.correct / stats.answered) * 100);
	const weakest =
		stats.weakest.length === 0
			? 'None yet: every topic answered right.'
			: stats.weakest
					.map((topic) => `${neutraliseMentions(topic.topic)} — ${topic.correct}/${topic.answered}`)
					.join('\n');
	return {
		embeds: [
			{
				title: truncate(`📊 ${who}`, LIMITS.embedTitle),
				fields: [
					{ name: 'Points', value: pointsText(stats.points), inline: true },
					{
						name: 'Rank',
						value: stats.rank === null ? '—' : `#${stats.rank} of ${stats.ranked}`,
						inline: true,
					},
					{ name: 'Answered', value: String(stats.answered), inline: true },
					{ name: 'Accuracy', value: `${accuracy}% (${stats.correct}/${stats.answered})`, inline: true },
					{ name: 'Streak', value: `${stats.streak} (best ${stats.bestStreak})`, inline: true },
					{ name: 'Weakest topics', value: truncate(weakest, LIMITS.embedFieldValue) },
				],
				footer: { text: 'Daily questions only; practice with /quiz does not count.' },
			},
		],
		components: [],
	};
}
