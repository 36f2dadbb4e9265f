import {
	type AutocompleteInteraction,
	type ButtonInteraction,
	type ChatInputCommandInteraction,
	MessageFlags,
	SlashCommandBuilder,
} from 'discord.js';
import type { Context } from '../src/context.ts';
import { autocompleteChoices, renderExplainCard, renderNotFound, resolveConcept } from '../src/discord/cards.ts';
import type { CustomId } from '../src/discord/custom-id.ts';
import { UserFacingError } from '../src/errors.ts';
import { messagesFor } from '../src/i18n/messages.ts';

export const data = new SlashCommandBuilder()
	.setName('explain')
	.setDescription('Explain a concept from the study notes')
	.setDescriptionLocalizations({ ko: '노트에서 개념을 찾아 설명합니다' })
	.addStringOption((option) =>
		option
			.setName('concept')
			.setDescription('A concept, in Korean or English (typos and 초성 are fine)')
			.setDescriptionLocalizations({ ko: '개념 이름 (한국어/영어, 오타와 초성도 됩니다)' })
			.setRequired(true)
			.setMaxLength(200)
			.setAutocomplete(true),
	);

export async function execute(interaction: ChatInputCommandInteraction, ctx: Context): Promise<void> {
	const input = interaction.options.getString('concept', true);
	const t = messagesFor(interaction.locale);
	const resolution = resolveConcept(ctx.library, input);
	if (resolution.found) {
		await interaction.reply(renderExplainCard(ctx.library, resolution.concept, t, 0, resolution.alsoIn));
	} else {
		await interaction.reply({
			...renderNotFound(ctx.library, input, resolution.suggestions, t),
			flags: MessageFlags.Ephemeral,
		});
	}
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: Context): Promise<void> {
	const input = interaction.options.getFocused();
	await interaction.respond(autocompleteChoices(ctx.library, ctx.library.index.autocomplete(input)));
}

/**
 * `open:<key>` shows a concept's card privately to whoever clicked (related, "did you mean" and search buttons).
 * `page:<key>:<n>` turns the page: in place for the member who asked (or on a private card), as a private copy for anyone else,
 * so one member's paging never changes what the channel sees.
 */
export async function onButton(interaction: ButtonInteraction, ctx: Context, id: CustomId): Promise<void> {
	const [key = '', rawPage = '0'] = id.args;
	const concept = ctx.library.byKey(key);
	if (concept === undefined) {
		throw new UserFacingError((t) => t.explain.conceptGone);
	}
	if (id.action !== 'open' && id.action !== 'page') {
		throw new UserFacingError((t) => t.common.olderButtonRunAgain({ command: 'explain' }));
	}
	const page = id.action === 'page' ? Number.parseInt(rawPage, 10) : 0;
	const card = renderExplainCard(
		ctx.library,
		concept,
		messagesFor(interaction.locale),
		Number.isFinite(page) ? page : 0,
	);
	const asker = interaction.message.interactionMetadata?.user.id;
	const inPlace =
		interaction.message.flags.has(MessageFlags.Ephemeral) || (id.action === 'page' && asker === interaction.user.id);
	if (inPlace) await interaction.update(card);
	else await interaction.reply({ ...card, flags: MessageFlags.Ephemeral });
}
