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
import type { Messages } from '../i18n/messages.ts';
import { formatZoned } from '../time/zone.ts';
import type { DailyStatus } from './daily.ts';
import { TRUE_FALSE_OPTIONS } from './generate.ts';
import { describeProblem } from './problems.ts';
import type { Question } from './question.ts';
import type { DailyPost } from './records.ts';
import { explanationIn, stemIn } from './wording.ts';

const LETTERS = ['A', 'B', 'C', 'D', 'E'] as const;

/** A stored true/false option (`True`, `False`) in the reader's language; any other text as it is. */
function trueFalseLabel(option: string, t: Messages): string {
	if (option === TRUE_FALSE_OPTIONS[0]) return t.quiz.optionTrue;
	if (option === TRUE_FALSE_OPTIONS[1]) return t.quiz.optionFalse;
	return option;
}

/**
 * How an option is named on its button and in text: a letter, or for true/false the option itself in the reader's
 * language (stored as `True`/`False`, shown as `참`/`거짓` in Korean).
 */
export function optionLabel(question: Question, index: number, t: Messages): string {
	if (question.kind === 'true-false') return trueFalseLabel(question.options[index] ?? '?', t);
	return LETTERS[index] ?? String(index + 1);
}

/** `**B.** AppArmor` (true/false options are their own label). */
export function optionText(question: Question, index: number, t: Messages): string {
	if (question.kind === 'true-false') return `**${neutraliseMentions(optionLabel(question, index, t))}**`;
	return `**${optionLabel(question, index, t)}.** ${neutraliseMentions(question.options[index] ?? '')}`;
}

function questionText(question: Question, t: Messages): string {
	const options = question.options.map((_, i) => optionText(question, i, t)).join('\n');
	return truncate(`${neutraliseMentions(stemIn(question, t))}\n\n${options}`, LIMITS.embedDescription);
}

function answerButtons(
	question: Question,
	customId: (index: number) => string,
	options: { disabled: boolean; highlight?: number },
	t: Messages,
): APIActionRowComponent<APIButtonComponent> {
	return {
		type: ComponentType.ActionRow,
		components: question.options.map((_, i) => ({
			type: ComponentType.Button,
			style: i === options.highlight ? ButtonStyle.Success : ButtonStyle.Primary,
			label: optionLabel(question, i, t),
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
 * The daily question in the channel, in the server's language. It shows no source: a heading path can name the
 * answer. Once closed, the buttons are disabled and the answer is marked; the results follow in their own message.
 */
export function renderDailyPost(post: DailyPost, t: Messages): ChannelMessage {
	const closed = post.state === 'closed';
	const footer = closed
		? t.daily.postClosedFooter({ answer: optionLabel(post.question, post.question.answer, t) })
		: t.daily.postOpenFooter({ closes: formatZoned(new Date(post.closesAt), post.zone) });
	return {
		embeds: [
			{
				title: t.daily.postTitle({ date: post.date }),
				description: questionText(post.question, t),
				footer: { text: footer },
			},
		],
		components: [
			answerButtons(
				post.question,
				(i) => dailyAnswerId(post.date, i),
				{ disabled: closed, ...(closed ? { highlight: post.question.answer } : {}) },
				t,
			),
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

/** The results of a closed daily question, in the server's language: the answer, the split, how many got it right. */
export function renderResults(post: DailyPost, t: Messages): ChannelMessage {
	const { question } = post;
	const split = tally(post);
	const lines = question.options.map((_, i) => {
		const mark = i === question.answer ? ' ✓' : '';
		return `\`${optionLabel(question, i, t).padEnd(5)}\` ${bar(split.counts[i] ?? 0, split.total)} ${split.counts[i] ?? 0}${mark}`;
	});
	const summary =
		split.total === 0
			? t.daily.nobodyAnswered
			: t.daily.resultsSummary({
					correct: split.correct,
					total: split.total,
					percent: Math.round((split.correct / split.total) * 100),
				});
	const description = [
		t.daily.resultsAnswer({ answer: optionText(question, question.answer, t) }),
		'',
		neutraliseMentions(explanationIn(question, t)),
		'',
		...lines,
		'',
		summary,
	].join('\n');
	return {
		embeds: [
			{
				title: t.daily.resultsTitle({ date: post.date }),
				description: truncate(description, LIMITS.embedDescription),
				footer: {
					text: truncate(
						t.common.source({ source: neutraliseMentions(formatSource(question.source)) }),
						LIMITS.embedFooter,
					),
				},
			},
		],
		components: [
			{
				type: ComponentType.ActionRow,
				components: [
					{
						type: ComponentType.Button,
						style: ButtonStyle.Secondary,
						label: t.common.explain,
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

function explainRow(conceptKey: string, t: Messages): APIActionRowComponent<APIButtonComponent> {
	return {
		type: ComponentType.ActionRow,
		components: [
			{
				type: ComponentType.Button,
				style: ButtonStyle.Secondary,
				label: t.common.explain,
				custom_id: encodeCustomId('explain', 'open', conceptKey),
			},
		],
	};
}

function explanationBlock(question: Question, t: Messages): string {
	const source = t.common.source({ source: neutraliseMentions(formatSource(question.source)) });
	return `${neutraliseMentions(explanationIn(question, t))}\n-# ${source}`;
}

/** The private feedback to a click on a daily question (points are added when the question closes). */
export function renderAnswerFeedback(
	post: DailyPost,
	outcome: AnswerOutcome,
	conceptKey: string | null,
	t: Messages,
	queued: string | null = null,
): Reply {
	const { question } = post;
	const components = conceptKey === null ? [] : [explainRow(conceptKey, t)];
	const answer = optionText(question, question.answer, t);
	let head: string;
	if (outcome.kind === 'closed') {
		head = t.daily.feedbackClosed({ answer });
	} else if (outcome.kind === 'already') {
		head = t.daily.feedbackAlready({
			choice: optionText(question, outcome.choice, t),
			correct: outcome.choice === question.answer,
		});
	} else if (outcome.correct) {
		head = t.daily.feedbackCorrect({
			choice: optionText(question, outcome.choice, t),
			closes: formatZoned(new Date(post.closesAt), post.zone),
		});
	} else {
		head = t.daily.feedbackWrong({ choice: optionText(question, outcome.choice, t), answer });
	}
	if (queued !== null) head = `${head}\n${queued}`;
	return {
		content: truncate(`${head}\n\n${explanationBlock(question, t)}`, LIMITS.content),
		embeds: [],
		components,
	};
}

function practiceEmbed(question: Question, extra: string, t: Messages): APIEmbed {
	return {
		title: truncate(t.quiz.practiceTitle({ topic: neutraliseMentions(question.topic) }), LIMITS.embedTitle),
		description: truncate(`${questionText(question, t)}${extra}`, LIMITS.embedDescription),
		footer: { text: t.quiz.practiceFooter },
	};
}

function practiceButtons(
	question: Question,
	topicKey: string,
	graded: boolean,
	t: Messages,
): APIActionRowComponent<APIButtonComponent> {
	return answerButtons(
		question,
		(i) => encodeCustomId('quiz', 'answer', question.id, i, topicKey),
		{ disabled: graded, ...(graded ? { highlight: question.answer } : {}) },
		t,
	);
}

/** A private practice question; its buttons carry the question id, and grading looks the question up again. */
export function renderPractice(question: Question, topicKey: string, t: Messages): Reply {
	return {
		content: '',
		embeds: [practiceEmbed(question, '', t)],
		components: [practiceButtons(question, topicKey, false, t)],
	};
}

/** A graded practice question: the verdict, the explanation, Explain and Next buttons. */
export function renderPracticeResult(
	question: Question,
	choice: number,
	conceptKey: string | null,
	topicKey: string,
	t: Messages,
	queued: string | null = null,
): Reply {
	const correct =
		choice === question.answer
			? t.quiz.correct({ answer: optionText(question, choice, t) })
			: t.quiz.wrong({
					chosen: optionText(question, choice, t),
					answer: optionText(question, question.answer, t),
				});
	const verdict = queued === null ? correct : `${correct}\n${queued}`;
	const buttons: APIButtonComponent[] = [
		{
			type: ComponentType.Button,
			style: ButtonStyle.Primary,
			label: t.quiz.nextQuestion,
			custom_id: encodeCustomId('quiz', 'next', topicKey),
		},
	];
	if (conceptKey !== null) buttons.push(explainRow(conceptKey, t).components[0] as APIButtonComponent);
	return {
		content: '',
		embeds: [practiceEmbed(question, `\n\n${verdict}\n\n${explanationBlock(question, t)}`, t)],
		components: [practiceButtons(question, topicKey, true, t), { type: ComponentType.ActionRow, components: buttons }],
	};
}

/** `/daily status` (and the reply to `/daily setup`, headed by "Saved." when `saved`). */
export function renderDailyStatus(status: DailyStatus, saved: boolean, t: Messages): string {
	const lines: string[] = saved ? [t.daily.saved] : [];
	const { schedule } = status;
	if (schedule === null) {
		lines.push(t.daily.notSetUp);
	} else {
		lines.push(
			t.daily.statusChannel({ channel: `<#${schedule.channelId}>` }),
			t.daily.statusTime({ time: schedule.time, zone: schedule.zone, enabled: schedule.enabled }),
			status.nextPostAt === null
				? t.daily.statusNoNextPost
				: t.daily.statusNextPost({ next: formatZoned(status.nextPostAt, schedule.zone) }),
		);
		const today = status.today;
		if (today === null) lines.push(t.daily.todayNotPosted);
		else if (today.state === 'failed')
			lines.push(
				t.daily.todayFailed({
					reason: today.failure === null ? t.daily.unknownReason : describeProblem(today.failure, t),
				}),
			);
		else if (today.state === 'sending') lines.push(t.daily.todaySending);
		else {
			lines.push(
				t.daily.todayPosted({
					open: today.state === 'open',
					answers: Object.keys(today.answers).length,
					link: today.messageId === null ? '' : ` — ${messageLink(today)}`,
				}),
			);
		}
	}
	if (status.lastError !== null) lines.push(t.daily.lastProblem({ problem: describeProblem(status.lastError, t) }));
	return truncate(lines.join('\n'), LIMITS.content);
}

function messageLink(post: DailyPost): string {
	return `https://discord.com/channels/${post.guildId}/${post.channelId}/${post.messageId ?? ''}`;
}

/** The reply to `/daily post`. */
export function renderPostOutcome(post: DailyPost, created: boolean, t: Messages): string {
	if (post.state === 'failed')
		return t.daily.postFailed({
			reason: post.failure === null ? t.daily.postUnknownReason : describeProblem(post.failure, t),
		});
	if (post.state === 'sending') return t.daily.postSending;
	if (created) return t.daily.posted({ channel: `<#${post.channelId}>`, link: messageLink(post) });
	return t.daily.alreadyPosted({ open: post.state === 'open', link: messageLink(post) });
}
