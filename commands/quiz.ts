import {
	type AutocompleteInteraction,
	type ButtonInteraction,
	type ChatInputCommandInteraction,
	MessageFlags,
	SlashCommandBuilder,
} from 'discord.js';
import type { Context } from '../src/context.ts';
import type { CustomId } from '../src/discord/custom-id.ts';
import { UserFacingError } from '../src/errors.ts';
import { practiceQuestion, resolveTopic, topicChoices, topicKey } from '../src/quiz/practice.ts';
import { renderPractice, renderPracticeResult } from '../src/quiz/render.ts';

export const data = new SlashCommandBuilder()
	.setName('quiz')
	.setDescription('A private practice question from the notes (does not change the leaderboard)')
	.setDescriptionLocalizations({ ko: '나만 보는 연습 문제 (순위에는 반영되지 않습니다)' })
	.addStringOption((option) =>
		option
			.setName('topic')
			.setDescription('Only questions from this topic')
			.setDescriptionLocalizations({ ko: '이 주제의 문제만' })
			.setMaxLength(100)
			.setAutocomplete(true),
	);

export async function execute(interaction: ChatInputCommandInteraction, ctx: Context): Promise<void> {
	const topic = resolveTopic(ctx.library.questions, interaction.options.getString('topic'));
	const question = practiceQuestion(
		ctx.library.questions,
		topic,
		`${ctx.clock.now().getTime()}:${interaction.user.id}`,
	);
	const reply = renderPractice(question, topicKey(topic));
	await interaction.reply({
		...reply,
		embeds: [...reply.embeds],
		components: [...reply.components],
		flags: MessageFlags.Ephemeral,
	});
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: Context): Promise<void> {
	await interaction.respond(topicChoices(ctx.library.questions, interaction.options.getFocused()));
}

/**
 * `answer:<question id>:<option>:<topic key>` grades a practice question by looking it up in the current notes
 * (practice awards nothing, so the button may name the question); `next:<topic key>` asks another one.
 */
export async function onButton(interaction: ButtonInteraction, ctx: Context, id: CustomId): Promise<void> {
	const pool = ctx.library.questions;
	if (id.action === 'answer') {
		const [questionId = '', rawChoice = '', key = ''] = id.args;
		const question = pool.get(questionId);
		if (question === undefined)
			throw new UserFacingError('This practice question is out of date (the notes changed). Run `/quiz` again.');
		const choice = /^\d$/.test(rawChoice) ? Number(rawChoice) : -1;
		if (choice < 0 || choice >= question.options.length)
			throw new UserFacingError('This button is not an option of the question.');
		const concept = ctx.library.index.get(question.conceptId);
		const reply = renderPracticeResult(
			question,
			choice,
			concept === undefined ? null : ctx.library.keyOf(concept.id),
			key,
		);
		await interaction.update({ ...reply, embeds: [...reply.embeds], components: [...reply.components] });
		return;
	}
	if (id.action === 'next') {
		const [key = ''] = id.args;
		const topic = pool.topics().find((candidate) => topicKey(candidate) === key) ?? null;
		const question = practiceQuestion(pool, topic, `${ctx.clock.now().getTime()}:${interaction.user.id}`);
		const reply = renderPractice(question, topicKey(topic));
		await interaction.update({ ...reply, embeds: [...reply.embeds], components: [...reply.components] });
		return;
	}
	throw new UserFacingError('This button is from an older version of the bot. Run `/quiz` again.');
}
