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
import { messagesFor } from '../src/i18n/messages.ts';
import { DEFAULT_ZONE } from '../src/quiz/daily.ts';
import { renderAnswerFeedback, renderDailyStatus, renderPostOutcome } from '../src/quiz/render.ts';
import { explanationIn } from '../src/quiz/wording.ts';
import { missedDueAt } from '../src/review/card.ts';
import { renderQueued } from '../src/review/render.ts';
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
	const t = messagesFor(interaction.locale);
	await interaction.deferReply(PRIVATE);
	switch (interaction.options.getSubcommand()) {
		case 'setup': {
			const channel = interaction.options.getChannel('channel', true);
			const status = await ctx.daily.setup(guildId, {
				channelId: channel.id,
				time: interaction.options.getString('time', true),
				zone: interaction.options.getString('timezone') ?? DEFAULT_ZONE,
				by: interaction.user.id,
				locale: interaction.guildLocale,
			});
			await interaction.editReply({ content: renderDailyStatus(status, true, t) });
			return;
		}
		case 'post': {
			const outcome = await ctx.daily.postNow(guildId);
			await interaction.editReply({ content: renderPostOutcome(outcome.post, outcome.created, t) });
			return;
		}
		case 'off': {
			const changed = await ctx.daily.off(guildId, interaction.user.id);
			await interaction.editReply({ content: changed ? t.daily.off : t.daily.alreadyOff });
			return;
		}
		default:
			await interaction.editReply({ content: renderDailyStatus(await ctx.daily.status(guildId), false, t) });
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
	const t = messagesFor(interaction.locale);
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
				// The member's review card is made when the question closes; a miss is said to be queued now.
				const now = ctx.clock.now();
				const queued = outcome.kind === 'recorded' && !outcome.correct ? renderQueued(missedDueAt(now), now, t) : null;
				return renderAnswerFeedback(
					post,
					outcome,
					concept === undefined ? null : ctx.library.keyOf(concept.id),
					t,
					queued,
				);
			},
			{ ephemeral: true },
		);
		return;
	}
	if (id.action === 'explain') {
		const post = await ctx.daily.post(guildId, date);
		if (post === undefined || post.resultsMessageId !== interaction.message.id)
			throw new UserFacingError((t) => t.daily.notThisServer);
		const concept = ctx.library.index.get(post.question.conceptId);
		if (concept === undefined) {
			const { question } = post;
			throw new UserFacingError((t) => t.daily.conceptGone({ explanation: explanationIn(question, t) }));
		}
		await interaction.reply({ ...renderExplainCard(ctx.library, concept, t), ...PRIVATE });
		return;
	}
	throw new UserFacingError((t) => t.common.olderButton);
}
