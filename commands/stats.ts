import { type ChatInputCommandInteraction, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Context } from '../src/context.ts';
import { requireGuild } from '../src/discord/guard.ts';
import { respondWithin } from '../src/discord/respond.ts';
import { renderStats } from '../src/scores/render.ts';

export const data = new SlashCommandBuilder()
	.setName('stats')
	.setDescription("A member's daily-question record: points, rank, accuracy, streaks, weakest topics")
	.setDescriptionLocalizations({ ko: '점수, 순위, 정답률, 연속 정답, 약한 주제' })
	.setContexts(InteractionContextType.Guild)
	.addUserOption((option) =>
		option
			.setName('member')
			.setDescription('Whose record (default: yours)')
			.setDescriptionLocalizations({ ko: '누구의 기록인지 (기본값: 나)' }),
	);

export async function execute(interaction: ChatInputCommandInteraction, ctx: Context): Promise<void> {
	const guildId = requireGuild(interaction);
	const user = interaction.options.getUser('member') ?? interaction.user;
	const member =
		interaction.options.getUser('member') === null ? interaction.member : interaction.options.getMember('member');
	const nick = member !== null && 'nick' in member && typeof member.nick === 'string' ? member.nick : null;
	const name =
		member !== null && 'displayName' in member ? member.displayName : (nick ?? user.globalName ?? user.username);
	await respondWithin(
		interaction,
		async () => renderStats(await ctx.scores.memberStats(guildId, user.id), name, user.id === interaction.user.id),
		{ ephemeral: false },
	);
}
