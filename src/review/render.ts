import {
	type APIActionRowComponent,
	type APIButtonComponent,
	type APIEmbed,
	type APIEmbedField,
	ButtonStyle,
	ComponentType,
} from 'discord.js';
import { encodeCustomId } from '../discord/custom-id.ts';
import { LIMITS, neutraliseMentions, truncate } from '../discord/text.ts';
import type { Messages } from '../i18n/messages.ts';
import type { Question } from '../quiz/question.ts';
import { optionLabel, optionText, type Reply } from '../quiz/render.ts';
import { explanationIn, stemIn } from '../quiz/wording.ts';
import { RATINGS, type ReviewRating } from './card.ts';
import { EXPORT_FILES, type ExportFile, exportFiles, missedCards } from './export.ts';
import { MAX_ANSWERS, type MemberStudy, type ReminderSettings, type StudyCard } from './records.ts';
import type { GradeResult, RefusalReason, ServeResult, StudyOverview } from './store.ts';
import { discordTime } from './time.ts';

/** The custom_ids of `/review`'s buttons. */
export const reviewIds = {
	answer: (questionId: string, index: number) => encodeCustomId('review', 'answer', questionId, index),
	show: (questionId: string) => encodeCustomId('review', 'show', questionId),
	rate: (questionId: string, rating: ReviewRating) => encodeCustomId('review', 'rate', questionId, rating),
	next: () => encodeCustomId('review', 'next'),
} as const;

type Served = Extract<ServeResult, { kind: 'served' }>;
type NothingServed = Extract<ServeResult, { kind: 'none' }>;
type Graded = Extract<GradeResult, { kind: 'graded' }>;

type ActionStyle = ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger;

const RATING_STYLES: Record<ReviewRating, ActionStyle> = {
	1: ButtonStyle.Danger,
	2: ButtonStyle.Secondary,
	3: ButtonStyle.Success,
	4: ButtonStyle.Primary,
};

function row(components: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> {
	return { type: ComponentType.ActionRow, components };
}

function button(label: string, customId: string, style: ActionStyle, disabled = false): APIButtonComponent {
	return {
		type: ComponentType.Button,
		style,
		label: truncate(label, LIMITS.buttonLabel),
		custom_id: customId,
		disabled,
	};
}

/** `in 3 days (<t:…:f>)`: words from now, and the exact time in the reader's own zone. */
function when(at: Date, now: Date, t: Messages): { when: string; at: string } {
	return { when: t.review.relative({ ms: at.getTime() - now.getTime() }), at: discordTime(at) };
}

/** What the member is asked: the stem and its options, or for a flashcard its front. */
function front(question: Question, card: StudyCard, t: Messages): string {
	if (question.kind === 'definition') return t.review.recallMeaning({ term: neutraliseMentions(card.term) });
	if (question.kind === 'acronym') return neutraliseMentions(stemIn(question, t));
	const options = question.options.map((_, index) => optionText(question, index, t)).join('\n');
	return `${neutraliseMentions(stemIn(question, t))}\n\n${options}`;
}

function embed(card: StudyCard, description: string, footer: string, t: Messages): APIEmbed {
	return {
		title: truncate(t.review.title({ topic: neutraliseMentions(card.topic) }), LIMITS.embedTitle),
		description: truncate(description, LIMITS.embedDescription),
		footer: { text: truncate(footer, LIMITS.embedFooter) },
	};
}

function answerRow(
	question: Question,
	options: { disabled: boolean; highlight?: number },
	t: Messages,
): APIActionRowComponent<APIButtonComponent> {
	return row(
		question.options.map((_, index) =>
			button(
				optionLabel(question, index, t),
				reviewIds.answer(question.id, index),
				index === options.highlight ? ButtonStyle.Success : ButtonStyle.Primary,
				options.disabled,
			),
		),
	);
}

/** The question `/review` serves: options to click, or a flashcard front with Show answer. */
export function renderServed(served: Served, t: Messages): Reply {
	const { question, card } = served;
	const footer = `${t.review.dueCount({ due: served.due })} · ${t.review.footer}`;
	const content = served.notice === null ? '' : t.review.reminderTurnedOff;
	if (served.mode === 'flashcard') {
		return {
			content,
			embeds: [embed(card, `${front(question, card, t)}\n\n-# ${t.review.recallHint}`, footer, t)],
			components: [row([button(t.review.showAnswer, reviewIds.show(question.id), ButtonStyle.Primary)])],
		};
	}
	return {
		content,
		embeds: [embed(card, front(question, card, t), footer, t)],
		components: [answerRow(question, { disabled: false }, t)],
	};
}

/** A flashcard turned over: its back, and the four self-ratings. */
export function renderRevealed(question: Question, card: StudyCard, t: Messages): Reply {
	const description = `${front(question, card, t)}\n\n${neutraliseMentions(explanationIn(question, t))}\n\n-# ${t.review.rateHint}`;
	return {
		content: '',
		embeds: [embed(card, description, t.review.footer, t)],
		components: [
			row(
				RATINGS.map((rating) =>
					button(
						t.review.ratings[rating - 1] ?? String(rating),
						reviewIds.rate(question.id, rating),
						RATING_STYLES[rating],
					),
				),
			),
		],
	};
}

/** A graded review: the verdict, the explanation, when the concept comes back, and Next while more are due. */
export function renderGraded(graded: Graded, now: Date, t: Messages): Reply {
	const { question, card } = graded;
	const verdict =
		graded.choice === null
			? t.review.rated({ rating: t.review.ratings[graded.rating - 1] ?? String(graded.rating) })
			: graded.correct === true
				? t.review.correct({ answer: optionText(question, question.answer, t) })
				: t.review.wrong({
						chosen: optionText(question, graded.choice, t),
						answer: optionText(question, question.answer, t),
					});
	const explanation = graded.choice === null ? '' : `\n\n${neutraliseMentions(explanationIn(question, t))}`;
	const back = graded.choice === null ? `\n\n${neutraliseMentions(explanationIn(question, t))}` : '';
	const after = `${t.review.comesBack(when(graded.nextDueAt, now, t))}\n${graded.moreDue > 0 ? t.review.moreDue({ count: graded.moreDue }) : t.review.allDone}`;
	const description = `${front(question, card, t)}${back}\n\n${verdict}${explanation}\n\n${after}`;
	const components: APIActionRowComponent<APIButtonComponent>[] = [];
	if (graded.choice !== null) components.push(answerRow(question, { disabled: true, highlight: question.answer }, t));
	if (graded.moreDue > 0) components.push(row([button(t.review.next, reviewIds.next(), ButtonStyle.Primary)]));
	return { content: '', embeds: [embed(card, description, t.review.footer, t)], components };
}

/** Nothing is due: when the next review is, or how cards come about. */
export function renderNothingDue(none: NothingServed, now: Date, t: Messages): Reply {
	const lines = none.notice === null ? [] : [t.review.reminderTurnedOff];
	lines.push(none.nextDueAt === null ? t.review.noCards : t.review.nothingDue(when(none.nextDueAt, now, t)));
	return { content: lines.join('\n\n'), embeds: [], components: [] };
}

/** What `/review` shows for a serve result. */
export function renderServeResult(result: ServeResult, now: Date, t: Messages): Reply {
	return result.kind === 'served' ? renderServed(result, t) : renderNothingDue(result, now, t);
}

/** Why a button of `/review` did nothing. */
export function renderRefusal(reason: RefusalReason, t: Messages): string {
	if (reason === 'outdated') return t.review.refusedOutdated;
	if (reason === 'invalid') return t.review.refusedInvalid;
	return t.review.refusedNotPending;
}

/** The reply to `/review remind:on|off`. */
export function renderReminderSet(settings: ReminderSettings, at: { time: string; zone: string }, t: Messages): string {
	return settings.on ? t.review.reminderOn(at) : t.review.reminderOff;
}

/** The reminder's direct message, with a link to the server. */
export function renderReminderDm(count: number, guildId: string, t: Messages): string {
	return truncate(t.review.reminderDm({ count, link: `https://discord.com/channels/${guildId}` }), LIMITS.content);
}

/** The review lines of `/stats`, as an embed field. */
export function renderStudyField(overview: StudyOverview, now: Date, t: Messages): APIEmbedField {
	if (overview.cards === 0) return { name: t.review.statsName, value: t.review.statsEmpty };
	const { recalled, reviewed } = overview.retention;
	const lines = [t.review.statsDue({ due: overview.due, cards: overview.cards })];
	if (overview.due === 0 && overview.nextDueAt !== null)
		lines.push(t.review.statsNext({ when: t.review.relative({ ms: overview.nextDueAt.getTime() - now.getTime() }) }));
	lines.push(
		reviewed === 0
			? t.review.statsNoRetention
			: t.review.statsRetention({ percent: Math.round((recalled / reviewed) * 100), recalled, reviewed }),
		t.review.statsReminder({ on: overview.remindOn }),
	);
	return { name: t.review.statsName, value: truncate(lines.join('\n'), LIMITS.embedFieldValue) };
}

/** One line for the feedback to a daily or practice answer: the concept is in the review queue, back at `dueAt`. */
export function renderQueued(dueAt: Date, now: Date, t: Messages): string {
	return t.review.queued({ when: t.review.relative({ ms: dueAt.getTime() - now.getTime() }) });
}

/** `/mydata export`: the text and the files to attach (none when nothing is kept). */
export function renderExport(
	study: MemberStudy | undefined,
	serverName: string,
	t: Messages,
): { content: string; files: ExportFile[] } {
	if (study === undefined || (study.answers.length === 0 && Object.keys(study.cards).length === 0))
		return { content: t.mydata.exportEmpty, files: [] };
	const missed = missedCards(study).length;
	const lines = [
		t.mydata.exportIntro({ answers: study.answers.length, cards: Object.keys(study.cards).length }),
		t.mydata.exportAnswersFile({ file: EXPORT_FILES.answers, max: MAX_ANSWERS.toLocaleString('en-US') }),
		t.mydata.exportCardsFile({ file: EXPORT_FILES.cards }),
		missed > 0 ? t.mydata.exportDeckFile({ file: EXPORT_FILES.missedDeck, missed }) : t.mydata.exportNoMissed,
	];
	return {
		content: truncate(lines.join('\n'), LIMITS.content),
		files: exportFiles(study, t.mydata.deckName({ server: serverName })),
	};
}
