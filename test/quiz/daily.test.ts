import path from 'node:path';
import { REST } from 'discord.js';
import Keyv from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import { UserFacingError } from '../../src/errors.ts';
import { type Library, openLibrary } from '../../src/library.ts';
import { MISSED_POST_GRACE_MS } from '../../src/quiz/schedule.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { testContext } from '../support/context.ts';
import { buttonsOf } from '../support/messages.ts';

const TOKEN = 'ZGFpbHk.daily.test-token';
const ADMIN = '700000000000000001';
const MEMBERS = ['700000000000000002', '700000000000000003', '700000000000000004'];

let fake: FakeDiscord;
let library: Library;
let guildId: string;
let study: string;
let locked: string;
let rest: REST;

beforeAll(async () => {
	library = await openLibrary(path.join(PROJECT_DIR, 'data/notes'));
	fake = await FakeDiscord.start({ token: TOKEN });
	const guild = fake.addGuild({
		name: 'Daily',
		channels: [{ name: 'study' }, { name: 'locked', botCanSend: false }],
	});
	guildId = guild.id;
	[study, locked] = fake.channels(guildId).map((channel) => channel.id) as [string, string];
	rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken(TOKEN);
});

afterAll(async () => {
	await fake.close();
});

/** A bot "process": a fresh daily service on `store` (a restart keeps the store and loses everything else). */
function boot(store: Keyv, now: string) {
	return testContext(library, { rest, store, now: new Date(now) });
}

/** Messages of the daily quiz in a channel since `from` (the fake keeps every channel's history). */
function posts(channelId: string, from = 0) {
	return fake.messages(channelId).slice(from);
}

let channels = 0;

/**
 * Sets up the daily quiz in a new channel (each test its own, so one test's posts are not found by another's
 * recovery and Discord's per-channel rate limit never makes a test wait); `study` is that channel afterwards.
 */
async function setUp(store: Keyv, now: string, time = '09:00', zone = 'Asia/Seoul') {
	channels += 1;
	study = fake.addTextChannel(guildId, { name: `study-${channels}` }).id;
	const bot = boot(store, now);
	await bot.ctx.daily.setup(guildId, { channelId: study, time, zone, by: ADMIN });
	return bot;
}

function dailyPosts(channelId: string, from = 0) {
	return posts(channelId, from).filter((m) => m.embeds[0]?.title?.startsWith('Daily question'));
}

describe('daily setup', () => {
	it('refuses a wrong time or zone with a clear message and saves nothing', async () => {
		const store = new Keyv();
		const { ctx } = boot(store, '2026-11-30T12:00:00Z');
		await expect(
			ctx.daily.setup(guildId, { channelId: study, time: '25:00', zone: 'Asia/Seoul', by: ADMIN }),
		).rejects.toThrow('"25:00" is not a time. Use 24-hour HH:MM, for example 09:00 or 21:30.');
		await expect(
			ctx.daily.setup(guildId, { channelId: study, time: '09:00', zone: 'Seoul', by: ADMIN }),
		).rejects.toThrow(/"Seoul" is not a time zone I know/);
		expect(await ctx.daily.schedule(guildId)).toBeUndefined();
	});

	it('reports a channel the bot cannot post in at setup, not at posting time', async () => {
		const store = new Keyv();
		const { ctx, scheduler } = boot(store, '2026-11-30T12:00:00Z');
		const attempt = ctx.daily.setup(guildId, { channelId: locked, time: '09:00', zone: 'Asia/Seoul', by: ADMIN });
		await expect(attempt).rejects.toBeInstanceOf(UserFacingError);
		await expect(attempt).rejects.toThrow(/I can't post in <#\d+>: the bot lacks a permission there/);
		expect(await ctx.daily.schedule(guildId)).toBeUndefined();
		expect(scheduler.jobs()).toEqual([]);
	});

	it('announces the schedule in the channel and schedules a job in the server zone', async () => {
		const store = new Keyv();
		const { ctx, scheduler } = await setUp(store, '2026-11-30T12:00:00Z', '9:05', 'asia/seoul');
		expect(scheduler.jobs()).toEqual([{ name: `daily:${guildId}`, cron: '5 9 * * *', zone: 'Asia/Seoul' }]);
		expect(posts(study).map((m) => m.content)).toEqual([
			'📚 The daily question will be posted here every day at 09:05 (Asia/Seoul). First one: 2026-12-01 09:05 (Asia/Seoul).',
		]);
		const status = await ctx.daily.status(guildId);
		expect(status.nextPostAt?.toISOString()).toBe('2026-12-01T00:05:00.000Z');
	});
});

describe('changing the time', () => {
	it('announces tomorrow when today already has its question, even if the new time is later today', async () => {
		const store = new Keyv();
		const { ctx } = await setUp(store, '2026-11-30T12:00:00Z');
		const moved = boot(store, '2026-12-01T01:00:00Z');
		await moved.ctx.daily.postNow(guildId);
		const status = await moved.ctx.daily.setup(guildId, {
			channelId: study,
			time: '21:30',
			zone: 'Asia/Seoul',
			by: ADMIN,
		});
		expect(status.nextPostAt?.toISOString()).toBe('2026-12-02T12:30:00.000Z');
		expect(posts(study).at(-1)?.content).toBe(
			'📚 The daily question will be posted here every day at 21:30 (Asia/Seoul). First one: 2026-12-02 21:30 (Asia/Seoul).',
		);
		expect(await ctx.daily.schedule(guildId)).toMatchObject({ time: '21:30', zone: 'Asia/Seoul', enabled: true });
	});
});

describe('the daily post', () => {
	it('posts once at the scheduled minute, however often the job and the sweep run', async () => {
		const store = new Keyv();
		const { ctx, clock, scheduler } = await setUp(store, '2026-11-30T12:00:00Z');
		const from = posts(study).length;
		clock.set(new Date('2026-11-30T23:59:00Z'));
		await scheduler.fire(`daily:${guildId}`);
		expect(dailyPosts(study, from)).toHaveLength(0);
		clock.set(new Date('2026-12-01T00:00:00Z'));
		await Promise.all([scheduler.fire(`daily:${guildId}`), ctx.daily.sweep(), ctx.daily.run(guildId)]);
		await ctx.daily.postNow(guildId);
		const sent = dailyPosts(study, from);
		expect(sent).toHaveLength(1);
		expect(sent[0]?.embeds[0]?.title).toBe('Daily question · 2026-12-01');
		expect(sent[0]?.components?.[0]).toMatchObject({ type: 1 });
		const post = await ctx.daily.post(guildId, '2026-12-01');
		expect(post?.state).toBe('open');
		expect(post?.messageId).toBe(sent[0]?.id);
		expect(post?.closesAt).toBe('2026-12-02T00:00:00.000Z');
	});

	it('records one answer per member, decided from the stored question, and refuses forged buttons', async () => {
		const store = new Keyv();
		const { ctx, clock } = await setUp(store, '2026-11-30T12:00:00Z');
		clock.set(new Date('2026-12-01T00:00:00Z'));
		const { post } = await ctx.daily.postNow(guildId);
		const messageId = post.messageId ?? '';
		const right = post.question.answer;
		const wrong = (right + 1) % post.question.options.length;
		const answer = (
			userId: string,
			choice: number,
			overrides: Partial<{ date: string; messageId: string; guildId: string }> = {},
		) => ctx.daily.answer({ guildId, userId, date: '2026-12-01', messageId, choice, ...overrides });

		expect((await answer(MEMBERS[0] ?? '', right)).outcome).toEqual({ kind: 'recorded', choice: right, correct: true });
		expect((await answer(MEMBERS[1] ?? '', wrong)).outcome).toEqual({
			kind: 'recorded',
			choice: wrong,
			correct: false,
		});
		const again = await answer(MEMBERS[1] ?? '', right);
		expect(again.outcome).toMatchObject({ kind: 'already', choice: wrong });
		await expect(answer(MEMBERS[2] ?? '', 7)).rejects.toThrow(
			'This button does not belong to a daily question of this server.',
		);
		await expect(answer(MEMBERS[2] ?? '', right, { messageId: '1' })).rejects.toThrow(UserFacingError);
		await expect(answer(MEMBERS[2] ?? '', right, { date: '2026-11-30' })).rejects.toThrow(UserFacingError);
		await expect(answer(MEMBERS[2] ?? '', right, { guildId: '1' })).rejects.toThrow(UserFacingError);
		const stored = await ctx.daily.post(guildId, '2026-12-01');
		expect(Object.keys(stored?.answers ?? {}).sort()).toEqual([MEMBERS[0], MEMBERS[1]].sort());
	});

	it('closes at the next post: buttons disabled, results posted once, points added', async () => {
		const store = new Keyv();
		const { ctx, clock, scheduler } = await setUp(store, '2026-11-30T12:00:00Z');
		clock.set(new Date('2026-12-01T00:00:00Z'));
		const from = posts(study).length;
		await scheduler.fire(`daily:${guildId}`);
		const first = await ctx.daily.post(guildId, '2026-12-01');
		const right = first?.question.answer ?? 0;
		const wrong = (right + 1) % (first?.question.options.length ?? 4);
		const base = { guildId, date: '2026-12-01', messageId: first?.messageId ?? '' };
		await ctx.daily.answer({ ...base, userId: MEMBERS[0] ?? '', choice: right });
		await ctx.daily.answer({ ...base, userId: MEMBERS[1] ?? '', choice: right });
		await ctx.daily.answer({ ...base, userId: MEMBERS[2] ?? '', choice: wrong });

		clock.set(new Date('2026-12-02T00:00:00Z'));
		expect((await ctx.daily.answer({ ...base, userId: ADMIN, choice: right })).outcome).toEqual({ kind: 'closed' });
		await scheduler.fire(`daily:${guildId}`);
		await ctx.daily.sweep();

		const edited = fake.message(first?.messageId ?? '');
		const buttons = buttonsOf(edited);
		expect(buttons.every((button) => button.disabled === true)).toBe(true);
		expect(buttons.map((button) => button.style)).toEqual(buttons.map((_, i) => (i === right ? 3 : 1)));
		const results = posts(study, from).filter((m) => m.embeds[0]?.title === 'Results · daily question 2026-12-01');
		expect(results).toHaveLength(1);
		expect(results[0]?.embeds[0]?.description).toContain('**2 of 3** answered correctly (67%).');
		expect(dailyPosts(study, from).map((m) => m.embeds[0]?.title)).toEqual([
			'Daily question · 2026-12-01',
			'Daily question · 2026-12-02',
		]);
		const board = await ctx.scores.leaderboard(guildId, 'all', '2026-12-02', 0, MEMBERS[2] ?? '');
		expect(board.entries.map((s) => [s.userId, s.points, s.rank])).toEqual(
			[MEMBERS[0], MEMBERS[1]].sort().map((id) => [id, 10, 1]),
		);
		expect(board.viewer).toBeNull();
		const stats = await ctx.scores.memberStats(guildId, MEMBERS[2] ?? '');
		expect(stats).toMatchObject({ points: 0, rank: null, answered: 1, correct: 0, streak: 0 });
		expect(stats?.weakest.map((t) => [t.correct, t.answered])).toEqual([[0, 1]]);
	});
});

describe('restarts and crashes', () => {
	it('does not post twice when the bot restarts during the posting minute', async () => {
		const store = new Keyv();
		const first = await setUp(store, '2026-11-30T12:00:00Z');
		const from = posts(study).length;
		first.clock.set(new Date('2026-12-01T00:00:00Z'));
		await first.scheduler.fire(`daily:${guildId}`);
		const second = boot(store, '2026-12-01T00:00:30Z');
		await second.ctx.daily.start();
		expect(
			second.scheduler
				.jobs()
				.map((job) => job.name)
				.sort(),
		).toEqual([`daily:${guildId}`, 'daily:sweep']);
		await second.scheduler.fire(`daily:${guildId}`);
		expect(dailyPosts(study, from)).toHaveLength(1);
	});

	it('restarting just before the minute posts at the minute; after it, the missed post is made within the grace period', async () => {
		const store = new Keyv();
		await setUp(store, '2026-11-30T12:00:00Z');
		const from = posts(study).length;
		const early = boot(store, '2026-11-30T23:59:50Z');
		await early.ctx.daily.start();
		expect(dailyPosts(study, from)).toHaveLength(0);
		early.clock.set(new Date('2026-12-01T00:00:00Z'));
		await early.scheduler.fire(`daily:${guildId}`);
		expect(dailyPosts(study, from)).toHaveLength(1);

		const late = boot(
			store,
			new Date(Date.parse('2026-12-02T00:00:00Z') + MISSED_POST_GRACE_MS - 60_000).toISOString(),
		);
		await late.ctx.daily.start();
		expect(dailyPosts(study, from).map((m) => m.embeds[0]?.title)).toEqual([
			'Daily question · 2026-12-01',
			'Daily question · 2026-12-02',
		]);
		const tooLate = boot(store, '2026-12-03T07:00:00Z');
		await tooLate.ctx.daily.start();
		expect(dailyPosts(study, from)).toHaveLength(2);
		expect((await tooLate.ctx.daily.status(guildId)).nextPostAt?.toISOString()).toBe('2026-12-04T00:00:00.000Z');
	});

	it('after a crash between sending and recording, finds the sent post instead of sending it again', async () => {
		const store = new Keyv();
		await setUp(store, '2026-11-30T12:00:00Z');
		const from = posts(study).length;
		// The store refuses to record the sent message, as if the process died right after Discord accepted it.
		const crashing = new Keyv();
		for (const [key, value] of Object.entries(await snapshot(store))) await crashing.set(key, value);
		const set = crashing.set.bind(crashing);
		crashing.set = ((key: string, value: { state?: string }, ttl?: number) => {
			if (key.startsWith('daily:post:') && value?.state === 'open') return Promise.reject(new Error('killed'));
			return set(key, value, ttl);
		}) as typeof crashing.set;
		const doomed = boot(crashing, '2026-12-01T00:00:00Z');
		await expect(doomed.ctx.daily.run(guildId)).rejects.toThrow('killed');
		expect(dailyPosts(study, from)).toHaveLength(1);
		expect((await doomed.ctx.daily.post(guildId, '2026-12-01'))?.state).toBe('sending');

		crashing.set = set;
		const restarted = boot(crashing, '2026-12-01T00:02:00Z');
		await restarted.ctx.daily.start();
		const post = await restarted.ctx.daily.post(guildId, '2026-12-01');
		expect(dailyPosts(study, from)).toHaveLength(1);
		expect(post?.state).toBe('open');
		expect(post?.messageId).toBe(dailyPosts(study, from)[0]?.id);
	});

	it('after a crash before sending, sends the chosen question once', async () => {
		const store = new Keyv();
		await setUp(store, '2026-11-30T12:00:00Z');
		const from = posts(study).length;
		fake.failNext('POST /channels/:channel_id/messages', { status: 500, count: 1 });
		const doomed = boot(store, '2026-12-01T00:00:00Z');
		await expect(doomed.ctx.daily.run(guildId)).rejects.toThrow();
		expect(dailyPosts(study, from)).toHaveLength(0);
		expect((await doomed.ctx.daily.status(guildId)).lastError).toMatch(/^posting failed, will retry/);
		const chosen = (await doomed.ctx.daily.post(guildId, '2026-12-01'))?.question.id;
		const restarted = boot(store, '2026-12-01T00:05:00Z');
		await restarted.ctx.daily.start();
		expect(dailyPosts(study, from)).toHaveLength(1);
		expect((await restarted.ctx.daily.post(guildId, '2026-12-01'))?.question.id).toBe(chosen);
		expect((await restarted.ctx.daily.status(guildId)).lastError).toBeNull();
	});
});

describe('time zones', () => {
	it('posts on spring-forward day when the scheduled local time does not exist (sweep at 03:30 EDT)', async () => {
		const store = new Keyv();
		const { ctx, clock } = await setUp(store, '2026-03-01T00:00:00Z', '02:30', 'America/New_York');
		const from = posts(study).length;
		clock.set(new Date('2026-03-08T07:30:00Z'));
		await ctx.daily.sweep();
		expect(dailyPosts(study, from).map((m) => m.embeds[0]?.title)).toEqual(['Daily question · 2026-03-08']);
		expect((await ctx.daily.post(guildId, '2026-03-08'))?.closesAt).toBe('2026-03-09T06:30:00.000Z');
	});

	it('at midnight in the server zone, a timer firing early posts for the new local date', async () => {
		const store = new Keyv();
		const { ctx, clock, scheduler } = await setUp(store, '2026-11-30T00:00:00Z', '00:00', 'Asia/Seoul');
		clock.set(new Date('2026-11-30T14:59:59Z'));
		await scheduler.fire(`daily:${guildId}`);
		expect((await ctx.daily.post(guildId, '2026-12-01'))?.state).toBe('open');
		expect(await ctx.daily.post(guildId, '2026-11-30')).toBeUndefined();
	});
});

async function snapshot(store: Keyv): Promise<Record<string, unknown>> {
	const out: Record<string, unknown> = {};
	for (const key of ['daily:schedule:', 'daily:state:', 'daily:guilds'].map((k) =>
		k.endsWith(':') ? `${k}${guildId}` : k,
	)) {
		const value = await store.get(key);
		if (value !== undefined) out[key] = value;
	}
	return out;
}
