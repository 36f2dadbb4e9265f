/**
 * Spaced review end to end in one process: the real discord.js client, command loader, router, `/review` handlers,
 * review store on SQLite and reminder job against the Discord fake; only time and the scheduler are manual, so a test
 * can stand at 18:00 in Seoul and fire the reminder sweep. Answers to the daily question and to `/quiz` are recorded
 * through the review store as their handlers record them.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Events, GatewayIntentBits, Locale } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { Context } from '../../src/context.ts';
import type { CommandModule } from '../../src/discord/command.ts';
import { loadCommands } from '../../src/discord/commands.ts';
import { routeInteraction } from '../../src/discord/router.ts';
import { type Library, openLibrary } from '../../src/library.ts';
import type { Question } from '../../src/quiz/question.ts';
import { newCard, rateCard } from '../../src/review/card.ts';
import { REMIND_JOB, ReminderService } from '../../src/review/remind.ts';
import { GroupCommitter } from '../../src/store/commit.ts';
import { type OpenStore, openKeyv } from '../../src/store/keyv.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { type TestContext, testContext } from '../support/context.ts';
import { buttonsOf, clickFor, replyTo } from '../support/messages.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDA.review-e2e.token';
const EPHEMERAL = 64;
const T0 = new Date('2026-12-01T00:00:00.000Z');
const NEXT_DAY = new Date('2026-12-02T01:00:00.000Z');
/** VM and 가상화 each give a term question (multiple choice) and a definition question (a flashcard). */
const VM_TERM = 'tm-2jahe58j1478c';
const VM_DEFINITION = 'df-1a1gum7kl6qiz';
const VIRT_TERM = 'tm-3e3l85xyhpscj';
const VIRT_DEFINITION = 'df-olyrd9zhaph8';

let fake: FakeDiscord;
let library: Library;
let commands: ReadonlyMap<string, CommandModule>;
let client: Client;
let store: OpenStore;
let test: TestContext;
let ctx: Context;
let reminders: ReminderService;
const inFlight = new Set<Promise<void>>();
let guildId: string;
let channelId: string;
let jun: string;
let minji: string;

beforeAll(async () => {
	library = await openLibrary(path.join(PROJECT_DIR, 'data/notes'));
	commands = await loadCommands(path.join(PROJECT_DIR, 'commands'));
	fake = await FakeDiscord.start({ token: TOKEN });
	guildId = fake.addGuild({ name: 'Study Hall', channels: [{ name: 'study' }] }).id;
	channelId = fake.channels(guildId)[0]?.id ?? '';
	jun = fake.addMember(guildId, { username: 'jun' }).user.id;
	minji = fake.addMember(guildId, { username: 'minji' }).user.id;

	client = new Client({
		intents: [GatewayIntentBits.Guilds],
		allowedMentions: { parse: [] },
		rest: { api: fake.apiUrl },
	});
	store = await openKeyv(
		`sqlite://${path.join(await mkdtemp(path.join(os.tmpdir(), 'review-e2e-')), 'study.sqlite')}`,
		'/',
	);
	test = testContext(library, { rest: client.rest, store: store.keyv, lock: store.lock, now: T0 });
	const committer = new GroupCommitter(store.keyv, store.lock);
	ctx = test.ctx;
	reminders = new ReminderService({
		store: store.keyv,
		committer,
		clock: test.clock,
		logger: test.ctx.logger,
		rest: client.rest,
		scheduler: test.scheduler,
		owns: () => true,
		zoneOf: (id) => test.ctx.daily.zone(id),
		questions: () => test.ctx.library.questions,
	});
	client.on(Events.InteractionCreate, (interaction) => {
		const task = routeInteraction(interaction, commands, ctx).finally(() => inFlight.delete(task));
		inFlight.add(task);
	});
	await client.login(TOKEN);
	await fake.waitForReady();
	await client.application?.commands.set([...commands.values()].map((command) => command.data.toJSON()));
	await reminders.start();
}, 60_000);

afterAll(async () => {
	reminders?.stop();
	await Promise.allSettled(inFlight);
	await client?.destroy();
	await store?.close();
	await fake?.close();
});

function question(id: string): Question {
	const found = library.questions.get(id);
	if (found === undefined) throw new Error(`no question ${id} in the default notes`);
	return found;
}

/** Records a wrong answer the way the practice and daily handlers do. */
async function missed(userId: string, id: string, at: Date, daily: string | null = null): Promise<void> {
	const asked = question(id);
	await ctx.review.recordAnswer(guildId, userId, {
		question: asked,
		term: library.index.get(asked.conceptId)?.title ?? asked.conceptId,
		correct: false,
		source: daily === null ? 'practice' : 'daily',
		date: daily,
		at,
	});
}

const review = (userId: string, options: Record<string, string> = {}, locale?: Locale) =>
	replyTo(fake, { userId, guildId, channelId, name: 'review', options, ...(locale === undefined ? {} : { locale }) });
const click = (message: APIMessage, customId: string, userId: string, locale?: Locale) =>
	clickFor(fake, { message, customId, userId, ...(locale === undefined ? {} : { locale }) });
const ids = (message: APIMessage) => buttonsOf(message).map((button) => button.customId);
const description = (message: APIMessage) => message.embeds[0]?.description ?? '';

async function cardOf(userId: string, conceptId: string) {
	return (await ctx.review.memberData(guildId, userId))?.cards[conceptId];
}

describe('/review through Discord', () => {
	it('is registered with the other commands', () => {
		expect(fake.commands().map((command) => command.name)).toContain('review');
		expect(test.scheduler.jobs().find((job) => job.name === REMIND_JOB)).toEqual({
			name: REMIND_JOB,
			cron: '*/15 * * * *',
			zone: 'UTC',
		});
	});

	it('serves missed practice answers the next day: answer, reschedule, Next, then a flashcard rated Good', async () => {
		await missed(jun, VM_DEFINITION, T0);
		await missed(jun, VIRT_TERM, new Date(T0.getTime() + 60_000));
		test.clock.set(NEXT_DAY);

		const served = await review(jun);
		expect(served.flags).toBe(EPHEMERAL);
		expect(served.embeds[0]?.footer?.text).toBe(
			'2 due · Only you see this. Reviews change your own schedule, never the leaderboard.',
		);
		expect(ids(served)).toEqual([0, 1, 2, 3].map((i) => `v1:review:answer:${VM_TERM}:${i}`));

		// A second `/review` before answering shows the same question again; the first message keeps its buttons.
		const again = await review(jun);
		expect(ids(again)).toEqual(ids(served));
		const right = question(VM_TERM).answer;
		const graded = await click(again, `v1:review:answer:${VM_TERM}:${right}`, jun);
		expect(graded.id).toBe(again.id);
		expect(description(graded)).toContain(
			`🔁 Comes back in 3 days (<t:${Date.parse('2026-12-05T01:00:00Z') / 1000}:f>).\n1 more review is due.`,
		);
		const vm = await cardOf(jun, question(VM_TERM).conceptId);
		expect(vm?.fsrs.due).toBe(new Date(test.clock.now().getTime() + 3 * 86_400_000).toISOString());
		expect(vm?.fsrs).toEqual(rateCard(rateCard(newCard(T0), 1, T0), 3, NEXT_DAY));
		expect(ids(graded).at(-1)).toBe('v1:review:next');

		const flashcard = await click(graded, 'v1:review:next', jun);
		expect(description(flashcard)).toBe('What does **가상화** mean?\n\n-# Recall it first, then show the answer.');
		expect(ids(flashcard)).toEqual([`v1:review:show:${VIRT_DEFINITION}`]);
		const back = await click(flashcard, `v1:review:show:${VIRT_DEFINITION}`, jun);
		expect(description(back)).toContain(question(VIRT_DEFINITION).explanation);
		expect(buttonsOf(back).map((button) => button.label)).toEqual(['Again', 'Hard', 'Good', 'Easy']);
		const good = await click(back, `v1:review:rate:${VIRT_DEFINITION}:3`, jun);
		expect(description(good).endsWith('🎉 That was the last review due for now.')).toBe(true);
		expect(buttonsOf(good)).toEqual([]);
		const virt = await cardOf(jun, question(VIRT_DEFINITION).conceptId);
		const at = new Date(T0.getTime() + 60_000);
		expect(virt?.fsrs).toEqual(rateCard(rateCard(newCard(at), 1, at), 3, NEXT_DAY));
		expect(virt?.fsrs.due).toBe('2026-12-05T01:00:00.000Z');

		// The first message's buttons still show, but that question was answered: refused, nothing changes.
		const replay = await click(served, `v1:review:answer:${VM_TERM}:${right}`, jun);
		expect(replay.id).not.toBe(served.id);
		expect(replay.flags).toBe(EPHEMERAL);
		expect(replay.content).toBe(
			'This review is over: it was answered already, or a newer `/review` replaced it. Run `/review` for the next one.',
		);
		expect((await cardOf(jun, question(VM_TERM).conceptId))?.fsrs).toEqual(vm?.fsrs);
		expect(fake.stats.rejected).toEqual([]);
		expect(fake.stats.failedInteractions).toEqual([]);
	});

	it('reminds a Korean member by DM at 18:00 in Seoul, once, and reviews with her in Korean', async () => {
		const on = await review(minji, { remind: 'on' }, Locale.Korean);
		expect(on.flags).toBe(EPHEMERAL);
		expect(on.content).toBe(
			'🔔 알림을 켰습니다. 복습할 카드가 있는 날 18:00(Asia/Seoul) 이후에 DM을 한 번 보냅니다. 이 서버 멤버의 DM이 허용되어 있어야 합니다.',
		);
		await missed(minji, VM_DEFINITION, T0, '2026-12-01');
		await missed(minji, VM_DEFINITION, new Date(T0.getTime() + 3_600_000), '2026-12-01');
		expect((await ctx.review.memberData(guildId, minji))?.answers).toHaveLength(1);

		test.clock.set(new Date('2026-12-02T08:45:00.000Z'));
		await test.scheduler.fire(REMIND_JOB);
		expect(fake.messages(fake.dmChannelId(minji))).toEqual([]);
		test.clock.set(new Date('2026-12-02T09:00:00.000Z'));
		await test.scheduler.fire(REMIND_JOB);
		test.clock.set(new Date('2026-12-02T09:15:00.000Z'));
		await test.scheduler.fire(REMIND_JOB);
		expect(fake.messages(fake.dmChannelId(minji)).map((message) => message.content)).toEqual([
			`📚 복습할 카드가 1개 있습니다. 서버에서 \`/review\`를 실행하세요: https://discord.com/channels/${guildId}\n-# 알림을 끄려면 \`/review remind:off\``,
		]);
		expect(fake.messages(fake.dmChannelId(jun))).toEqual([]);

		const served = await review(minji, {}, Locale.Korean);
		expect(served.embeds[0]?.title).toBe('🔁 복습 · 가상 머신과 도커 컨테이너');
		expect(served.embeds[0]?.footer?.text).toBe(
			'1개 남음 · 나만 보는 메시지입니다. 복습은 내 일정만 바꾸고 순위에는 반영되지 않습니다.',
		);
		const asked = question(VM_TERM);
		const wrong = (asked.answer + 1) % asked.options.length;
		const graded = await click(served, `v1:review:answer:${VM_TERM}:${wrong}`, minji, Locale.Korean);
		const letters = 'ABCD';
		expect(description(graded)).toContain(
			`❌ 고른 답: **${letters[wrong]}.** ${asked.options[wrong]} · 정답: **${letters[asked.answer]}.** ${asked.options[asked.answer]}`,
		);
		expect(description(graded)).toContain('🔁 내일 다시 나옵니다 (');
		const card = await cardOf(minji, asked.conceptId);
		const now = new Date('2026-12-02T09:15:00.000Z');
		expect(card?.fsrs).toEqual(rateCard(rateCard(newCard(T0), 1, T0), 1, now));
		expect(card?.fsrs.due).toBe('2026-12-03T09:15:00.000Z');
		expect(card?.missed).toBe(2);
		expect(fake.stats.rejected).toEqual([]);
	});
});
