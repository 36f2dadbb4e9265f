import {
	type APIActionRowComponent,
	type APIButtonComponent,
	type APIEmbed,
	ButtonStyle,
	ComponentType,
} from 'discord.js';
import { formatSource } from '../discord/cards.ts';
import type { ChannelMessage } from '../discord/channel.ts';
import { encodeCustomId } from '../discord/custom-id.ts';
import { LIMITS, neutraliseMentions, truncate } from '../discord/text.ts';
import { formatZoned } from '../time/zone.ts';
import type { DailyStatus } from './daily.ts';
import type { Question } from './question.ts';
import type { DailyPost } from './records.ts';

const LETTERS = ['A', 'B', 'C', 'D', 'E'] as const;

/** How an option is named on its button and in text: a letter, or the option itself for true/false. */
export function optionLabel(question: Question, index: number): string {
	if (question.kind === 'true-false') return question.options[index] ?? '?';
	return LETTERS[index] ?? String(index + 1);
}

/** `**B.** AppArmor` (true/false options are their own label). */
export function optionText(question: Question, index: number): string {
	const option = neutraliseMentions(question.options[index] ?? '');
	return question.kind === 'true-false' ? `**${option}**` : `**${optionLabel(question, index)}.** ${option}`;
}

function questionText(question: Question): string {
	const options = question.options.map((_, i) => optionText(question, i)).join('\n');
	return truncate(`${neutraliseMentions(question.stem)}\n\n${options}`, LIMITS.embedDescription);
}

function answerButtons(
	question: Question,
	customId: (index: number) => string,
	options: { disabled: boolean; highlight?: number },
): APIActionRowComponent<APIButtonComponent> {
	return {
		type: ComponentType.ActionRow,
		components: question.options.map((_, i) => ({
			type: ComponentType.Button,
			style: i === options.highlight ? ButtonStyle.Success : ButtonStyle.Primary,
			label: optionLabel(question, i),
			custom_id: customId(i),
			disabled: options.disabled,
		})),
	};
}

/** The custom_id of a daily answer button; also the marker that finds the post in the channel after a crash. */
export function dailyAnswerId(date: string, index: number): string {
	return encodeCustomId('daily', 'answer', date, index);
}

/** The custom_id of the results message's Explain button; also the marker that finds the results after a crash. */
export function dailyExplainId(date: string): string {
	return encodeCustomId('daily', 'explain', date);
}

/**
 * The daily question in the channel. It shows no source: a heading path can name the answer. Once closed, the
 * buttons are disabled and the answer is marked; the results follow in their own message.
 */
export function renderDailyPost(post: DailyPost): ChannelMessage {
	const closed = post.state === 'closed';
	const footer = closed
		? `Closed · answer ${optionLabel(post.question, post.question.answer)}`
		: `Answer with the buttons below · closes ${formatZoned(new Date(post.closesAt), post.zone)}`;
	return {
		embeds: [
			{
				title: `Daily question · ${post.date}`,
				description: questionText(post.question),
				footer: { text: footer },
			},
		],
		components: [
			answerButtons(post.question, (i) => dailyAnswerId(post.date, i), {
				disabled: closed,
				...(closed ? { highlight: post.question.answer } : {}),
			}),
		],
	};
}

/** How the answers to a question split. */
export interface Tally {
	/** Answers per option index. */
	readonly counts: readonly number[];
	readonly total: number;
	readonly correct: number;
}

export function tally(post: DailyPost): Tally {
	const counts = post.question.options.map(() => 0);
	for (const { choice } of Object.values(post.answers)) counts[choice] = (counts[choice] ?? 0) + 1;
	const total = counts.reduce((sum, n) => sum + n, 0);
	return { counts, total, correct: counts[post.question.answer] ?? 0 };
}

const BAR_CELLS = 10;

function bar(count: number, total: number): string {
	const filled = total === 0 ? 0 : Math.round((count / total) * BAR_CELLS);
	return `${'▰'.repeat(filled)}${'▱'.repeat(BAR_CELLS - filled)}`;
}

/** The results of a closed daily question: the answer, how the answers split, how many got it right. */
export function renderResults(post: DailyPost): ChannelMessage {
	const { question } = post;
	const split = tally(post);
	const lines = question.options.map((_, i) => {
		const mark = i === question.answer ? ' ✓' : '';
		return `\`${optionLabel(question, i).padEnd(5)}\` ${bar(split.counts[i] ?? 0, split.total)} ${split.counts[i] ?? 0}${mark}`;
	});
	const summary =
		split.total === 0
			? 'Nobody answered this one.'
			: `**${split.correct} of ${split.total}** answered correctly (${Math.round((split.correct / split.total) * 100)}%).`;
	const description = [
		`**Answer:** ${optionText(question, question.answer)}`,
		'',
		neutraliseMentions(question.explanation),
		'',
		...lines,
		'',
		summary,
	].join('\n');
	return {
		embeds: [
			{
				title: `Results · daily question ${post.date}`,
				description: truncate(description, LIMITS.embedDescription),
				footer: { text: truncate(`Source: ${neutraliseMentions(formatSource(question.source))}`, LIMITS.embedFooter) },
			},
		],
		components: [
			{
				type: ComponentType.ActionRow,
				components: [
					{
						type: ComponentType.Button,
						style: ButtonStyle.Secondary,
						label: 'Explain',
						custom_id: dailyExplainId(post.date),
					},
				],
			},
		],
	};
}

/** What answering told the member. */
export type AnswerOutcome =
	| { readonly kind: 'recorded'; readonly choice: number; readonly correct: boolean }
	| { readonly kind: 'already'; readonly choice: number; readonly at: string }
	| { readonly kind: 'closed' };

export interface Reply {
	readonly content: string;
	readonly embeds: readonly APIEmbed[];
	readonly components: readonly APIActionRowComponent<APIButtonComponent>[];
}

function explainRow(conceptKey: string): APIActionRowComponent<APIButtonComponent> {
	return {
		type: ComponentType.ActionRow,
		components: [
			{
				type: ComponentType.Button,
				style: ButtonStyle.Secondary,
				label: 'Explain',
				custom_id: encodeCustomId('explain', 'open', conceptKey),
			},
		],
	};
}

function explanationBlock(question: Question): string {
	return `${neutraliseMentions(question.explanation)}\n-# Source: ${neutraliseMentions(formatSource(question.source))}`;
}

/** The private feedback to a click on a daily question (points are added when the question closes). */
export function renderAnswerFeedback(post: DailyPost, outcome: AnswerOutcome, conceptKey: string | null): Reply {
	const { question } = post;
	const components = conceptKey === null ? [] : [explainRow(conceptKey)];
	let head: string;
	if (outcome.kind === 'closed') {
		head = `This question closed. The answer was ${optionText(question, question.answer)}.`;
	} else if (outcome.kind === 'already') {
		const verdict = outcome.choice === question.answer ? 'correct' : 'not correct';
		head = `You already answered ${optionText(question, outcome.choice)} (${verdict}); your first answer counts.`;
	} else if (outcome.correct) {
		head = `✅ Correct: ${optionText(question, outcome.choice)}. Your points are added when the question closes, ${formatZoned(new Date(post.closesAt), post.zone)}.`;
	} else {
		head = `❌ Not this time: you answered ${optionText(question, outcome.choice)}; the answer is ${optionText(question, question.answer)}.`;
	}
	return { content: truncate(`${head}\n\n${explanationBlock(question)}`, LIMITS.content), embeds: [], components };
}

function practiceEmbed(question: Question, extra: string): APIEmbed {
	return {
		title: truncate(`Practice · ${neutraliseMentions(question.topic)}`, LIMITS.embedTitle),
		description: truncate(`${questionText(question)}${extra}`, LIMITS.embedDescription),
		footer: { text: 'Practice answers never change the leaderboard.' },
	};
}

function practiceButtons(
	question: Question,
	topicKey: string,
	graded: boolean,
): APIActionRowComponent<APIButtonComponent> {
	return answerButtons(question, (i) => encodeCustomId('quiz', 'answer', question.id, i, topicKey), {
		disabled: graded,
		...(graded ? { highlight: question.answer } : {}),
	});
}

/** A private practice question; its buttons carry the question id, and grading looks the question up again. */
export function renderPractice(question: Question, topicKey: string): Reply {
	return {
		content: '',
		embeds: [practiceEmbed(question, '')],
		components: [practiceButtons(question, topicKey, false)],
	};
}

/** A graded practice question: the verdict, the explanation, Explain and Next buttons. */
export function renderPracticeResult(
	question: Question,
	choice: number,
	conceptKey: string | null,
	topicKey: string,
): Reply {
	const verdict =
		choice === question.answer
			? `✅ Correct: ${optionText(question, choice)}.`
			: `❌ You answered ${optionText(question, choice)}; the answer is ${optionText(question, question.answer)}.`;
	const buttons: APIButtonComponent[] = [
		{
			type: ComponentType.Button,
			style: ButtonStyle.Primary,
			label: 'Next question',
			custom_id: encodeCustomId('quiz', 'next', topicKey),
		},
	];
	if (conceptKey !== null) buttons.push(explainRow(conceptKey).components[0] as APIButtonComponent);
	return {
		content: '',
		embeds: [practiceEmbed(question, `\n\n${verdict}\n\n${explanationBlock(question)}`)],
		components: [practiceButtons(question, topicKey, true), { type: ComponentType.ActionRow, components: buttons }],
	};
}

/** `/daily status` (and the reply to `/daily setup`, headed by `saved`). */
export function renderDailyStatus(status: DailyStatus, saved: string | null): string {
	const lines: string[] = saved === null ? [] : [saved];
	const { schedule } = status;
	if (schedule === null) {
		lines.push('The daily quiz is not set up here. `/daily setup` picks a channel, a time and a time zone.');
	} else {
		lines.push(
			`**Channel:** <#${schedule.channelId}>`,
			`**Time:** ${schedule.time} (${schedule.zone})${schedule.enabled ? '' : ' — **off**'}`,
			`**Next post:** ${status.nextPostAt === null ? '—' : formatZoned(status.nextPostAt, schedule.zone)}`,
		);
		const today = status.today;
		if (today === null) lines.push("**Today's question:** not posted yet");
		else if (today.state === 'failed') lines.push(`**Today's question:** not posted (${today.failure ?? 'unknown'})`);
		else if (today.state === 'sending') lines.push("**Today's question:** being posted");
		else {
			const answers = Object.keys(today.answers).length;
			const where = today.messageId === null ? '' : ` — ${messageLink(today)}`;
			lines.push(
				`**Today's question:** ${today.state === 'open' ? 'open' : 'closed'}, ${answers} ${answers === 1 ? 'answer' : 'answers'}${where}`,
			);
		}
	}
	if (status.lastError !== null) lines.push(`⚠️ **Last problem:** ${status.lastError}`);
	return truncate(lines.join('\n'), LIMITS.content);
}

function messageLink(post: DailyPost): string {
	return `https://discord.com/channels/${post.guildId}/${post.channelId}/${post.messageId ?? ''}`;
}

/** The reply to `/daily post`. */
export function renderPostOutcome(post: DailyPost, created: boolean): string {
	if (post.state === 'failed') return `Today's question could not be posted: ${post.failure ?? 'unknown reason'}.`;
	if (post.state === 'sending') return "Today's question is being posted; `/daily status` shows when it is up.";
	if (created) return `Posted today's question in <#${post.channelId}>: ${messageLink(post)}`;
	return `Today's question is already posted (${post.state}): ${messageLink(post)}`;
}
