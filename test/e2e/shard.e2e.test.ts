/**
 * The bot sharded as in production: `SHARDS=auto` makes `src/main.ts` a discord.js ShardingManager, which asks Discord
 * (through the REST proxy) for the shard count, 2 here, and runs one shard per process; every process sends its REST
 * through the REST proxy (`npm run rest-proxy`, its own process) and shares one Redis. The Discord fake routes each
 * server's events to the shard Discord would, `(guild_id >> 22) % 2`. Each server's daily question must be posted once,
 * by the shard that owns the server, which also closes and scores the previous day's question, so the leaderboards
 * come out right in every server whichever shard it lives on.
 */
import path from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { Question } from '../../src/quiz/question.ts';
import { DAILY_POST, DAILY_STATE, type DailyPost, dailyKeys } from '../../src/quiz/records.ts';
import { openKeyv } from '../../src/store/keyv.ts';
import { writeRecord } from '../../src/store/records.ts';
import { shardOf } from '../fakes/discord/gateway.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { type BotProcess, startBot, startRestProxy } from '../support/bot-process.ts';
import { buttonsOf, replyTo } from '../support/messages.ts';
import { redisDatabase } from '../support/redis-suite.ts';
import { nextMinute, proxyPort, spreadGuildIds, waitForLogs } from '../support/shards.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDA.shard-e2e.token-never-logged';
const SHARD_COUNT = 2;
const SERVERS = 24;
/** How long the proxy, the manager and two shards (spawned 5.5 s apart, Discord's IDENTIFY pacing) may take to start. */
const START_MS = 60_000;
/** Time left before the scheduled minute for seeding yesterday and a /daily setup per server (about a second). */
const SETUP_LEAD_MS = 10_000;

const redisUrl = await redisDatabase('shard.e2e', 11);

/** Yesterday's question, as the owning shard would have posted it; members' answers are already in. */
const SEEDED: Question = {
	id: 'seeded-question',
	kind: 'term',
	conceptId: 'notes/virtualization#hypervisor',
	stem: 'Which software runs virtual machines on a host?',
	options: ['Hypervisor', 'Container', 'Kernel module', 'Init system'],
	answer: 0,
	explanation: 'A hypervisor creates and runs virtual machines.',
	source: { file: 'virtualization.md', headingPath: ['Virtualization', 'Hypervisor'], line: 1 },
	topic: 'Virtualization',
};

interface Server {
	readonly guildId: string;
	readonly channelId: string;
	readonly admin: string;
	/** Answered yesterday: right, wrong, right. */
	readonly members: readonly [string, string, string];
}

let fake: FakeDiscord;
let proxy: BotProcess;
let proxyUrl: string;
let manager: BotProcess;
let servers: Server[];
let at: Date;
let time: string;
let today: string;
let yesterday: string;

function titled(title: string): (message: APIMessage) => boolean {
	return (message) => message.embeds[0]?.title === title;
}

async function command(server: Server, name: string, options: Record<string, string>, userId: string, sub?: string) {
	return replyTo(fake, {
		userId,
		guildId: server.guildId,
		channelId: server.channelId,
		name,
		options,
		...(sub === undefined ? {} : { subcommand: sub }),
	});
}

async function seedYesterday(storeUrl: string): Promise<void> {
	const store = await openKeyv(storeUrl, PROJECT_DIR);
	try {
		for (const server of servers) {
			const [right, wrong, alsoRight] = server.members;
			const answeredAt = new Date(at.getTime() - 12 * 60 * 60 * 1000).toISOString();
			const post: DailyPost = {
				guildId: server.guildId,
				date: yesterday,
				channelId: server.channelId,
				question: SEEDED,
				state: 'open',
				messageId: null,
				postedAt: new Date(at.getTime() - 24 * 60 * 60 * 1000).toISOString(),
				closesAt: at.toISOString(),
				zone: 'UTC',
				answers: {
					[right]: { choice: 0, at: answeredAt },
					[wrong]: { choice: 1, at: answeredAt },
					[alsoRight]: { choice: 0, at: answeredAt },
				},
				resultsMessageId: null,
				awards: null,
				failure: null,
			};
			await writeRecord(store.keyv, dailyKeys.post(server.guildId, yesterday), DAILY_POST, post);
			await writeRecord(store.keyv, dailyKeys.state(server.guildId), DAILY_STATE, {
				usedQuestionIds: [SEEDED.id],
				openDates: [yesterday],
				unscoredDates: [],
				lastError: null,
			});
		}
	} finally {
		await store.close();
	}
}

describe.skipIf(redisUrl === null)('two shards under the ShardingManager, through the REST proxy, on one Redis', () => {
	beforeAll(async () => {
		if (redisUrl === null) return;
		fake = await FakeDiscord.start({ token: TOKEN, recommendedShards: SHARD_COUNT });
		servers = spreadGuildIds(SERVERS).map((id, i) => {
			fake.addGuild({ id, name: `Study ${i}`, channels: [{ name: 'study' }] });
			const admin = fake.addMember(id, { username: `admin${i}`, permissions: PermissionFlagsBits.ManageGuild });
			const members = [0, 1, 2].map((m) => fake.addMember(id, { username: `member${i}-${m}` }).user.id);
			return {
				guildId: id,
				channelId: fake.channels(id)[0]?.id ?? '',
				admin: admin.user.id,
				members: members as [string, string, string],
			};
		});
		const startedMs = performance.now();
		proxy = startRestProxy({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, REST_PROXY_PORT: '0' });
		proxyUrl = `http://127.0.0.1:${await proxyPort(proxy)}`;
		manager = startBot({
			DISCORD_TOKEN: TOKEN,
			DISCORD_API_URL: `${proxyUrl}/api`,
			NOTES_DIR: path.join(PROJECT_DIR, 'data/notes'),
			STORE_URL: redisUrl,
			SHARDS: 'auto',
		});
		await waitForLogs(manager, (line) => line.msg === 'daily quiz scheduled', SHARD_COUNT, START_MS);
		console.log(
			`proxy, manager and ${SHARD_COUNT} shards ready in ${((performance.now() - startedMs) / 1000).toFixed(1)} s`,
		);
		// The shards read each run's records afresh, so the minute can be chosen now that they are up.
		({ at, time } = nextMinute(SETUP_LEAD_MS));
		today = at.toISOString().slice(0, 10);
		yesterday = new Date(at.getTime() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
		await seedYesterday(redisUrl);
	}, START_MS + 10_000);

	afterAll(async () => {
		await manager?.stop('SIGKILL');
		await proxy?.stop('SIGTERM');
		await fake?.close();
	});

	it('runs one process per shard, as many as Discord recommends, each on its own gateway shard', () => {
		const spawned = manager.logs.filter((line) => line.msg === 'shard spawned');
		expect(spawned.map((line) => line.shard).sort()).toEqual([0, 1]);
		expect(new Set(spawned.map((line) => line.pid)).size).toBe(SHARD_COUNT);
		expect(
			fake
				.sessions()
				.map((session) => session.shard.join('/'))
				.sort(),
		).toEqual(['0/2', '1/2']);
		// Commands belong to the bot: the process of shard 0 registers them, once.
		expect(manager.logs.filter((line) => line.msg === 'commands registered').map((line) => line.shard)).toEqual([0]);
		expect(fake.registrationCount).toBe(1);
		expect(new Set(servers.map((server) => shardOf(server.guildId, SHARD_COUNT)))).toEqual(new Set([0, 1]));
	});

	it("has the proxy answer its health check and refuse another bot's token", async () => {
		const health = await fetch(`${proxyUrl}/health`);
		expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
		const requests = fake.stats.requests;
		const other = await fetch(`${proxyUrl}/api/v10/users/@me`, { headers: { Authorization: 'Bot another.bot.token' } });
		expect(other.status).toBe(401);
		expect(fake.stats.requests).toBe(requests);
		const mine = await fetch(`${proxyUrl}/api/v10/users/@me`, { headers: { Authorization: `Bot ${TOKEN}` } });
		expect(((await mine.json()) as { id: string }).id).toBe(fake.botUser.id);
	});

	it('answers /daily setup in every server from the shard that owns it', async () => {
		for (const server of servers) {
			const reply = await command(
				server,
				'daily',
				{ channel: server.channelId, time, timezone: 'UTC' },
				server.admin,
				'setup',
			);
			expect(reply.content).toContain(`**Time:** ${time} (UTC)`);
		}
		const scheduled = manager.logs.filter((line) => line.msg === 'daily: scheduled');
		expect(scheduled).toHaveLength(SERVERS);
		for (const line of scheduled) expect(line.shard).toBe(shardOf(String(line.guildId), SHARD_COUNT));
		expect(Date.now(), 'setup took too long: the scheduled minute has passed').toBeLessThan(at.getTime());
	}, 30_000);

	it("posts each server's question once, from its owning shard, after closing and scoring yesterday's", async () => {
		// Discord refuses one post; the proxy waits and sends it again, with its body.
		fake.failNext('POST /channels/:channel_id/messages', { status: 429, count: 1, retryAfterMs: 200 });
		const post = titled(`Daily question · ${today}`);
		const results = titled(`Results · daily question ${yesterday}`);
		await fake.waitFor(() => servers.every((server) => fake.messages(server.channelId).some(post)) || undefined, {
			timeoutMs: at.getTime() - Date.now() + 30_000,
			description: 'every daily question',
		});
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		for (const server of servers) {
			const messages = fake.messages(server.channelId);
			expect(messages.filter(post)).toHaveLength(1);
			expect(messages.filter(results)).toHaveLength(1);
			expect(messages.find(results)?.embeds[0]?.description).toContain('**2 of 3** answered correctly (67%).');
		}
		const posted = manager.logs.filter((line) => line.msg === 'daily: posted' && line.date === today);
		expect(posted.map((line) => line.guildId).sort()).toEqual(servers.map((server) => server.guildId).sort());
		for (const line of posted) expect(line.shard).toBe(shardOf(String(line.guildId), SHARD_COUNT));
		expect(fake.stats.tooManyRequests).toBe(1);
		expect(
			proxy.logs.some((line) => line.msg === 'rest proxy: Discord answered 429; retrying after its Retry-After'),
		).toBe(true);
		expect(fake.stats.rejected).toEqual([]);
	}, 120_000);

	it('takes answers in every server on the shard that owns it, once each', async () => {
		await Promise.all(
			servers.map(async (server) => {
				const post = fake.messages(server.channelId).find(titled(`Daily question · ${today}`));
				const buttons = buttonsOf(post);
				const verdicts = new Map<string, string[]>();
				for (const [i, userId] of server.members.entries()) {
					const customId = buttons[i % buttons.length]?.customId ?? '';
					const click = await fake.clickButton({ message: post?.id ?? '', customId, userId });
					await click.response();
					const reply = (await click.waitForOriginal()).content ?? '';
					verdicts.set(customId, [...(verdicts.get(customId) ?? []), reply.slice(0, 1)]);
				}
				// Members who picked the same option hear the same verdict, and at most one option is right.
				for (const marks of verdicts.values()) expect(new Set(marks).size).toBe(1);
				const marks = [...verdicts.values()].map((m) => m[0]);
				expect(marks.every((mark) => mark === '✅' || mark === '❌')).toBe(true);
				expect(marks.filter((mark) => mark === '✅').length).toBeLessThanOrEqual(1);
				const status = await command(server, 'daily', {}, server.admin, 'status');
				expect(status.content).toContain("**Today's question:** open, 3 answers");
			}),
		);
		expect(fake.stats.failedInteractions).toEqual([]);
	}, 60_000);

	it("ranks yesterday's right answers on every server's leaderboard", async () => {
		await Promise.all(
			servers.map(async (server) => {
				const [right, wrong, alsoRight] = server.members;
				const board = await command(server, 'leaderboard', {}, wrong);
				const lines = board.embeds[0]?.description?.split('\n') ?? [];
				expect(lines.slice(0, 2).sort()).toEqual(
					[`**1.** <@${right}> — 10 points`, `**1.** <@${alsoRight}> — 10 points`].sort(),
				);
				expect(lines.at(-1)).toBe('You have no points in this period yet.');
			}),
		);
	}, 60_000);

	it('stops every shard when the manager gets SIGTERM, and never logs the token', async () => {
		const pids = manager.logs.filter((line) => line.msg === 'shard spawned').map((line) => Number(line.pid));
		const stopped = await manager.stop('SIGTERM');
		expect(stopped.code).toBe(0);
		expect(
			manager.logs
				.filter((line) => line.msg === 'shard stopped')
				.map((line) => line.shard)
				.sort(),
		).toEqual([0, 1]);
		for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
		expect(manager.output()).not.toContain(TOKEN);
		expect(proxy.output()).not.toContain(TOKEN);
	}, 30_000);
});
