/**
 * From answers to review cards, end to end in one process (the real discord.js client, router, command handlers,
 * daily service and stores against the Discord fake; manual time and scheduler): a wrong daily answer is said to be
 * queued at once, becomes a card when the question closes and is scored, and `/review` asks about its concept the
 * next day; practice answers in a server make their cards at once. Expected texts come from the catalogs, and the
 * English and Korean ones are also spelled out once, so a catalog change cannot hide a wrong text.
 */
import { Locale, PermissionFlagsBits } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Messages, messagesIn } from '../../src/i18n/messages.ts';
import type { Question } from '../../src/quiz/question.ts';
import type { DailyPost } from '../../src/quiz/records.ts';
import { optionText } from '../../src/quiz/render.ts';
import { newCard, rateCard } from '../../src/review/card.ts';
import { discordTime } from '../../src/review/time.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { type InProcessBot, pressButton, runCommand, startInProcessBot } from '../support/in-process-bot.ts';
import { buttonsOf } from '../support/messages.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDA.daily-review-e2e.token';
const EN = messagesIn('en');
const KO = messagesIn('ko');
const EPHEMERAL = 64;
const DAY_MS = 86_400_000;
const DATE = '2026-12-01';
/** 09:00 in Seoul: the daily question's minute. */
const POSTED_AT = new Date('2026-12-01T00:00:00.000Z');
const ANSWERED_AT = new Date('2026-12-01T00:10:00.000Z');
/** The next post closes the question (Seoul 09:00 the next day). */
const CLOSES_AT = new Date('2026-12-02T00:00:00.000Z');
/** A day after the answers, an hour after the close. */
const NEXT_DAY = new Date('2026-12-02T01:00:00.000Z');
const QUEUED_TOMORROW_EN = '🔁 In your review queue: `/review` asks about it again tomorrow.';
const QUEUED_TOMORROW_KO = '🔁 복습 목록에 넣었습니다: 내일 `/review`에서 다시 나옵니다.';

let fake: FakeDiscord;
let bot: InProcessBot;
let guildId: string;
let channelId: string;
let admin: string;
/** English client; answers the daily question wrong. */
let jun: string;
/** Korean client; answers the daily question wrong. */
let minji: string;
/** English client; answers the daily question right. */
let sora: string;
/** English client; only practises. */
let tae: string;
/** Korean client; only practises. */
let hana: string;
let post: DailyPost;
let right: number;
let wrong: number;

const localeOf = (userId: string): Locale => (userId === minji || userId === hana ? Locale.Korean : Locale.EnglishUS);

async function command(userId: string, name: string, options: Record<string, string> = {}, subcommand?: string) {
	return runCommand(fake, {
		userId,
		guildId,
		channelId,
		name,
		options,
		locale: localeOf(userId),
		...(subcommand === undefined ? {} : { subcommand }),
	});
}

async function click(message: APIMessage | string, customId: string, userId: string) {
	return pressButton(fake, { message, customId, userId, locale: localeOf(userId) });
}

async function cardOf(userId: string, conceptId: string) {
	return (await bot.test.ctx.review.memberData(guildId, userId))?.cards[conceptId];
}

function question(id: string): Question {
	const found = bot.library.questions.get(id);
	if (found === undefined) throw new Error(`no question ${id} in the notes`);
	return found;
}

/** The practice question a `/quiz` reply asks, from its answer buttons (`v1:quiz:answer:<id>:<i>:<topic>`). */
function practiceOf(message: APIMessage): { question: Question; idOf: (choice: number) => string } {
	const [first] = buttonsOf(message);
	const [, , , questionId = '', , topic = ''] = (first?.customId ?? '').split(':');
	return { question: question(questionId), idOf: (choice) => `v1:quiz:answer:${questionId}:${choice}:${topic}` };
}

/**
 * Answers what `/review` served, rightly: the right option of a multiple-choice question, or Show answer then Good
 * for a flashcard. Returns the graded message.
 */
async function answerRightly(served: APIMessage, userId: string): Promise<APIMessage> {
	const [first] = buttonsOf(served);
	const [, , action = '', questionId = ''] = (first?.customId ?? '').split(':');
	if (action === 'show') {
		const back = await click(served, `v1:review:show:${questionId}`, userId);
		return (await click(back.message, `v1:review:rate:${questionId}:3`, userId)).message;
	}
	const asked = question(questionId);
	return (await click(served, `v1:review:answer:${questionId}:${asked.answer}`, userId)).message;
}

/** The question id behind the buttons of a served review. */
function servedQuestion(served: APIMessage): Question {
	const [first] = buttonsOf(served);
	return question((first?.customId ?? '').split(':')[3] ?? '');
}

function queuedLine(t: Messages, ms: number): string {
	return t.review.queued({ when: t.review.relative({ ms }) });
}

beforeAll(async () => {
	fake = await FakeDiscord.start({ token: TOKEN });
	guildId = fake.addGuild({ name: 'Study Hall', channels: [{ name: 'study' }] }).id;
	channelId = fake.channels(guildId)[0]?.id ?? '';
	admin = fake.addMember(guildId, { username: 'admin', permissions: PermissionFlagsBits.ManageGuild }).user.id;
	jun = fake.addMember(guildId, { username: 'jun' }).user.id;
	minji = fake.addMember(guildId, { username: 'minji' }).user.id;
	sora = fake.addMember(guildId, { username: 'sora' }).user.id;
	tae = fake.addMember(guildId, { username: 'tae' }).user.id;
	hana = fake.addMember(guildId, { username: 'hana' }).user.id;
	bot = await startInProcessBot(fake, { token: TOKEN, now: new Date('2026-11-30T12:00:00.000Z') });

	const setup = await command(admin, 'daily', { channel: channelId, time: '09:00', timezone: 'Asia/Seoul' }, 'setup');
	expect(setup.message.content?.split('\n')[0]).toBe(EN.daily.saved);
	bot.test.clock.set(POSTED_AT);
	await bot.test.scheduler.fire(`daily:${guildId}`);
	const stored = await bot.test.ctx.daily.post(guildId, DATE);
	if (stored === undefined || stored.state !== 'open') throw new Error('the daily question was not posted');
	post = stored;
	right = post.question.answer;
	wrong = (right + 1) % post.question.options.length;
}, 60_000);

afterAll(async () => {
	await bot?.stop();
	await fake?.close();
});

describe('a daily answer becomes a review card', () => {
	it('says a wrong answer is queued for tomorrow, in the member’s language; a right one is not queued', async () => {
		bot.test.clock.set(ANSWERED_AT);
		const id = `v1:daily:answer:${DATE}:${wrong}`;
		const english = await click(post.messageId ?? '', id, jun);
		expect(english.message.flags).toBe(EPHEMERAL);
		expect(english.message.content?.split('\n').slice(0, 3)).toEqual([
			EN.daily.feedbackWrong({
				choice: optionText(post.question, wrong, EN),
				answer: optionText(post.question, right, EN),
			}),
			queuedLine(EN, DAY_MS),
			'',
		]);
		expect(queuedLine(EN, DAY_MS)).toBe(QUEUED_TOMORROW_EN);

		const korean = await click(post.messageId ?? '', id, minji);
		expect(korean.message.content?.split('\n').slice(0, 3)).toEqual([
			KO.daily.feedbackWrong({
				choice: optionText(post.question, wrong, KO),
				answer: optionText(post.question, right, KO),
			}),
			queuedLine(KO, DAY_MS),
			'',
		]);
		expect(queuedLine(KO, DAY_MS)).toBe(QUEUED_TOMORROW_KO);

		const correct = await click(post.messageId ?? '', `v1:daily:answer:${DATE}:${right}`, sora);
		const lines = correct.message.content?.split('\n') ?? [];
		expect(lines[0]?.startsWith('✅ Correct: ')).toBe(true);
		expect(lines[1]).toBe('');
		expect(correct.message.content).not.toContain('🔁');
	});

	it('makes no card before the question closes: /review has nothing for the member', async () => {
		bot.test.clock.set(new Date(CLOSES_AT.getTime() - 60_000));
		const early = await command(jun, 'review');
		expect(early.message.flags).toBe(EPHEMERAL);
		expect(early.message.content).toBe(EN.review.noCards);
		expect(early.message.embeds).toEqual([]);
		expect(await bot.test.ctx.review.memberData(guildId, jun)).toBeUndefined();
		const korean = await command(minji, 'review');
		expect(korean.message.content).toBe(KO.review.noCards);
	});

	it('turns every answer into a card when the question closes and is scored, due as the feedback said', async () => {
		bot.test.clock.set(CLOSES_AT);
		await bot.test.scheduler.fire(`daily:${guildId}`);
		expect((await bot.test.ctx.daily.post(guildId, DATE))?.state).toBe('closed');
		const conceptId = post.question.conceptId;
		const missed = rateCard(newCard(ANSWERED_AT), 1, ANSWERED_AT);
		expect(missed.due).toBe('2026-12-02T00:10:00.000Z');
		for (const userId of [jun, minji]) {
			const card = await cardOf(userId, conceptId);
			expect(card?.fsrs).toEqual(missed);
			expect(card?.term).toBe(bot.library.index.get(conceptId)?.title);
			expect(card?.back).toBe(post.question.explanation);
			expect({ answered: card?.answered, missed: card?.missed }).toEqual({ answered: 1, missed: 1 });
		}
		const study = await bot.test.ctx.review.memberData(guildId, jun);
		expect(study?.answers).toEqual([
			{
				at: ANSWERED_AT.toISOString(),
				source: 'daily',
				date: DATE,
				questionId: post.question.id,
				conceptId,
				topic: post.question.topic,
				kind: post.question.kind,
				correct: false,
				rating: 1,
				cardState: 'new',
			},
		]);

		// Closed, but not due yet: ten minutes to go.
		const notYet = await command(jun, 'review');
		expect(notYet.message.content).toBe(
			EN.review.nothingDue({ when: 'in 10 minutes', at: discordTime(new Date(missed.due)) }),
		);
	});

	it('serves the daily question’s concept a day later and reschedules it when answered rightly', async () => {
		bot.test.clock.set(NEXT_DAY);
		const conceptId = post.question.conceptId;
		const served = await command(jun, 'review');
		expect(served.message.flags).toBe(EPHEMERAL);
		expect(servedQuestion(served.message).conceptId).toBe(conceptId);
		expect(served.message.embeds[0]?.title).toBe(EN.review.title({ topic: post.question.topic }));
		expect(served.message.embeds[0]?.footer?.text).toBe(`${EN.review.dueCount({ due: 1 })} · ${EN.review.footer}`);

		const graded = await answerRightly(served.message, jun);
		expect(graded.embeds[0]?.description).toContain(
			EN.review.comesBack({ when: 'in 3 days', at: discordTime(new Date('2026-12-05T01:00:00.000Z')) }),
		);
		expect(graded.embeds[0]?.description?.endsWith(EN.review.allDone)).toBe(true);
		const expected = rateCard(rateCard(newCard(ANSWERED_AT), 1, ANSWERED_AT), 3, NEXT_DAY);
		const card = await cardOf(jun, conceptId);
		expect(card?.fsrs).toEqual(expected);
		expect(card?.fsrs.due).toBe('2026-12-05T01:00:00.000Z');
		expect(card?.fsrs.state).toBe('review');
		expect({ answered: card?.answered, missed: card?.missed }).toEqual({ answered: 2, missed: 1 });
		const study = await bot.test.ctx.review.memberData(guildId, jun);
		expect(study?.answers.map((answer) => [answer.source, answer.at, answer.rating])).toEqual([
			['daily', ANSWERED_AT.toISOString(), 1],
			['review', NEXT_DAY.toISOString(), 3],
		]);

		const done = await command(jun, 'review');
		expect(done.message.content).toBe(
			EN.review.nothingDue({ when: 'in 3 days', at: discordTime(new Date('2026-12-05T01:00:00.000Z')) }),
		);
	});

	it('serves the Korean member the same concept in Korean', async () => {
		const served = await command(minji, 'review');
		expect(servedQuestion(served.message).conceptId).toBe(post.question.conceptId);
		expect(served.message.embeds[0]?.title).toBe(KO.review.title({ topic: post.question.topic }));
		expect(served.message.embeds[0]?.footer?.text).toBe(`${KO.review.dueCount({ due: 1 })} · ${KO.review.footer}`);
	});

	it('makes a right daily answer a card that is not due the next day', async () => {
		const expected = rateCard(newCard(ANSWERED_AT), 3, ANSWERED_AT);
		const card = await cardOf(sora, post.question.conceptId);
		expect(card?.fsrs).toEqual(expected);
		expect({ answered: card?.answered, missed: card?.missed }).toEqual({ answered: 1, missed: 0 });
		const due = new Date(expected.due);
		expect(due.getTime()).toBeGreaterThan(ANSWERED_AT.getTime() + 2 * DAY_MS);
		const reply = await command(sora, 'review');
		expect(reply.message.content).toBe(
			EN.review.nothingDue({
				when: EN.review.relative({ ms: due.getTime() - NEXT_DAY.getTime() }),
				at: discordTime(due),
			}),
		);
		expect(reply.message.components).toEqual([]);
	});
});

describe('a practice answer in a server', () => {
	it('says a wrong answer is queued and makes its card at once', async () => {
		const at = new Date('2026-12-02T03:00:00.000Z');
		bot.test.clock.set(at);
		const practice = await command(tae, 'quiz');
		expect(practice.message.flags).toBe(EPHEMERAL);
		const { question: asked, idOf } = practiceOf(practice.message);
		const chosen = (asked.answer + 1) % asked.options.length;
		const graded = await click(practice.message, idOf(chosen), tae);
		expect(graded.message.embeds[0]?.description).toContain(
			`${EN.quiz.wrong({ chosen: optionText(asked, chosen, EN), answer: optionText(asked, asked.answer, EN) })}\n${QUEUED_TOMORROW_EN}\n\n`,
		);
		const study = await bot.test.ctx.review.memberData(guildId, tae);
		expect(Object.keys(study?.cards ?? {})).toEqual([asked.conceptId]);
		const card = study?.cards[asked.conceptId];
		expect(card?.fsrs).toEqual(rateCard(newCard(at), 1, at));
		expect(card?.fsrs.due).toBe('2026-12-03T03:00:00.000Z');
		expect({ answered: card?.answered, missed: card?.missed }).toEqual({ answered: 1, missed: 1 });
		expect(study?.answers.map((answer) => [answer.source, answer.questionId, answer.correct, answer.date])).toEqual([
			['practice', asked.id, false, null],
		]);

		// The next day `/review` serves it.
		bot.test.clock.set(new Date(at.getTime() + DAY_MS));
		const served = await command(tae, 'review');
		expect(servedQuestion(served.message).conceptId).toBe(asked.conceptId);
	});

	it('says so in Korean to a Korean member, and a right answer is not queued', async () => {
		const at = new Date('2026-12-03T05:00:00.000Z');
		bot.test.clock.set(at);
		const practice = await command(hana, 'quiz');
		const { question: asked, idOf } = practiceOf(practice.message);
		const chosen = (asked.answer + 1) % asked.options.length;
		const graded = await click(practice.message, idOf(chosen), hana);
		expect(graded.message.embeds[0]?.description).toContain(
			`${KO.quiz.wrong({ chosen: optionText(asked, chosen, KO), answer: optionText(asked, asked.answer, KO) })}\n${QUEUED_TOMORROW_KO}\n\n`,
		);
		expect((await cardOf(hana, asked.conceptId))?.fsrs).toEqual(rateCard(newCard(at), 1, at));

		bot.test.clock.set(new Date(at.getTime() + 60_000));
		const nextId = buttonsOf(graded.message).find((button) => button.customId.startsWith('v1:quiz:next:'))?.customId;
		const next = await click(graded.message, nextId ?? '', hana);
		const again = practiceOf(next.message);
		const rightly = await click(next.message, again.idOf(again.question.answer), hana);
		expect(rightly.message.embeds[0]?.description).toContain(
			`${KO.quiz.correct({ answer: optionText(again.question, again.question.answer, KO) })}\n\n`,
		);
		expect(rightly.message.embeds[0]?.description).not.toContain('🔁');
		const study = await bot.test.ctx.review.memberData(guildId, hana);
		expect(study?.answers.map((answer) => [answer.source, answer.questionId, answer.correct])).toEqual([
			['practice', asked.id, false],
			['practice', again.question.id, true],
		]);
		expect(fake.stats.rejected).toEqual([]);
		expect(fake.stats.failedInteractions).toEqual([]);
	});
});
