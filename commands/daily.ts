import {
	type AutocompleteInteraction,
	type ButtonInteraction,
	ChannelType,
	type ChatInputCommandInteraction,
	InteractionContextType,
	MessageFlags,
	PermissionFlagsBits,
	SlashCommandBuilder,
} from 'discord.js';
import type { Context } from '../src/context.ts';
import { renderExplainCard } from '../src/discord/cards.ts';
import type { CustomId } from '../src/discord/custom-id.ts';
import { requireGuild, requireManageGuild } from '../src/discord/guard.ts';
import { respondWithin } from '../src/discord/respond.ts';
import { UserFacingError } from '../src/errors.ts';
import { DEFAULT_ZONE } from '../src/quiz/daily.ts';
import { renderAnswerFeedback, renderDailyStatus, renderPostOutcome } from '../src/quiz/render.ts';
import { timeZoneChoices } from '../src/time/zone-choices.ts';

export const data = new SlashCommandBuilder()
	.setName('daily')
	.setDescription('The daily question of this server (Manage Server)')
	.setDescriptionLocalizations({ ko: '이 서버의 오늘의 문제 설정 (서버 관리 권한)' })
	.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
	.setContexts(InteractionContextType.Guild)
	.addSubcommand((sub) =>
		sub
			.setName('setup')
			.setDescription('Post a question from the notes every day in a channel')
			.setDescriptionLocalizations({ ko: '매일 채널에 노트에서 만든 문제를 올립니다' })
			.addChannelOption((option) =>
				option
					.setName('channel')
					.setDescription('The study channel')
					.setDescriptionLocalizations({ ko: '문제를 올릴 채널' })
					.addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement)
					.setRequired(true),
			)
			.addStringOption((option) =>
				option
					.setName('time')
					.setDescription('Local time, 24-hour HH:MM, e.g. 09:00')
					.setDescriptionLocalizations({ ko: '현지 시각, 24시간 HH:MM (예: 09:00)' })
					.setRequired(true)
					.setMaxLength(5),
			)
			.addStringOption((option) =>
				option
					.setName('timezone')
					.setDescription(`IANA time zone, e.g. Europe/Berlin (default ${DEFAULT_ZONE})`)
					.setDescriptionLocalizations({ ko: `시간대 (기본값 ${DEFAULT_ZONE})` })
					.setMaxLength(64)
					.setAutocomplete(true),
			),
	)
	.addSubcommand((sub) =>
		sub
			.setName('post')
			.setDescription("Post today's question now")
			.setDescriptionLocalizations({ ko: '오늘의 문제를 지금 올립니다' }),
	)
	.addSubcommand((sub) =>
		sub
			.setName('off')
			.setDescription('Stop the daily question')
			.setDescriptionLocalizations({ ko: '오늘의 문제를 멈춥니다' }),
	)
	.addSubcommand((sub) =>
		sub
			.setName('status')
			.setDescription("Channel, time, next post and today's question")
			.setDescriptionLocalizations({ ko: '채널, 시각, 다음 문제, 오늘의 문제 상태' }),
	);

const PRIVATE = { flags: MessageFlags.Ephemeral } as const;

export async function execute(interaction: ChatInputCommandInteraction, ctx: Context): Promise<void> {
	const guildId = requireManageGuild(interaction);
	await interaction.deferReply(PRIVATE);
	switch (interaction.options.getSubcommand()) {
		case 'setup': {
			const channel = interaction.options.getChannel('channel', true);
			const status = await ctx.daily.setup(guildId, {
				channelId: channel.id,
				time: interaction.options.getString('time', true),
				zone: interaction.options.getString('timezone') ?? DEFAULT_ZONE,
				by: interaction.user.id,
			});
			await interaction.editReply({ content: renderDailyStatus(status, 'Saved.') });
			return;
		}
		case 'post': {
			const outcome = await ctx.daily.postNow(guildId);
			await interaction.editReply({ content: renderPostOutcome(outcome.post, outcome.created) });
			return;
		}
		case 'off': {
			const changed = await ctx.daily.off(guildId, interaction.user.id);
			await interaction.editReply({
				content: changed
					? 'Daily questions are off. An open question still closes and is scored on time. `/daily setup` turns them on again.'
					: 'Daily questions were already off.',
			});
			return;
		}
		default:
			await interaction.editReply({ content: renderDailyStatus(await ctx.daily.status(guildId), null) });
	}
}

export async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
	await interaction.respond(timeZoneChoices(interaction.options.getFocused()));
}

/**
 * `answer:<date>:<option>` records an answer to the daily question the button is on; `explain:<date>` opens the
 * concept of that day's question privately. The date only points at the post: the server comes from the interaction,
 * and the post must be the clicked message.
 */
export async function onButton(interaction: ButtonInteraction, ctx: Context, id: CustomId): Promise<void> {
	const guildId = requireGuild(interaction);
	const [date = '', rawChoice = ''] = id.args;
	if (id.action === 'answer') {
		await respondWithin(
			interaction,
			async () => {
				const { post, outcome } = await ctx.daily.answer({
					guildId,
					userId: interaction.user.id,
					date,
					messageId: interaction.message.id,
					choice: /^\d$/.test(rawChoice) ? Number(rawChoice) : -1,
				});
				const concept = ctx.library.index.get(post.question.conceptId);
				return renderAnswerFeedback(post, outcome, concept === undefined ? null : ctx.library.keyOf(concept.id));
			},
			{ ephemeral: true },
		);
		return;
	}
	if (id.action === 'explain') {
		const post = await ctx.daily.post(guildId, date);
		if (post === undefined || post.resultsMessageId !== interaction.message.id)
			throw new UserFacingError('This button does not belong to a daily question of this server.');
		const concept = ctx.library.index.get(post.question.conceptId);
		if (concept === undefined)
			throw new UserFacingError(
				`That concept is no longer in the notes. From the question: ${post.question.explanation}`,
			);
		await interaction.reply({ ...renderExplainCard(ctx.library, concept, 0, []), ...PRIVATE });
		return;
	}
	throw new UserFacingError('This button is from an older version of the bot.');
}
