import { type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import type { Context } from '../src/context.ts';
import { renderSearchResults } from '../src/discord/cards.ts';
import { messagesFor } from '../src/i18n/messages.ts';

/** How many hits `/search` ranks; five are shown, the count tells whether there were more. */
const SEARCH_LIMIT = 25;

export const data = new SlashCommandBuilder()
	.setName('search')
	.setDescription('Search the study notes')
	.setDescriptionLocalizations({ ko: '노트 전체에서 검색합니다' })
	.addStringOption((option) =>
		option
			.setName('query')
			.setDescription('Words or a question, in Korean or English')
			.setDescriptionLocalizations({ ko: '검색어나 질문 (한국어/영어)' })
			.setRequired(true)
			.setMaxLength(200),
	);

export async function execute(interaction: ChatInputCommandInteraction, ctx: Context): Promise<void> {
	const query = interaction.options.getString('query', true);
	const hits = ctx.library.index.search(query, { limit: SEARCH_LIMIT });
	await interaction.reply(renderSearchResults(ctx.library, query, hits, messagesFor(interaction.locale)));
}
