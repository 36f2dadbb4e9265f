import {
	type ButtonInteraction,
	ButtonStyle,
	type ChatInputCommandInteraction,
	ComponentType,
	InteractionContextType,
	MessageFlags,
	SlashCommandBuilder,
} from 'discord.js';
import type { Context } from '../src/context.ts';
import { type CustomId, encodeCustomId } from '../src/discord/custom-id.ts';
import { requireGuild } from '../src/discord/guard.ts';
import { respondWithin } from '../src/discord/respond.ts';
import { messagesFor } from '../src/i18n/messages.ts';
import * as text from '../src/i18n/mydata.ts';
import { renderExport } from '../src/review/render.ts';

/** How long the Delete button of a confirmation works; after that the member runs `/mydata delete` again. */
export const CONFIRM_DELETE_WITHIN_MS = 5 * 60_000;

export const data = new SlashCommandBuilder()
	.setName('mydata')
	.setDescription(text.en.commandDescription)
	.setDescriptionLocalizations({ ko: text.ko.commandDescription })
	.setContexts(InteractionContextType.Guild)
	.addSubcommand((sub) =>
		sub
			.setName('export')
			.setDescription(text.en.exportDescription)
			.setDescriptionLocalizations({ ko: text.ko.exportDescription }),
	)
	.addSubcommand((sub) =>
		sub
			.setName('delete')
			.setDescription(text.en.deleteDescription)
			.setDescriptionLocalizations({ ko: text.ko.deleteDescription }),
	);

/** `/mydata export` attaches the member's files privately; `/mydata delete` asks for a confirmation click first. */
export async function execute(interaction: ChatInputCommandInteraction, ctx: Context): Promise<void> {
	const guildId = requireGuild(interaction);
	const userId = interaction.user.id;
	const t = messagesFor(interaction.locale);
	if (interaction.options.getSubcommand() === 'export') {
		await respondWithin(
			interaction,
			async () => renderExport(await ctx.review.memberData(guildId, userId), interaction.guild?.name ?? guildId, t),
			{ ephemeral: true },
		);
		return;
	}
	const issuedAt = ctx.clock.now().getTime();
	await interaction.reply({
		content: t.mydata.deleteConfirm,
		flags: MessageFlags.Ephemeral,
		components: [
			{
				type: ComponentType.ActionRow,
				components: [
					{
						type: ComponentType.Button,
						style: ButtonStyle.Danger,
						label: t.mydata.deleteButton,
						custom_id: encodeCustomId('mydata', 'delete', userId, issuedAt.toString(36)),
					},
					{
						type: ComponentType.Button,
						style: ButtonStyle.Secondary,
						label: t.mydata.cancelButton,
						custom_id: encodeCustomId('mydata', 'cancel', userId),
					},
				],
			},
		],
	});
}

/**
 * `delete:<user id>:<issued at, base 36 ms>` deletes the clicking member's data when the confirmation is theirs and
 * recent; `cancel:<user id>` closes it. Both work only for the member who asked, and Delete can only ever delete the
 * data of the member who clicks it.
 */
export async function onButton(interaction: ButtonInteraction, ctx: Context, id: CustomId): Promise<void> {
	const guildId = requireGuild(interaction);
	const userId = interaction.user.id;
	const t = messagesFor(interaction.locale);
	const [owner = '', rawIssuedAt = ''] = id.args;
	if ((id.action !== 'delete' && id.action !== 'cancel') || owner !== userId) {
		await interaction.reply({ content: t.mydata.deleteNotYours, flags: MessageFlags.Ephemeral });
		return;
	}
	if (id.action === 'cancel') {
		await interaction.update({ content: t.mydata.deleteCancelled, components: [] });
		return;
	}
	const issuedAt = Number.parseInt(rawIssuedAt, 36);
	const age = ctx.clock.now().getTime() - issuedAt;
	if (!Number.isFinite(issuedAt) || age < 0 || age > CONFIRM_DELETE_WITHIN_MS) {
		await interaction.update({ content: t.mydata.deleteExpired, components: [] });
		return;
	}
	// Every dated post of the server is visited, which can take longer than Discord's 3 s on a long history.
	await interaction.deferUpdate();
	const daily = await ctx.daily.forget(guildId, userId);
	const study = await ctx.review.forget(guildId, userId);
	const nothing = !daily.member && daily.answers === 0 && daily.boards === 0 && !study;
	await interaction.editReply({
		content: nothing
			? t.mydata.deleteNothing
			: t.mydata.deletedAll({ answers: daily.answers, boards: daily.boards, study }),
		components: [],
	});
}
