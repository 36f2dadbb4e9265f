import {
	type ButtonInteraction,
	type ChatInputCommandInteraction,
	InteractionContextType,
	MessageFlags,
	SlashCommandBuilder,
} from 'discord.js';
import type { Context } from '../src/context.ts';
import type { CustomId } from '../src/discord/custom-id.ts';
import { requireGuild } from '../src/discord/guard.ts';
import { respondWithin } from '../src/discord/respond.ts';
import { UserFacingError } from '../src/errors.ts';
import { DEFAULT_ZONE } from '../src/quiz/daily.ts';
import { renderLeaderboard } from '../src/scores/render.ts';
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

function isPeriod(value: string | null | undefined): value is Period {
	return PERIODS.includes(value as Period);
}

/** The page for `viewerId`; weeks and months follow the server's zone (the daily quiz's, else the default). */
async function leaderboardReply(ctx: Context, guildId: string, period: Period, page: number, viewerId: string) {
	const zone = (await ctx.daily.schedule(guildId))?.zone ?? DEFAULT_ZONE;
	const date = localDateOf(ctx.clock.now(), zone);
	const standings = await ctx.scores.leaderboard(guildId, period, date, page, viewerId);
	const label = period === 'all' ? zone : `${periodId(period, date).split(':')[1] ?? ''} (${zone})`;
	const reply = renderLeaderboard(standings, period, label, viewerId);
	return { embeds: [...reply.embeds], components: [...reply.components] };
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: Context): Promise<void> {
	const guildId = requireGuild(interaction);
	const raw = interaction.options.getString('period');
	const period: Period = isPeriod(raw) ? raw : 'all';
	await respondWithin(interaction, () => leaderboardReply(ctx, guildId, period, 0, interaction.user.id), {
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
		throw new UserFacingError('This button is from an older version of the bot. Run `/leaderboard` again.');
	const asker = interaction.message.interactionMetadata?.user.id;
	const inPlace = asker === interaction.user.id || interaction.message.flags.has(MessageFlags.Ephemeral);
	if (inPlace) {
		await interaction.deferUpdate();
		await interaction.editReply(await leaderboardReply(ctx, guildId, rawPeriod, Number(rawPage), interaction.user.id));
	} else {
		await respondWithin(
			interaction,
			() => leaderboardReply(ctx, guildId, rawPeriod, Number(rawPage), interaction.user.id),
			{
				ephemeral: true,
			},
		);
	}
}
