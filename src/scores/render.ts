import {
	type APIActionRowComponent,
	type APIButtonComponent,
	type APIEmbed,
	ButtonStyle,
	ComponentType,
} from 'discord.js';
import type { LeaderboardCardInput } from '../charts/leaderboard.ts';
import { encodeCustomId } from '../discord/custom-id.ts';
import { LIMITS, neutraliseMentions, truncate } from '../discord/text.ts';
import type { Messages } from '../i18n/messages.ts';
import type { LeaderboardPage, Standing } from './ranking.ts';
import type { MemberStats, Period } from './store.ts';

export interface ScoreReply {
	readonly embeds: readonly APIEmbed[];
	readonly components: readonly APIActionRowComponent<APIButtonComponent>[];
}

/** A user mention: shows the member's name in the client; replies send no allowed mentions, so nobody is pinged. */
function standingLine(standing: Standing, viewerId: string, t: Messages): string {
	const line = t.scores.standing({
		rank: standing.rank,
		member: `<@${standing.userId}>`,
		points: t.scores.points({ points: standing.points }),
	});
	return standing.userId === viewerId ? t.scores.ownStanding({ line }) : line;
}

/** The custom_id of a leaderboard page button. */
export function leaderboardPageId(period: Period, page: number): string {
	return encodeCustomId('leaderboard', 'page', period, page);
}

/**
 * A leaderboard page: top members of the page, the viewer's own rank whether or not it is on the page, and
 * previous/next buttons. `label` names the period concretely, e.g. `2026-W49 (Asia/Seoul)`.
 */
export function renderLeaderboard(
	page: LeaderboardPage,
	period: Period,
	label: string,
	viewerId: string,
	t: Messages,
): ScoreReply {
	const lines =
		page.entries.length === 0
			? [t.scores.emptyBoard]
			: page.entries.map((standing) => standingLine(standing, viewerId, t));
	const own =
		page.viewer === null
			? t.scores.viewerWithout
			: t.scores.viewer({
					rank: page.viewer.rank,
					total: page.total,
					points: t.scores.points({ points: page.viewer.points }),
				});
	const embed: APIEmbed = {
		title: t.scores.leaderboardTitle({ period: t.scores.periods[period] }),
		description: truncate(`${lines.join('\n')}\n\n${own}`, LIMITS.embedDescription),
		footer: { text: t.scores.boardFooter({ label, page: page.page + 1, pages: page.pages }) },
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
								label: t.scores.previous,
								custom_id: leaderboardPageId(period, page.page - 1),
								disabled: page.page === 0,
							},
							{
								type: ComponentType.Button,
								style: ButtonStyle.Secondary,
								label: t.scores.next,
								custom_id: leaderboardPageId(period, page.page + 1),
								disabled: page.page >= page.pages - 1,
							},
						],
					},
				];
	return { embeds: [embed], components };
}

/** `/stats` for a member; `name` is shown as given (a display name), never as a mention that could ping. */
export function renderStats(stats: MemberStats | null, name: string, self: boolean, t: Messages): ScoreReply {
	const who = neutraliseMentions(name);
	if (stats === null) {
		return {
			embeds: [
				{
					title: `📊 ${who}`,
					description: self ? t.scores.noAnswersSelf : t.scores.noAnswersOther,
				},
			],
			components: [],
		};
	}
	const accuracy = stats.answered === 0 ? 0 : Math.round((stats.correct / stats.answered) * 100);
	const weakest =
		stats.weakest.length === 0
			? t.scores.noWeakTopics
			: stats.weakest
					.map((topic) =>
						t.scores.weakTopic({
							topic: neutraliseMentions(topic.topic),
							correct: topic.correct,
							answered: topic.answered,
						}),
					)
					.join('\n');
	return {
		embeds: [
			{
				title: truncate(`📊 ${who}`, LIMITS.embedTitle),
				fields: [
					{ name: t.scores.fieldPoints, value: t.scores.points({ points: stats.points }), inline: true },
					{
						name: t.scores.fieldRank,
						value: stats.rank === null ? t.scores.unranked : t.scores.rank({ rank: stats.rank, ranked: stats.ranked }),
						inline: true,
					},
					{ name: t.scores.fieldAnswered, value: t.scores.answered({ answered: stats.answered }), inline: true },
					{
						name: t.scores.fieldAccuracy,
						value: t.scores.accuracy({ percent: accuracy, correct: stats.correct, answered: stats.answered }),
						inline: true,
					},
					{
						name: t.scores.fieldStreak,
						value: t.scores.streak({ streak: stats.streak, best: stats.bestStreak }),
						inline: true,
					},
					{ name: t.scores.fieldWeakest, value: truncate(weakest, LIMITS.embedFieldValue) },
				],
				footer: { text: t.scores.statsFooter },
			},
		],
		components: [],
	};
}

/**
 * The leaderboard card of a page: its members with the names given (display names; `unknownMember` for anyone not
 * found), the viewer's row marked.
 */
export function leaderboardCardInput(
	page: LeaderboardPage,
	period: Period,
	label: string,
	names: ReadonlyMap<string, string>,
	viewerId: string,
	t: Messages,
): LeaderboardCardInput {
	return {
		title: t.scores.leaderboardTitle({ period: t.scores.periods[period] }),
		period: label,
		rows: page.entries.map((standing) => ({
			rank: standing.rank,
			name: names.get(standing.userId) ?? t.charts.unknownMember,
			points: standing.points,
			highlight: standing.userId === viewerId,
		})),
		labels: { points: t.charts.points, noData: t.scores.emptyBoard },
	};
}
