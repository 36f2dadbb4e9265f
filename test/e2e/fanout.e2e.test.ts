/**
 * The daily fan-out under Discord's limits: 1,000 servers scheduled for the same minute while the Discord fake enforces
 * the global limit (50 requests per second per bot) and its per-route limits. The floor is 1,000 / 50 = 20 s; every
 * question must be posted within 1.25 times that, and the bot must draw no more than a handful of 429s:
 * (a) one bot process on SQLite; (b) two shards (`SHARDS=2`) on a shared Redis, their REST through the REST proxy.
 * Both run in the same minute, each against its own fake (each bot has its own global limit).
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import { DEFAULT_GLOBAL_LIMIT_PER_SECOND, FakeDiscord } from '../fakes/discord/index.ts';
import { type BotProcess, startBot, startRestProxy } from '../support/bot-process.ts';
import { redisDatabase } from '../support/redis-suite.ts';
import { nextMinute, proxyPort, seedSchedules, spreadGuildIds, waitForLogs } from '../support/shards.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDA.fanout-e2e.token-never-logged';
const GUILDS = 1_000;
/** Every post is one request, and the bot may make no more than the global limit allows. */
const FLOOR_MS = (GUILDS / DEFAULT_GLOBAL_LIMIT_PER_SECOND) * 1_000;
const BOUND_MS = FLOOR_MS * 1.25;
const MAX_TOO_MANY_REQUESTS = 5;
/** Time the processes get to start (notes, store, login, 1,000 GUILD_CREATEs, scheduling) before the first minute. */
const START_LEAD_MS = 30_000;

const redisUrl = await redisDatabase('fanout.e2e', 12);

interface Run {
	readonly fake: FakeDiscord;
	readonly servers: { guildId: string; channelId: string }[];
	readonly at: Date;
	/** The bot (one process, or the manager printing both shards' lines) and what else runs, in start order. */
	readonly bot: BotProcess;
	readonly processes: BotProcess[];
	/** How many processes schedule the posts: 1, or one per shard. */
	readonly schedulers: number;
}

function isDailyPost(message: APIMessage): boolean {
	return message.embeds[0]?.title?.startsWith('Daily question') === true;
}

async function world(): Promise<Pick<Run, 'fake' | 'servers'>> {
	const fake = await FakeDiscord.start({ token: TOKEN, globalLimitPerSecond: DEFAULT_GLOBAL_LIMIT_PER_SECOND });
	const servers = spreadGuildIds(GUILDS).map((id, i) => {
		const guild = fake.addGuild({ id, name: `Server ${i}`, channels: [{ name: 'study' }] });
		return { guildId: guild.id, channelId: fake.channels(guild.id)[0]?.id ?? '' };
	});
	return { fake, servers };
}

/** Waits until every server's channel has its daily question; returns when each arrived (ms since the epoch). */
async function postTimes(run: Run, timeoutMs: number): Promise<number[]> {
	const times = new Map<string, number>();
	const deadline = performance.now() + timeoutMs;
	while (times.size < run.servers.length) {
		for (const { channelId } of run.servers) {
			if (times.has(channelId)) continue;
			const post = run.fake.messages(channelId).find(isDailyPost);
			if (post !== undefined) times.set(channelId, Date.parse(post.timestamp));
		}
		if (performance.now() > deadline) break;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return [...times.values()];
}

async function measure(run: Run, label: string): Promise<void> {
	const ready = run.bot.logs.filter(
		(line) => line.msg === 'daily quiz scheduled' && Number(line.time) < run.at.getTime(),
	);
	expect(ready, `${label}: the bot was not ready before the scheduled minute`).toHaveLength(run.schedulers);
	const untilAt = run.at.getTime() - Date.now();
	const times = await postTimes(run, untilAt + BOUND_MS + 30_000);
	// Anything that would come twice comes from the same run; give it a moment to show.
	await new Promise((resolve) => setTimeout(resolve, 1_000));
	const lastMs = Math.max(...times) - run.at.getTime();
	const firstMs = Math.min(...times) - run.at.getTime();
	const { tooManyRequests, requests, rejected } = run.fake.stats;
	console.log(
		`${label}: ${times.length} of ${GUILDS} daily questions posted, the first ${(firstMs / 1000).toFixed(1)} s and the last ${(lastMs / 1000).toFixed(1)} s after the scheduled minute (floor ${FLOOR_MS / 1000} s, bound ${BOUND_MS / 1000} s); ${tooManyRequests} responses were 429, of ${requests} requests`,
	);
	expect(times).toHaveLength(GUILDS);
	const twice = run.servers.filter(({ channelId }) => run.fake.messages(channelId).filter(isDailyPost).length !== 1);
	expect(twice).toEqual([]);
	expect(lastMs).toBeLessThanOrEqual(BOUND_MS);
	expect(tooManyRequests).toBeLessThanOrEqual(MAX_TOO_MANY_REQUESTS);
	expect(rejected).toEqual([]);
	expect(run.fake.stats.internalErrors).toEqual([]);
}

describe('the daily fan-out of 1,000 servers under the global rate limit', () => {
	let single: Run;
	let sharded: Run | undefined;

	beforeAll(async () => {
		const { at, time } = nextMinute(START_LEAD_MS);
		const startedMs = performance.now();
		const data = await mkdtemp(path.join(os.tmpdir(), 'fanout-'));
		const storeUrl = `sqlite://${path.join(data, 'study.sqlite')}`;
		const a = await world();
		await seedSchedules(storeUrl, a.servers, time, a.fake.botUser.id);
		const bot = startBot({
			DISCORD_TOKEN: TOKEN,
			DISCORD_API_URL: a.fake.apiUrl,
			NOTES_DIR: path.join(PROJECT_DIR, 'data/notes'),
			STORE_URL: storeUrl,
			LOG_LEVEL: 'info',
		});
		single = { ...a, at, bot, processes: [bot], schedulers: 1 };

		if (redisUrl !== null) {
			const b = await world();
			await seedSchedules(redisUrl, b.servers, time, b.fake.botUser.id);
			const proxy = startRestProxy({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: b.fake.apiUrl, REST_PROXY_PORT: '0' });
			const port = await proxyPort(proxy);
			const manager = startBot({
				DISCORD_TOKEN: TOKEN,
				DISCORD_API_URL: `http://127.0.0.1:${port}/api`,
				NOTES_DIR: path.join(PROJECT_DIR, 'data/notes'),
				STORE_URL: redisUrl,
				SHARDS: '2',
				LOG_LEVEL: 'info',
			});
			sharded = { ...b, at, bot: manager, processes: [proxy, manager], schedulers: 2 };
			await waitForLogs(manager, (line) => line.msg === 'daily quiz scheduled', 2, START_LEAD_MS);
		}
		await bot.waitForLog((line) => line.msg === 'daily quiz scheduled', START_LEAD_MS);
		console.log(`every process ready in ${((performance.now() - startedMs) / 1000).toFixed(1)} s`);
	}, START_LEAD_MS + 30_000);

	afterAll(async () => {
		for (const run of [single, sharded]) {
			for (const child of [...(run?.processes ?? [])].reverse()) await child.stop('SIGTERM');
			await run?.fake.close();
		}
	});

	it('posts every question from one bot process within 1.25x the floor, with a handful of 429s at most', async () => {
		await measure(single, 'one process');
		expect(single.bot.output()).not.toContain(TOKEN);
	}, 150_000);

	it.skipIf(redisUrl === null)(
		'posts every question from two shards through the REST proxy within the same bounds',
		async () => {
			if (sharded === undefined) throw new Error('the sharded bot did not start');
			await measure(sharded, 'two shards through the REST proxy');
			const posted = sharded.bot.logs.filter((line) => line.msg === 'daily: posted');
			expect(new Set(posted.map((line) => line.shard))).toEqual(new Set([0, 1]));
			for (const child of sharded.processes) expect(child.output()).not.toContain(TOKEN);
		},
		150_000,
	);
});
