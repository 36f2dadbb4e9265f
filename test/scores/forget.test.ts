import path from 'node:path';
import { REST } from 'discord.js';
import Keyv from 'keyv';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { Context } from '../../src/context.ts';
import { type Library, openLibrary } from '../../src/library.ts';
import { scoreKeys } from '../../src/scores/store.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { testContext } from '../support/context.ts';

const TOKEN = 'Zm9yZ2V0.forget.test-token';
const ADMIN = '710000000000000001';
const [ANA, BO, CY, DEE] = ['710000000000000002', '710000000000000003', '710000000000000004', '710000000000000005'];

let fake: FakeDiscord;
let library: Library;
let guildId: string;
let rest: REST;

beforeAll(async () => {
	library = await openLibrary(path.join(PROJECT_DIR, 'data/notes'));
	// Four days in one channel send eight messages; Discord's 5 per 5 s would only make the test wait.
	fake = await FakeDiscord.start({
		token: TOKEN,
		routeLimits: { 'POST /channels/:channel_id/messages': { limit: 50, windowMs: 1_000 } },
	});
	guildId = fake.addGuild({ name: 'Forget', channels: [{ name: 'general' }] }).id;
	rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken(TOKEN);
});

afterAll(async () => {
	await fake.close();
});

let channels = 0;

/** The daily quiz set up at 09:00 Asia/Seoul (00:00 UTC) in a channel of its own, on a fresh store. */
async function setUp() {
	channels += 1;
	const channelId = fake.addTextChannel(guildId, { name: `study-${channels}` }).id;
	const bot = testContext(library, { rest, store: new Keyv(), now: new Date('2026-11-30T12:00:00Z') });
	await bot.ctx.daily.setup(guildId, { channelId, time: '09:00', zone: 'Asia/Seoul', by: ADMIN });
	return bot;
}

/** Posts the question of `date` at 09:00 Seoul (closing and scoring the day before) and records the answers. */
async function day(
	bot: Awaited<ReturnType<typeof setUp>>,
	date: string,
	answers: Readonly<Record<string, boolean>>,
): Promise<void> {
	bot.clock.set(new Date(`${date}T00:00:00Z`));
	await bot.scheduler.fire(`daily:${guildId}`);
	const post = await bot.ctx.daily.post(guildId, date);
	if (post?.state !== 'open') throw new Error(`no open post on ${date}`);
	const right = post.question.answer;
	const wrong = (right + 1) % post.question.options.length;
	for (const [userId, correct] of Object.entries(answers))
		await bot.ctx.daily.answer({
			guildId,
			userId,
			date,
			messageId: post.messageId ?? '',
			choice: correct ? right : wrong,
		});
}

async function board(ctx: Context, period: 'week' | 'month' | 'all', viewer = ADMIN) {
	const page = await ctx.scores.leaderboard(guildId, period, '2026-12-03', 0, viewer);
	return page.entries.map((standing) => [standing.userId, standing.points, standing.rank]);
}

async function postOf(ctx: Context, date: string) {
	const post = await ctx.daily.post(guildId, date);
	return { answers: Object.keys(post?.answers ?? {}).sort(), awards: post?.awards ?? null };
}

describe('forgetting a member', () => {
	it('removes them from every board, their stats and every post, and the others’ ranks close up', async () => {
		const bot = await setUp();
		const { ctx } = bot;
		await day(bot, '2026-12-01', { [ANA]: true, [BO]: true, [CY]: false, [DEE]: true });
		await day(bot, '2026-12-02', { [ANA]: true, [BO]: true, [CY]: true });
		await day(bot, '2026-12-03', { [ANA]: true, [BO]: false, [CY]: true });
		const before = [
			[ANA, 22, 1],
			[BO, 22, 1],
			[CY, 10, 3],
			[DEE, 10, 3],
		];
		for (const period of ['all', 'week', 'month'] as const) expect(await board(ctx, period)).toEqual(before);
		const aggregate = await ctx.store.get(scoreKeys.server(guildId));

		expect(await ctx.daily.forget(guildId, ANA)).toEqual({ answers: 3, awards: 2, member: true, boards: 3 });

		const after = [
			[BO, 22, 1],
			[CY, 10, 2],
			[DEE, 10, 2],
		];
		for (const period of ['all', 'week', 'month'] as const) expect(await board(ctx, period)).toEqual(after);
		expect((await ctx.scores.leaderboard(guildId, 'all', '2026-12-03', 0, ANA)).viewer).toBeNull();
		expect(await ctx.scores.memberStats(guildId, ANA)).toBeNull();
		expect(await ctx.scores.memberStats(guildId, CY)).toMatchObject({ points: 10, rank: 2, ranked: 3 });
		expect(await postOf(ctx, '2026-12-01')).toEqual({ answers: [BO, CY, DEE], awards: { [BO]: 10, [DEE]: 10 } });
		expect(await postOf(ctx, '2026-12-02')).toEqual({ answers: [BO, CY], awards: { [BO]: 12, [CY]: 10 } });
		expect(await postOf(ctx, '2026-12-03')).toEqual({ answers: [BO, CY], awards: null });
		// The server's counts name nobody, so they stay as posted under each question.
		expect(await ctx.store.get(scoreKeys.server(guildId))).toEqual(aggregate);

		expect(await ctx.daily.forget(guildId, ANA)).toEqual({ answers: 0, awards: 0, member: false, boards: 0 });

		// The open question closes and is scored without them; scoring runs again and still does not bring them back.
		await day(bot, '2026-12-04', {});
		await ctx.daily.run(guildId);
		await ctx.daily.sweep();
		const scored = [
			[BO, 22, 1],
			[CY, 22, 1],
			[DEE, 10, 3],
		];
		for (const period of ['all', 'week', 'month'] as const) expect(await board(ctx, period)).toEqual(scored);
		expect(await ctx.scores.memberStats(guildId, ANA)).toBeNull();
		expect(await ctx.scores.serverStats(guildId, '2026-12-04', ctx.daily)).toMatchObject({
			questions: 3,
			answers30d: 9,
			correct30d: 7,
		});
	});

	it('removes their frozen award from a closed question whose scoring was interrupted', async () => {
		const bot = await setUp();
		const { ctx } = bot;
		await day(bot, '2026-12-01', { [ANA]: true, [BO]: true });
		const fold = vi.spyOn(ctx.scores, 'fold').mockRejectedValueOnce(new Error('store: writing failed'));
		await expect(day(bot, '2026-12-02', {})).rejects.toThrow('store: writing failed');
		fold.mockRestore();
		expect(await postOf(ctx, '2026-12-01')).toEqual({ answers: [ANA, BO], awards: { [ANA]: 10, [BO]: 10 } });
		expect(await board(ctx, 'all')).toEqual([]);

		expect(await ctx.daily.forget(guildId, ANA)).toEqual({ answers: 1, awards: 1, member: false, boards: 0 });
		expect(await postOf(ctx, '2026-12-01')).toEqual({ answers: [BO], awards: { [BO]: 10 } });

		await ctx.daily.run(guildId);
		for (const period of ['all', 'week', 'month'] as const) expect(await board(ctx, period)).toEqual([[BO, 10, 1]]);
		expect(await ctx.scores.memberStats(guildId, ANA)).toBeNull();
		expect(await ctx.scores.memberStats(guildId, BO)).toMatchObject({ points: 10, answered: 1 });
	});

	it('during an open question removes their answer and keeps the others’', async () => {
		const bot = await setUp();
		const { ctx } = bot;
		await day(bot, '2026-12-01', { [ANA]: true, [BO]: false, [CY]: true });
		expect(await ctx.daily.forget(guildId, ANA)).toEqual({ answers: 1, awards: 0, member: false, boards: 0 });
		expect(await postOf(ctx, '2026-12-01')).toEqual({ answers: [BO, CY], awards: null });

		await day(bot, '2026-12-02', {});
		expect(await postOf(ctx, '2026-12-01')).toEqual({ answers: [BO, CY], awards: { [CY]: 10 } });
		expect(await board(ctx, 'all')).toEqual([[CY, 10, 1]]);
		expect(await ctx.scores.memberStats(guildId, ANA)).toBeNull();
		expect(await ctx.scores.memberStats(guildId, BO)).toMatchObject({ points: 0, answered: 1, correct: 0 });
	});
});
