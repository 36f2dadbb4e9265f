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
import { langOf } from '../src/i18n/locale.ts';
import { type Messages, messagesFor } from '../src/i18n/messages.ts';
import * as text from '../src/i18n/review.ts';
import type { Reply } from '../src/quiz/render.ts';
import type { ReviewRating } from '../src/review/card.ts';
import { REMIND_LOCAL_TIME } from '../src/review/remind.ts';
import {
	renderGraded,
	renderRefusal,
	renderReminderSet,
	renderRevealed,
	renderServeResult,
} from '../src/review/render.ts';
import type { GradeInput, RefusalReason } from '../src/review/store.ts';

export const data = new SlashCommandBuilder()
	.setName('review')
	.setDescription(text.en.commandDescription)
	.setDescriptionLocalizations({ ko: text.ko.commandDescription })
	.setContexts(InteractionContextType.Guild)
	.addStringOption((option) =>
		option
			.setName('remind')
			.setDescription(text.en.remindOptionDescription)
			.setDescriptionLocalizations({ ko: text.ko.remindOptionDescription })
			.addChoices(
				{ name: text.en.remindChoiceOn, name_localizations: { ko: text.ko.remindChoiceOn }, value: 'on' },
				{ name: text.en.remindChoiceOff, name_localizations: { ko: text.ko.remindChoiceOff }, value: 'off' },
			),
	);

/** The seed that picks among a concept's questions: a new pick for every serve. */
function seedOf(now: Date, userId: string): string {
	return `${now.getTime()}:${userId}`;
}

/**
 * `/review` serves the caller's most overdue card privately; `/review remind:on|off` sets the daily reminder (in the
 * caller's language).
 */
export async function execute(interaction: ChatInputCommandInteraction, ctx: Context): Promise<void> {
	const guildId = requireGuild(interaction);
	const userId = interaction.user.id;
	const t = messagesFor(interaction.locale);
	const remind = interaction.options.getString('remind');
	if (remind === 'on' || remind === 'off') {
		await respondWithin(
			interaction,
			async () => {
				const settings = await ctx.review.setReminder(guildId, userId, remind === 'on', langOf(interaction.locale));
				const zone = await ctx.daily.zone(guildId);
				return { content: renderReminderSet(settings, { time: REMIND_LOCAL_TIME, zone }, t) };
			},
			{ ephemeral: true },
		);
		return;
	}
	await respondWithin(
		interaction,
		async () => {
			const now = ctx.clock.now();
			const result = await ctx.review.serve(guildId, userId, ctx.library.questions, now, seedOf(now, userId));
			return renderServeResult(result, now, t);
		},
		{ ephemeral: true },
	);
}

async function update(interaction: ButtonInteraction, reply: Reply): Promise<void> {
	await interaction.update({ ...reply, embeds: [...reply.embeds], components: [...reply.components] });
}

async function refuse(interaction: ButtonInteraction, message: string): Promise<void> {
	await interaction.reply({ content: message, flags: MessageFlags.Ephemeral });
}

function refusal(interaction: ButtonInteraction, reason: RefusalReason, t: Messages): Promise<void> {
	return refuse(interaction, renderRefusal(reason, t));
}

function ratingOf(raw: string): ReviewRating | null {
	return raw === '1' || raw === '2' || raw === '3' || raw === '4' ? (Number(raw) as ReviewRating) : null;
}

/**
 * `answer:<question id>:<option>` and `rate:<question id>:<1-4>` grade the pending review, `show:<question id>` turns
 * its flashcard over, `next` serves the next due card. The buttons only point: the store accepts a grade for the
 * question it served last, once.
 */
export async function onButton(interaction: ButtonInteraction, ctx: Context, id: CustomId): Promise<void> {
	const guildId = requireGuild(interaction);
	const userId = interaction.user.id;
	const t = messagesFor(interaction.locale);
	const pool = ctx.library.questions;
	const now = ctx.clock.now();
	const [questionId = '', raw = ''] = id.args;
	let input: GradeInput;
	switch (id.action) {
		case 'answer': {
			if (!/^\d$/.test(raw)) return refusal(interaction, 'invalid', t);
			input = { questionId, choice: Number(raw) };
			break;
		}
		case 'rate': {
			const rating = ratingOf(raw);
			if (rating === null) return refusal(interaction, 'invalid', t);
			input = { questionId, rating };
			break;
		}
		case 'show': {
			const shown = await ctx.review.reveal(guildId, userId, questionId, pool);
			if (shown.kind === 'refused') return refusal(interaction, shown.reason, t);
			return update(interaction, renderRevealed(shown.question, shown.card, t));
		}
		case 'next': {
			const result = await ctx.review.serve(guildId, userId, pool, now, seedOf(now, userId));
			return update(interaction, renderServeResult(result, now, t));
		}
		default:
			return refuse(interaction, t.review.staleButton);
	}
	const graded = await ctx.review.grade(guildId, userId, input, pool, now);
	if (graded.kind === 'refused') return refusal(interaction, graded.reason, t);
	return update(interaction, renderGraded(graded, now, t));
}
