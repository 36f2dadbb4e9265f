/**
 * The bot's language end to end: the real discord.js client, command handlers, router and daily service against the
 * Discord fake, in a server whose preferred locale is Korean. Members whose client is Korean get Korean replies,
 * members whose client is English get English ones in the same server, and what the bot posts in the channel on its
 * own (the announcement, the daily question, its results) follows the server. Expectations are built from the
 * catalogs, so a text that is not looked up by language fails here.
 */
import path from 'node:path';
import {
	ButtonStyle,
	Client,
	ComponentType,
	Events,
	GatewayIntentBits,
	Locale,
	PermissionFlagsBits,
	Routes,
} from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { CommandModule } from '../../src/discord/command.ts';
import { loadCommands } from '../../src/discord/commands.ts';
import { routeInteraction } from '../../src/discord/router.ts';
import { messagesIn } from '../../src/i18n/messages.ts';
import { type Library, openLibrary } from '../../src/library.ts';
import type { Question } from '../../src/quiz/question.ts';
import { optionText } from '../../src/quiz/render.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { type TestContext, testContext } from '../support/context.ts';
import { buttonsOf, clickFor, replyTo } from '../support/messages.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDA.korean-e2e.token';
const KO = messagesIn('ko');
const EN = messagesIn('en');
const LETTERS = ['A', 'B', 'C', 'D'];
const DATE = '2026-12-01';
const HANGUL = /[\uac00-\ud7a3]/;
const CLOSES = '2026-12-02 09:00 (Asia/Seoul)';
/** How a Korean explanation names its source: `-# 출처: file › heading`. */
const KO_SOURCE = `-# ${KO.common.source({ source: '' })}`;

let fake: FakeDiscord;
let client: Client;
let library: Library;
let commands: ReadonlyMap<string, CommandModule>;
let test: TestContext;
const inFlight = new Set<Promise<void>>();
let guildId: string;
let channelId: string;
/** Manage Server, English client. */
let admin: string;
/** Korean client. */
let minsu: string;
/** English client, in the same Korean server. */
let alex: string;

function localeOf(userId: string): Locale {
	return userId === minsu ? Locale.Korean : Locale.EnglishUS;
}

async function command(name: string, userId: string, options: Record<string, string> = {}, subcommand?: string) {
	return replyTo(fake, {
		userId,
		guildId,
		channelId,
		name,
		options,
		locale: localeOf(userId),
		...(subcommand === undefined ? {} : { subcommand }),
	});
}

async function click(message: APIMessage | string, customId: string, userId: string): Promise<APIMessage> {
	return clickFor(fake, { message, customId, userId, locale: localeOf(userId) });
}

/** What the bot posted in the channel on its own, not in reply to an interaction. */
function channelPosts(): APIMessage[] {
	return fake.messages(channelId).filter((message) => message.interaction_metadata === undefined);
}

function fieldsOf(message: APIMessage): Record<string, string> {
	return Object.fromEntries((message.embeds[0]?.fields ?? []).map((field) => [field.name, field.value]));
}

function labels(message: APIMessage | undefined): string[] {
	return buttonsOf(message).map((button) => button.label);
}

/** The first line of a question as a message shows it; checked to be other than the stored English. */
function askedIn(message: APIMessage | undefined, question: Question): string {
	const asked = message?.embeds[0]?.description?.split('\n')[0] ?? '';
	expect(asked).not.toBe(question.stem.split('\n')[0]);
	return asked;
}

/** The question of the day as stored, and an answer that is right and one that is wrong. */
async function todaysQuestion(): Promise<{ question: Question; right: number; wrong: number }> {
	const post = await test.ctx.daily.post(guildId, DATE);
	if (post === undefined) throw new Error('no daily post stored');
	const right = post.question.answer;
	return { question: post.question, right, wrong: (right + 1) % post.question.options.length };
}

beforeAll(async () => {
	library = await openLibrary(path.join(PROJECT_DIR, 'data/notes'));
	commands = await loadCommands(path.join(PROJECT_DIR, 'commands'));
	fake = await FakeDiscord.start({ token: TOKEN });
	const guild = fake.addGuild({ name: '스터디', locale: Locale.Korean, channels: [{ name: 'study' }] });
	guildId = guild.id;
	channelId = fake.channels(guildId)[0]?.id ?? '';
	admin = fake.addMember(guildId, { username: 'admin', permissions: PermissionFlagsBits.ManageGuild }).user.id;
	minsu = fake.addMember(guildId, { username: 'minsu' }).user.id;
	alex = fake.addMember(guildId, { username: 'alex' }).user.id;
	client = new Client({
		intents: [GatewayIntentBits.Guilds],
		allowedMentions: { parse: [] },
		rest: { api: fake.apiUrl },
	});
	test = testContext(library, { rest: client.rest, now: new Date('2026-11-30T12:00:00Z') });
	client.on(Events.InteractionCreate, (interaction) => {
		const task = routeInteraction(interaction, commands, test.ctx).finally(() => inFlight.delete(task));
		inFlight.add(task);
	});
	await client.login(TOKEN);
	await fake.waitForReady();
	await client.application?.commands.set([...commands.values()].map((c) => c.data.toJSON()));
	await test.ctx.daily.start();
}, 60_000);

afterAll(async () => {
	await Promise.allSettled(inFlight);
	await client.destroy();
	await fake.close();
});

describe('a Korean server', () => {
	it('refuses /daily setup to a Korean member without Manage Server, in Korean', async () => {
		fake.grantCommand(guildId, 'daily', minsu);
		const reply = await command('daily', minsu, { channel: channelId, time: '09:00' }, 'setup');
		expect(reply.content).toBe(KO.daily.manageServerOnly);
	});

	it('answers the admin in their own language and announces the daily question in the server’s', async () => {
		const reply = await command('daily', admin, { channel: channelId, time: '09:00', timezone: 'Asia/Seoul' }, 'setup');
		expect(reply.content?.split('\n').slice(0, 2)).toEqual([EN.daily.saved, `**Channel:** <#${channelId}>`]);
		expect(channelPosts().map((message) => message.content)).toEqual([
			KO.daily.announcement({ time: '09:00', zone: 'Asia/Seoul', first: '2026-12-01 09:00 (Asia/Seoul)' }),
		]);
		expect((await test.ctx.daily.schedule(guildId))?.locale).toBe(Locale.Korean);
	});

	it('posts the daily question in Korean, and gives each member feedback in their own language', async () => {
		test.clock.set(new Date('2026-12-01T00:00:00Z'));
		await test.scheduler.fire(`daily:${guildId}`);
		const post = channelPosts().find((message) => message.embeds[0]?.title === KO.daily.postTitle({ date: DATE }));
		expect(post?.embeds[0]?.footer?.text).toBe(KO.daily.postOpenFooter({ closes: CLOSES }));
		const { question, right, wrong } = await todaysQuestion();
		const optionLabels =
			question.kind === 'true-false'
				? [KO.quiz.optionTrue, KO.quiz.optionFalse]
				: LETTERS.slice(0, question.options.length);
		expect(labels(post)).toEqual(optionLabels);
		expect(askedIn(post, question)).toMatch(HANGUL);
		if (post === undefined) return;

		const mine = await click(post, `v1:daily:answer:${DATE}:${right}`, minsu);
		expect(mine.content?.split('\n')[0]).toBe(
			KO.daily.feedbackCorrect({ choice: optionText(question, right, KO), closes: CLOSES }),
		);
		expect(mine.content).toContain(KO_SOURCE);
		expect(labels(mine)).toEqual([KO.common.explain]);
		const again = await click(post, `v1:daily:answer:${DATE}:${wrong}`, minsu);
		expect(again.content?.split('\n')[0]).toBe(
			KO.daily.feedbackAlready({ choice: optionText(question, right, KO), correct: true }),
		);

		const theirs = await click(post, `v1:daily:answer:${DATE}:${wrong}`, alex);
		expect(theirs.content?.split('\n')[0]).toBe(
			`❌ Not this time: you answered ${optionText(question, wrong, EN)}; the answer is ${optionText(question, right, EN)}.`,
		);
		expect(labels(theirs)).toEqual(['Explain']);
	});

	it('closes the question and posts the results in Korean', async () => {
		test.clock.set(new Date('2026-12-02T00:00:00Z'));
		await test.scheduler.fire(`daily:${guildId}`);
		const { question, right } = await todaysQuestion();
		const results = channelPosts().find(
			(message) => message.embeds[0]?.title === KO.daily.resultsTitle({ date: DATE }),
		);
		const lines = results?.embeds[0]?.description?.split('\n') ?? [];
		expect(lines[0]).toBe(KO.daily.resultsAnswer({ answer: optionText(question, right, KO) }));
		expect(lines.at(-1)).toBe(KO.daily.resultsSummary({ correct: 1, total: 2, percent: 50 }));
		expect(lines.at(-1)).toBe('**2명 중 1명** 정답 (50%).');
		expect(results?.embeds[0]?.footer?.text.startsWith('출처: ')).toBe(true);
		expect(labels(results)).toEqual([KO.common.explain]);
		const closed = channelPosts().find((message) => message.embeds[0]?.title === KO.daily.postTitle({ date: DATE }));
		const answerLabel =
			question.kind === 'true-false' ? [KO.quiz.optionTrue, KO.quiz.optionFalse][right] : LETTERS[right];
		expect(closed?.embeds[0]?.footer?.text).toBe(KO.daily.postClosedFooter({ answer: answerLabel ?? '' }));
		expect(buttonsOf(closed).every((button) => button.disabled)).toBe(true);
	});

	it('shows /stats and /leaderboard in Korean to a Korean member, in English to an English one', async () => {
		const mine = await command('stats', minsu, {}, 'member');
		expect(fieldsOf(mine)).toEqual({
			[KO.scores.fieldPoints]: KO.scores.points({ points: 10 }),
			[KO.scores.fieldRank]: KO.scores.rank({ rank: 1, ranked: 1 }),
			[KO.scores.fieldAnswered]: KO.scores.answered({ answered: 1 }),
			[KO.scores.fieldAccuracy]: KO.scores.accuracy({ percent: 100, correct: 1, answered: 1 }),
			[KO.scores.fieldStreak]: KO.scores.streak({ streak: 1, best: 1 }),
			[KO.scores.fieldWeakest]: KO.scores.noWeakTopics,
			[KO.review.statsName]: expect.stringContaining(`${KO.review.statsDue({ due: 0, cards: 1 })}\n`),
		});
		expect(fieldsOf(mine)[KO.scores.fieldPoints]).toBe('10점');
		expect(mine.embeds[0]?.footer?.text).toBe(KO.scores.statsFooter);

		const theirs = await command('stats', alex, {}, 'member');
		expect(fieldsOf(theirs)).toMatchObject({ Points: '0 points', Rank: '—', Answered: '1', Accuracy: '0% (0/1)' });

		const board = await command('leaderboard', minsu);
		expect(board.embeds[0]?.title).toBe(KO.scores.leaderboardTitle({ period: KO.scores.periods.all }));
		expect(board.embeds[0]?.description?.split('\n')).toEqual([
			KO.scores.ownStanding({
				line: KO.scores.standing({ rank: 1, member: `<@${minsu}>`, points: KO.scores.points({ points: 10 }) }),
			}),
			'',
			KO.scores.viewer({ rank: 1, total: 1, points: KO.scores.points({ points: 10 }) }),
		]);
		expect(board.embeds[0]?.footer?.text).toBe(KO.scores.boardFooter({ label: 'Asia/Seoul', page: 1, pages: 1 }));
	});

	it('explains and searches in Korean', async () => {
		const card = await command('explain', minsu, { concept: 'apparmor' });
		expect(card.embeds[0]?.fields).toEqual([{ name: KO.explain.alsoCalled, value: 'Application Armor' }]);
		const nothing = await command('explain', minsu, { concept: 'qwzxv' });
		expect(nothing.content).toBe(KO.explain.notFound({ query: 'qwzxv' }));
		const english = await command('explain', alex, { concept: 'qwzxv' });
		expect(english.content).toBe(
			'No concept in the notes matches “qwzxv”. Try `/search` with other words, or check the spelling.',
		);
		const found = await command('search', minsu, { query: '파일 경로에 적용하는 보안 모듈' });
		expect(found.embeds[0]?.title).toBe(KO.search.title({ query: '파일 경로에 적용하는 보안 모듈' }));
		expect(found.embeds[0]?.footer?.text).toMatch(/^결과 \d+개 중 \d+개$/);
	});

	it('asks and grades a practice question in Korean', async () => {
		const practice = await command('quiz', minsu);
		const [first] = buttonsOf(practice);
		const questionId = first?.customId.split(':')[3] ?? '';
		const question = test.ctx.library.questions.get(questionId);
		if (question === undefined) throw new Error(`no practice question ${questionId}`);
		expect(practice.embeds[0]?.title).toBe(KO.quiz.practiceTitle({ topic: question.topic }));
		expect(practice.embeds[0]?.footer?.text).toBe(KO.quiz.practiceFooter);
		if (question.kind === 'true-false') expect(labels(practice)).toEqual([KO.quiz.optionTrue, KO.quiz.optionFalse]);
		expect(askedIn(practice, question)).toMatch(HANGUL);

		const graded = await click(practice, first?.customId ?? '', minsu);
		const verdict =
			question.answer === 0
				? KO.quiz.correct({ answer: optionText(question, 0, KO) })
				: KO.quiz.wrong({ chosen: optionText(question, 0, KO), answer: optionText(question, question.answer, KO) });
		expect(graded.embeds[0]?.description).toContain(verdict);
		expect(graded.embeds[0]?.description).toContain(KO_SOURCE);
		const [, next] = graded.components ?? [];
		expect(
			next !== undefined && 'components' in next ? next.components.map((b) => ('label' in b ? b.label : '')) : [],
		).toEqual([KO.quiz.nextQuestion, KO.common.explain]);
	});

	it('tells a member about a button that no longer works in their language', async () => {
		const old = (await client.rest.post(Routes.channelMessages(channelId), {
			body: {
				content: '📚',
				components: [
					{
						type: ComponentType.ActionRow,
						components: [
							{ type: ComponentType.Button, style: ButtonStyle.Primary, label: '⏭', custom_id: 'v1:retired:go' },
						],
					},
				],
			},
		})) as APIMessage;
		const korean = await click(old, 'v1:retired:go', minsu);
		expect(korean.content).toBe(KO.common.staleButton);
		expect(korean.content).toBe('이 버튼은 더 이상 작동하지 않습니다. 명령어를 다시 실행해 주세요.');
		expect((await click(old, 'v1:retired:go', alex)).content).toBe(
			'This button no longer works. Run the command again.',
		);
		expect(fake.stats.rejected).toEqual([]);
	});
});
