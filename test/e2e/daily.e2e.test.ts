/**
 * The daily quiz end to end in one process: the real discord.js client and the real command handlers, router,
 * daily service and SQLite store against the Discord fake; only time and the scheduler are manual, so a test can
 * stand at 09:00 and fire the job without waiting. A restart builds everything again on the same SQLite file.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Events, GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { CommandModule } from '../../src/discord/command.ts';
import { loadCommands } from '../../src/discord/commands.ts';
import { routeInteraction } from '../../src/discord/router.ts';
import { type Library, openLibrary } from '../../src/library.ts';
import { type OpenStore, openKeyv } from '../../src/store/keyv.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { type TestContext, testContext } from '../support/context.ts';
import { buttonsOf, clickFor, replyTo } from '../support/messages.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDA.daily-e2e.token';
/** Members answering at once here; the 500-member run is in the separate-process test, where the bot has a CPU to itself. */
const CROWD = 40;
const EPHEMERAL = 64;

interface Bot {
	readonly client: Client;
	readonly store: OpenStore;
	readonly test: TestContext;
	readonly inFlight: Set<Promise<void>>;
}

let fake: FakeDiscord;
let library: Library;
let commands: ReadonlyMap<string, CommandModule>;
let dbDir: string;
let guildId: string;
let channelId: string;
let admin: string;
let crowd: string[];
let bot: Bot;

/** Starts "the bot": client, store on the SQLite file, context, router; like `main.ts` but with manual time. */
async function startBot(now: Date): Promise<Bot> {
	const client = new Client({
		intents: [GatewayIntentBits.Guilds],
		allowedMentions: { parse: [] },
		rest: { api: fake.apiUrl },
	});
	const store = await openKeyv(`sqlite://${path.join(dbDir, 'study.sqlite')}`, '/');
	const test = testContext(library, { rest: client.rest, store: store.keyv, lock: store.lock, now });
	const inFlight = new Set<Promise<void>>();
	client.on(Events.InteractionCreate, (interaction) => {
		const task = routeInteraction(interaction, commands, test.ctx).finally(() => inFlight.delete(task));
		inFlight.add(task);
	});
	await client.login(TOKEN);
	await fake.waitForReady();
	await client.application?.commands.set([...commands.values()].map((c) => c.data.toJSON()));
	await test.ctx.daily.start();
	return { client, store, test, inFlight };
}

async function stopBot(running: Bot): Promise<void> {
	await Promise.allSettled(running.inFlight);
	await running.client.destroy();
	await running.store.close();
}

async function command(name: string, options: Record<string, string>, userId: string, subcommand?: string) {
	return replyTo(fake, {
		userId,
		guildId,
		channelId,
		name,
		options,
		...(subcommand === undefined ? {} : { subcommand }),
	});
}

async function click(message: APIMessage | string, customId: string, userId: string): Promise<APIMessage> {
	return clickFor(fake, { message, customId, userId });
}

function dailyPosts(): APIMessage[] {
	return fake.messages(channelId).filter((m) => m.embeds[0]?.title?.startsWith('Daily question'));
}

function buttonIds(message: APIMessage): string[] {
	return buttonsOf(message).map((button) => button.customId);
}

beforeAll(async () => {
	library = await openLibrary(path.join(PROJECT_DIR, 'data/notes'));
	commands = await loadCommands(path.join(PROJECT_DIR, 'commands'));
	dbDir = await mkdtemp(path.join(os.tmpdir(), 'daily-e2e-'));
	fake = await FakeDiscord.start({ token: TOKEN });
	const guild = fake.addGuild({ name: 'Study Hall', channels: [{ name: 'study' }] });
	guildId = guild.id;
	channelId = fake.channels(guildId)[0]?.id ?? '';
	admin = fake.addMember(guildId, { username: 'admin', permissions: PermissionFlagsBits.ManageGuild }).user.id;
	crowd = Array.from({ length: CROWD }, (_, i) => fake.addMember(guildId, { username: `member${i}` }).user.id);
	bot = await startBot(new Date('2026-11-30T12:00:00Z'));
}, 60_000);

afterAll(async () => {
	await stopBot(bot);
	await fake.close();
});

describe('the daily quiz through Discord', () => {
	let post: APIMessage;
	let right: number;
	let wrong: number;

	it('refuses /daily setup without Manage Server, even when the client-side permission was bypassed', async () => {
		fake.grantCommand(guildId, 'daily', crowd[0] ?? '');
		const reply = await command('daily', { channel: channelId, time: '09:00' }, crowd[0] ?? '', 'setup');
		expect(reply.content).toBe('Only members with the Manage Server permission can change the daily quiz.');
		expect(reply.flags ?? 0).toBe(EPHEMERAL);
		expect(await bot.test.ctx.daily.schedule(guildId)).toBeUndefined();
	});

	it('sets up the channel, time and zone for an admin', async () => {
		const reply = await command('daily', { channel: channelId, time: '09:00', timezone: 'Asia/Seoul' }, admin, 'setup');
		expect(reply.content?.split('\n').slice(0, 5)).toEqual([
			'Saved.',
			`**Channel:** <#${channelId}>`,
			'**Time:** 09:00 (Asia/Seoul)',
			'**Next post:** 2026-12-01 09:00 (Asia/Seoul)',
			"**Today's question:** not posted yet",
		]);
		const zones = await fake.autocomplete({
			userId: admin,
			guildId,
			channelId,
			name: 'daily',
			subcommand: 'setup',
			option: 'timezone',
			value: 'seoul',
			options: { channel: channelId, time: '09:00' },
		});
		expect(zones.map((z) => z.value)).toEqual(['Asia/Seoul']);
	});

	it('posts the question at the scheduled minute', async () => {
		bot.test.clock.set(new Date('2026-12-01T00:00:00Z'));
		await bot.test.scheduler.fire(`daily:${guildId}`);
		const posts = dailyPosts();
		expect(posts).toHaveLength(1);
		post = posts[0] as APIMessage;
		expect(post.embeds[0]?.title).toBe('Daily question · 2026-12-01');
		expect(post.embeds[0]?.footer?.text).toBe('Answer with the buttons below · closes 2026-12-02 09:00 (Asia/Seoul)');
		expect(buttonIds(post)).toEqual(
			[0, 1, 2, 3].slice(0, buttonIds(post).length).map((i) => `v1:daily:answer:2026-12-01:${i}`),
		);
		const stored = await bot.test.ctx.daily.post(guildId, '2026-12-01');
		right = stored?.question.answer ?? -1;
		wrong = (right + 1) % (stored?.question.options.length ?? 1);
		expect(JSON.stringify(post.embeds)).not.toContain(stored?.question.source.file ?? '∅');
	});

	it(`counts ${CROWD} members clicking at once exactly once each`, async () => {
		const startedMs = Date.now();
		const interactions = await Promise.all(
			crowd.map((userId, i) =>
				fake.clickButton({
					message: post,
					customId: `v1:daily:answer:2026-12-01:${i % 2 === 0 ? right : wrong}`,
					userId,
				}),
			),
		);
		expect(Date.now() - startedMs).toBeLessThan(1_000);
		const replies = await Promise.all(
			interactions.map((i) => i.response().then(() => i.waitForOriginal({ timeoutMs: 20_000 }))),
		);
		expect(fake.stats.failedInteractions).toEqual([]);
		expect(replies.every((m) => ((m.flags ?? 0) & EPHEMERAL) === EPHEMERAL)).toBe(true);
		expect(replies.filter((m) => m.content?.startsWith('✅ Correct')).length).toBe(CROWD / 2);
		expect(replies.filter((m) => m.content?.startsWith('❌ Not this time')).length).toBe(CROWD / 2);
		const stored = await bot.test.ctx.daily.post(guildId, '2026-12-01');
		expect(Object.keys(stored?.answers ?? {})).toHaveLength(CROWD);
		expect(fake.stats.rejected).toEqual([]);
	}, 60_000);

	it('keeps a member’s first answer on a second click', async () => {
		const again = await click(post, `v1:daily:answer:2026-12-01:${wrong}`, crowd[0] ?? '');
		expect(again.content).toMatch(/^You already answered .* \(correct\); your first answer counts\./);
		const stored = await bot.test.ctx.daily.post(guildId, '2026-12-01');
		expect(stored?.answers[crowd[0] ?? '']?.choice).toBe(right);
	});

	it('offers an Explain button in the feedback that opens the concept privately', async () => {
		const feedback = await click(post, `v1:daily:answer:2026-12-01:${right}`, admin);
		const explain = buttonIds(feedback).find((id) => id.startsWith('v1:explain:open:'));
		expect(explain).toBeDefined();
		const card = await click(feedback, explain ?? '', admin);
		const stored = await bot.test.ctx.daily.post(guildId, '2026-12-01');
		expect(card.embeds[0]?.title).toBe(library.index.get(stored?.question.conceptId ?? '')?.title);
	});

	it('still counts answers after a restart on the same SQLite file, and closes at the next post', async () => {
		await stopBot(bot);
		bot = await startBot(new Date('2026-12-01T05:00:00Z'));
		const late = await click(post, `v1:daily:answer:2026-12-01:${right}`, crowd[1] ?? '');
		expect(late.content).toMatch(/^You already answered .* \(not correct\)/);
		expect(dailyPosts()).toHaveLength(1);

		bot.test.clock.set(new Date('2026-12-02T00:00:00Z'));
		const latecomer = fake.addMember(guildId, { username: 'latecomer' }).user.id;
		const tooLate = await click(post, `v1:daily:answer:2026-12-01:${right}`, latecomer);
		expect(tooLate.content).toMatch(/^This question closed\. The answer was /);
		await bot.test.scheduler.fire(`daily:${guildId}`);
		expect(dailyPosts().map((m) => m.embeds[0]?.title)).toEqual([
			'Daily question · 2026-12-01',
			'Daily question · 2026-12-02',
		]);
		const results = fake
			.messages(channelId)
			.filter((m) => m.embeds[0]?.title === 'Results · daily question 2026-12-01');
		expect(results).toHaveLength(1);
		expect(results[0]?.embeds[0]?.description).toContain(
			`**${CROWD / 2 + 1} of ${CROWD + 1}** answered correctly (51%).`,
		);
		await expect(
			fake.clickButton({ message: post.id, customId: `v1:daily:answer:2026-12-01:${right}`, userId: admin }),
		).rejects.toThrow(/is disabled/);
	});

	it('ranks the leaderboard with shared ranks and always shows the caller', async () => {
		const board = await command('leaderboard', {}, crowd[1] ?? '');
		const lines = board.embeds[0]?.description?.split('\n') ?? [];
		expect(lines.slice(0, 10).every((line) => /^\*\*1\.\*\* <@\d+> — 10 points/.test(line))).toBe(true);
		expect(lines.at(-1)).toBe('You have no points in this period yet.');
		expect(board.embeds[0]?.footer?.text).toBe(`Asia/Seoul · page 1 of ${Math.ceil((CROWD / 2 + 1) / 10)}`);
		const mine = await command('leaderboard', { period: 'week' }, crowd[0] ?? '');
		expect(mine.embeds[0]?.description?.split('\n').at(-1)).toBe(`You: **#1** of ${CROWD / 2 + 1} with 10 points.`);
		expect(mine.embeds[0]?.footer?.text).toMatch(/^2026-W49 \(Asia\/Seoul\) · page 1 of \d+$/);
		const turning = await fake.clickButton({
			message: board,
			customId: 'v1:leaderboard:page:all:1',
			userId: crowd[1] ?? '',
		});
		expect((await turning.response()).type).toBe(6);
		const turned = await turning.waitForOriginal({
			until: (m) => m.embeds[0]?.footer?.text !== board.embeds[0]?.footer?.text,
		});
		expect(turned.id).toBe(board.id);
		expect(turned.embeds[0]?.footer?.text).toBe('Asia/Seoul · page 2 of 3');
		const peek = await click(turned, 'v1:leaderboard:page:all:2', crowd[0] ?? '');
		expect(peek.id).not.toBe(board.id);
		expect((peek.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
		expect(peek.embeds[0]?.description?.split('\n').at(-1)).toBe(`You: **#1** of ${CROWD / 2 + 1} with 10 points.`);
	});

	it('shows a member’s stats: points, rank, accuracy, streak', async () => {
		const stats = await command('stats', {}, crowd[0] ?? '', 'member');
		const fields = Object.fromEntries((stats.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]));
		expect(fields).toMatchObject({
			Points: '10 points',
			Rank: `#1 of ${CROWD / 2 + 1}`,
			Answered: '1',
			Accuracy: '100% (1/1)',
			Streak: '1 (best 1)',
		});
		const other = await command('stats', { member: crowd[1] ?? '' }, crowd[0] ?? '', 'member');
		const otherFields = Object.fromEntries((other.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]));
		expect(otherFields).toMatchObject({ Points: '0 points', Rank: '—', Accuracy: '0% (0/1)' });
	});

	it('gives a private practice question with /quiz that never changes the leaderboard', async () => {
		const practice = await command('quiz', {}, crowd[2] ?? '');
		expect((practice.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
		const answer = buttonIds(practice)[0] ?? '';
		const graded = await click(practice, answer, crowd[2] ?? '');
		expect(graded.embeds[0]?.description).toMatch(/(✅ Correct|❌ You answered)/);
		const page = await bot.test.ctx.scores.leaderboard(guildId, 'all', '2026-12-02', 0, crowd[2] ?? '');
		expect(page.total).toBe(CROWD / 2 + 1);
	});
});
