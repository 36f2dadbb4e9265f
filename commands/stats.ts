import {
	type APIEmbed,
	type ChatInputCommandInteraction,
	InteractionContextType,
	SlashCommandBuilder,
} from 'discord.js';
import { memberChartSvg } from '../src/charts/member.ts';
import { topicHeatmapSvg } from '../src/charts/server.ts';
import type { Context } from '../src/context.ts';
import { withChart } from '../src/discord/chart.ts';
import { requireGuild } from '../src/discord/guard.ts';
import { respondWithin } from '../src/discord/respond.ts';
import { neutraliseMentions } from '../src/discord/text.ts';
import { langOf } from '../src/i18n/locale.ts';
import { messagesFor } from '../src/i18n/messages.ts';
import { ACTIVITY_DAYS, memberActivity } from '../src/review/activity.ts';
import { renderStudyField } from '../src/review/render.ts';
import { studyOverview } from '../src/review/store.ts';
import { renderStats } from '../src/scores/render.ts';
import { renderServerStats, serverHeatmapInput } from '../src/scores/server-render.ts';
import { localDateOf } from '../src/time/zone.ts';

export const data = new SlashCommandBuilder()
	.setName('stats')
	.setDescription('Daily-question records: a member, or the whole server')
	.setDescriptionLocalizations({ ko: '오늘의 문제 기록: 멤버 또는 서버 전체' })
	.setContexts(InteractionContextType.Guild)
	.addSubcommand((sub) =>
		sub
			.setName('member')
			.setDescription('Points, rank, accuracy, streaks, weakest topics; your own reviews and chart')
			.setDescriptionLocalizations({ ko: '점수, 순위, 정답률, 연속 정답, 약한 주제; 내 복습과 그래프' })
			.addUserOption((option) =>
				option
					.setName('member')
					.setDescription('Whose record (default: yours)')
					.setDescriptionLocalizations({ ko: '누구의 기록인지 (기본값: 나)' }),
			),
	)
	.addSubcommand((sub) =>
		sub
			.setName('server')
			.setDescription('Participation over 30 days, accuracy by topic, the most missed concepts')
			.setDescriptionLocalizations({ ko: '최근 30일 참여, 주제별 정답률, 가장 많이 틀린 개념' }),
	);

const MEMBER_CHART_FILE = 'stats.png';
const SERVER_CHART_FILE = 'server-stats.png';

/**
 * `/stats member` shows a member's daily record to the channel; for the caller's own record it adds their reviews
 * (due, retention, reminder) and a chart of the last 30 days, which stay private to each member otherwise.
 * `/stats server` shows the server's figures with a heatmap of accuracy by topic and week.
 */
export async function execute(interaction: ChatInputCommandInteraction, ctx: Context): Promise<void> {
	const guildId = requireGuild(interaction);
	const t = messagesFor(interaction.locale);
	if (interaction.options.getSubcommand() === 'server') {
		await respondWithin(
			interaction,
			async () => {
				const today = localDateOf(ctx.clock.now(), await ctx.daily.zone(guildId));
				const summary = await ctx.scores.serverStats(guildId, today, ctx.daily);
				const embed = renderServerStats(summary, t, langOf(interaction.locale));
				if (summary.questions === 0) return { embeds: [embed] };
				const server = interaction.guild?.name ?? guildId;
				const charted = await withChart(
					embed,
					topicHeatmapSvg(serverHeatmapInput(summary, server, t)),
					SERVER_CHART_FILE,
				);
				return { embeds: [charted.embed], files: charted.files };
			},
			{ ephemeral: false },
		);
		return;
	}
	const chosen = interaction.options.getUser('member');
	const user = chosen ?? interaction.user;
	const member = chosen === null ? interaction.member : interaction.options.getMember('member');
	const nick = member !== null && 'nick' in member && typeof member.nick === 'string' ? member.nick : null;
	const name =
		member !== null && 'displayName' in member ? member.displayName : (nick ?? user.globalName ?? user.username);
	const self = user.id === interaction.user.id;
	await respondWithin(
		interaction,
		async () => {
			const [first] = renderStats(await ctx.scores.memberStats(guildId, user.id), name, self, t).embeds;
			const embed: APIEmbed = first ?? {};
			if (!self) return { embeds: [embed] };
			const now = ctx.clock.now();
			const pool = ctx.library.questions;
			const [study, zone] = await Promise.all([ctx.review.memberData(guildId, user.id), ctx.daily.zone(guildId)]);
			const withStudy: APIEmbed = {
				...embed,
				fields: [...(embed.fields ?? []), renderStudyField(studyOverview(study, now, pool), now, t)],
			};
			const days = memberActivity(study, zone, localDateOf(now, zone));
			const chart = memberChartSvg({
				title: t.charts.memberTitle({ name: neutraliseMentions(name), days: ACTIVITY_DAYS }),
				days,
				labels: { accuracy: t.charts.accuracy, reviews: t.charts.reviews, noData: t.charts.noActivity },
			});
			const charted = await withChart(withStudy, chart, MEMBER_CHART_FILE);
			return { embeds: [charted.embed], files: charted.files };
		},
		{ ephemeral: false },
	);
}
