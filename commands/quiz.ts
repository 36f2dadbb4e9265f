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
import { messagesFor } from '../src/i18n/messages.ts';
import { practiceQuestion, resolveTopic, topicChoices, topicKey } from '../src/quiz/practice.ts';
import { renderPractice, renderPracticeResult } from '../src/quiz/render.ts';
import { renderQueued } from '../src/review/render.ts';

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
	const reply = renderPractice(question, topicKey(topic), messagesFor(interaction.locale));
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
	const t = messagesFor(interaction.locale);
	if (id.action === 'answer') {
		const [questionId = '', rawChoice = '', key = ''] = id.args;
		const question = pool.get(questionId);
		if (question === undefined) throw new UserFacingError((t) => t.quiz.outdated);
		const choice = /^\d$/.test(rawChoice) ? Number(rawChoice) : -1;
		if (choice < 0 || choice >= question.options.length) throw new UserFacingError((t) => t.quiz.notAnOption);
		const concept = ctx.library.index.get(question.conceptId);
		const correct = choice === question.answer;
		let queued: string | null = null;
		// Practice in a server feeds the member's review cards there; outside a server there is nowhere to keep them.
		if (interaction.guildId !== null) {
			const now = ctx.clock.now();
			const recorded = await ctx.review.recordAnswer(interaction.guildId, interaction.user.id, {
				question,
				term: concept?.title ?? question.conceptId,
				correct,
				source: 'practice',
				date: null,
				at: now,
			});
			if (!correct) queued = renderQueued(recorded.dueAt, now, t);
		}
		const reply = renderPracticeResult(
			question,
			choice,
			concept === undefined ? null : ctx.library.keyOf(concept.id),
			key,
			t,
			queued,
		);
		await interaction.update({ ...reply, embeds: [...reply.embeds], components: [...reply.components] });
		return;
	}
	if (id.action === 'next') {
		const [key = ''] = id.args;
		const topic = pool.topics().find((candidate) => topicKey(candidate) === key) ?? null;
		const question = practiceQuestion(pool, topic, `${ctx.clock.now().getTime()}:${interaction.user.id}`);
		const reply = renderPractice(question, topicKey(topic), t);
		await interaction.update({ ...reply, embeds: [...reply.embeds], components: [...reply.components] });
		return;
	}
	throw new UserFacingError((t) => t.common.olderButtonRunAgain({ command: 'quiz' }));
}
