import {
	type APIActionRowComponent,
	type APIButtonComponent,
	type APIEmbed,
	type AttachmentPayload,
	type ButtonInteraction,
	type ChatInputCommandInteraction,
	InteractionContextType,
	MessageFlags,
	SlashCommandBuilder,
} from 'discord.js';
import { leaderboardCardSvg } from '../src/charts/leaderboard.ts';
import type { Context } from '../src/context.ts';
import { withChart } from '../src/discord/chart.ts';
import type { CustomId } from '../src/discord/custom-id.ts';
import { requireGuild } from '../src/discord/guard.ts';
import { respondWithin } from '../src/discord/respond.ts';
import { UserFacingError } from '../src/errors.ts';
import { type Messages, messagesFor } from '../src/i18n/messages.ts';
import { leaderboardCardInput, renderLeaderboard } from '../src/scores/render.ts';
import { PERIODS, type Period, periodId } from '../src/scores/store.ts';
import { localDateOf } from '../src/time/zone.ts';

export const data = new SlashCommandBuilder()
	.setName('leaderboard')
	.setDescription('Top scorers of the daily question in this server')
	.setDescriptionLocalizations({ ko: '이 서버의 오늘의 문제 순위' })
	.setContexts(InteractionContextType.Guild)
	.addStringOption((option) =>
		option
			.setName('period')
			.setDescription('This week, this month or all time (default: all time)')
			.setDescriptionLocalizations({ ko: '이번 주, 이번 달, 전체 (기본값: 전체)' })
			.addChoices(
				{ name: 'week', value: 'week', name_localizations: { ko: '이번 주' } },
				{ name: 'month', value: 'month', name_localizations: { ko: '이번 달' } },
				{ name: 'all', value: 'all', name_localizations: { ko: '전체' } },
			),
	);

const LEADERBOARD_CARD_FILE = 'leaderboard.png';

function isPeriod(value: string | null | undefined): value is Period {
	return PERIODS.includes(value as Period);
}

/**
 * Display names of the page's members, for the card: from the client's cache, else fetched (one request each, at most
 * a page); anyone who left the server is missing from the map.
 */
async function displayNames(
	interaction: ChatInputCommandInteraction | ButtonInteraction,
	userIds: readonly string[],
): Promise<Map<string, string>> {
	const names = new Map<string, string>();
	const guild = interaction.guild;
	if (guild === null) return names;
	await Promise.all(
		userIds.map(async (userId) => {
			const member = await guild.members.fetch(userId).catch(() => null);
			if (member !== null) names.set(userId, member.displayName);
		}),
	);
	return names;
}

/**
 * The page for the member who asked, in their language, with the page as a card image; weeks and months follow the
 * server's zone (the daily quiz's, else the default).
 */
async function leaderboardReply(
	interaction: ChatInputCommandInteraction | ButtonInteraction,
	ctx: Context,
	guildId: string,
	period: Period,
	page: number,
	t: Messages,
): Promise<{
	embeds: APIEmbed[];
	components: APIActionRowComponent<APIButtonComponent>[];
	files: AttachmentPayload[];
}> {
	const viewerId = interaction.user.id;
	const zone = await ctx.daily.zone(guildId);
	const date = localDateOf(ctx.clock.now(), zone);
	const standings = await ctx.scores.leaderboard(guildId, period, date, page, viewerId);
	const label = period === 'all' ? zone : `${periodId(period, date).split(':')[1] ?? ''} (${zone})`;
	const reply = renderLeaderboard(standings, period, label, viewerId, t);
	const [embed] = reply.embeds;
	const names = await displayNames(
		interaction,
		standings.entries.map((standing) => standing.userId),
	);
	const card = leaderboardCardSvg(leaderboardCardInput(standings, period, label, names, viewerId, t));
	const charted = await withChart(embed ?? {}, card, LEADERBOARD_CARD_FILE);
	return { embeds: [charted.embed], components: [...reply.components], files: [...charted.files] };
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: Context): Promise<void> {
	const guildId = requireGuild(interaction);
	const raw = interaction.options.getString('period');
	const period: Period = isPeriod(raw) ? raw : 'all';
	const t = messagesFor(interaction.locale);
	await respondWithin(interaction, () => leaderboardReply(interaction, ctx, guildId, period, 0, t), {
		ephemeral: false,
	});
}

/**
 * `page:<period>:<n>`: the member who asked turns the page in place; anyone else gets the page privately, with
 * their own rank, so one member's paging never changes what the channel sees.
 */
export async function onButton(interaction: ButtonInteraction, ctx: Context, id: CustomId): Promise<void> {
	const guildId = requireGuild(interaction);
	const [rawPeriod, rawPage = '0'] = id.args;
	if (id.action !== 'page' || !isPeriod(rawPeriod) || !/^\d{1,6}$/.test(rawPage))
		throw new UserFacingError((t) => t.common.olderButtonRunAgain({ command: 'leaderboard' }));
	const t = messagesFor(interaction.locale);
	const asker = interaction.message.interactionMetadata?.user.id;
	const inPlace = asker === interaction.user.id || interaction.message.flags.has(MessageFlags.Ephemeral);
	if (inPlace) {
		await interaction.deferUpdate();
		await interaction.editReply(await leaderboardReply(interaction, ctx, guildId, rawPeriod, Number(rawPage), t));
	} else {
		await respondWithin(interaction, () => leaderboardReply(interaction, ctx, guildId, rawPeriod, Number(rawPage), t), {
			ephemeral: true,
		});
	}
}
