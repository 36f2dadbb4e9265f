/**
 * Faults end to end: the bot in its own process against the Discord fake and real store servers of the test's own,
 * which the test stops and starts. The store going away mid-quiz, a SIGKILL during a daily post, Discord answering
 * 500s and 429s, and the gateway dropping: every answer that was acknowledged stays counted, nothing is posted twice.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import { messagesIn } from '../../src/i18n/messages.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { type BotProcess, startBot } from '../support/bot-process.ts';
import { buttonsOf, clickFor, replyTo } from '../support/messages.ts';
import {
	hasPostgres,
	hasProgram,
	type PrivateServer,
	startPrivatePostgres,
	startPrivateRedis,
} from '../support/private-servers.ts';
import { postgresUrl, redisUrl } from '../support/servers.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDA.faults-e2e.token-never-logged';

interface World {
	readonly fake: FakeDiscord;
	readonly guildId: string;
	readonly channelId: string;
	readonly admin: string;
	readonly members: readonly string[];
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function world(members = 6): Promise<World> {
	const fake = await FakeDiscord.start({ token: TOKEN });
	cleanups.push(() => fake.close());
	const guild = fake.addGuild({ name: 'Faults', channels: [{ name: 'study' }] });
	const channelId = fake.channels(guild.id)[0]?.id ?? '';
	const admin = fake.addMember(guild.id, { username: 'admin', permissions: PermissionFlagsBits.ManageGuild }).user.id;
	const ids = Array.from({ length: members }, (_, i) => fake.addMember(guild.id, { username: `m${i}` }).user.id);
	return { fake, guildId: guild.id, channelId, admin, members: ids };
}

async function boot(w: World, storeUrl: string): Promise<BotProcess> {
	const bot = startBot({
		DISCORD_TOKEN: TOKEN,
		DISCORD_API_URL: w.fake.apiUrl,
		NOTES_DIR: path.join(PROJECT_DIR, 'data/notes'),
		STORE_URL: storeUrl,
	});
	cleanups.push(() => bot.stop('SIGKILL'));
	await bot.waitForLog((line) => line.msg === 'daily quiz scheduled', 60_000);
	return bot;
}

async function daily(w: World, subcommand: string, options: Record<string, string> = {}): Promise<APIMessage> {
	return replyTo(
		w.fake,
		{
			userId: w.admin,
			guildId: w.guildId,
			channelId: w.channelId,
			name: 'daily',
			subcommand,
			options,
		},
		20_000,
	);
}

function dailyPosts(w: World): APIMessage[] {
	return w.fake.messages(w.channelId).filter((m) => m.embeds[0]?.title?.startsWith('Daily question'));
}

async function postToday(w: World): Promise<APIMessage> {
	await daily(w, 'setup', { channel: w.channelId, time: '09:00', timezone: 'UTC' });
	await daily(w, 'post');
	const [post] = dailyPosts(w);
	if (post === undefined) throw new Error('no daily post');
	return post;
}

async function answer(w: World, post: APIMessage, userId: string, option = 0): Promise<string> {
	const customId = buttonsOf(post)[option]?.customId ?? '';
	return (await clickFor(w.fake, { message: post, customId, userId }, 30_000)).content ?? '';
}

async function answersCounted(w: World): Promise<number> {
	const status = await daily(w, 'status');
	return Number(/open, (\d+) answers?/.exec(status.content ?? '')?.[1] ?? Number.NaN);
}

const RECORDED = /^(✅|❌)/;

/**
 * Whether a suite that starts its own server can run: the test servers are set up (their URL is set) and the server
 * programs are installed here. Skipped with a printed reason otherwise, and a failure under `CI=true`.
 */
function canStart(suite: string, url: string | null, installed: boolean, program: string): boolean {
	if (url === null) return false;
	if (installed) return true;
	const reason = `${suite}: ${program} is not installed here (\`bash .ci/servers.sh start\` installs it)`;
	if (process.env.CI === 'true') {
		describe(suite, () => {
			it(`has ${program} in CI`, () => {
				throw new Error(reason);
			});
		});
	} else {
		console.warn(`skipped ${reason}`);
	}
	return false;
}

const redisReady = canStart(
	'faults: Redis goes away',
	redisUrl('faults: Redis goes away'),
	hasProgram('redis-server'),
	'redis-server',
);
const postgresReady = canStart(
	'faults: PostgreSQL goes away',
	postgresUrl('faults: PostgreSQL goes away'),
	hasPostgres(),
	'PostgreSQL',
);

describe.each([
	['Redis', redisReady, startPrivateRedis],
	['PostgreSQL', postgresReady, startPrivatePostgres],
] as const)('the store (%s) going away mid-quiz', (_name, ready, startServer) => {
	it.runIf(ready)(
		'tells members to try again, stays up, keeps what was saved and recovers by itself',
		async () => {
			const server: PrivateServer = await startServer();
			cleanups.push(() => server.close());
			const w = await world();
			const bot = await boot(w, server.url);
			const post = await postToday(w);
			expect(await answer(w, post, w.members[0] ?? '')).toMatch(RECORDED);

			await server.stop();
			const startedMs = performance.now();
			expect(await answer(w, post, w.members[1] ?? '')).toBe(messagesIn('en').common.storeDown);
			expect(performance.now() - startedMs).toBeLessThan(12_000);
			const explain = await w.fake.slashCommand({
				userId: w.members[2] ?? '',
				guildId: w.guildId,
				channelId: w.channelId,
				name: 'explain',
				options: { concept: 'apparmor' },
			});
			await explain.response();
			expect((await explain.waitForOriginal()).embeds[0]?.title).toMatch(/AppArmor/i);
			expect(bot.child.exitCode).toBeNull();

			await server.start();
			let retried = '';
			for (let attempt = 0; attempt < 40 && !RECORDED.test(retried); attempt++) {
				retried = await answer(w, post, w.members[1] ?? '');
				if (!RECORDED.test(retried)) await new Promise((resolve) => setTimeout(resolve, 250));
			}
			expect(retried).toMatch(RECORDED);
			expect(await answersCounted(w)).toBe(2);
			expect(await answer(w, post, w.members[0] ?? '', 1)).toMatch(/^You already answered/);
			expect(w.fake.stats.failedInteractions).toEqual([]);
			expect(bot.output()).not.toContain(TOKEN);
		},
		90_000,
	);
});

describe('a bot killed during the daily post', () => {
	it('posts once and loses no acknowledged answer after a SIGKILL and a restart', async () => {
		const w = await world();
		const store = `sqlite://${path.join(await mkdtemp(path.join(os.tmpdir(), 'faults-')), 'study.sqlite')}`;
		let bot = await boot(w, store);
		await daily(w, 'setup', { channel: w.channelId, time: '09:00', timezone: 'UTC' });
		const posting = w.fake.slashCommand({
			userId: w.admin,
			guildId: w.guildId,
			channelId: w.channelId,
			name: 'daily',
			subcommand: 'post',
			options: {},
		});
		// Killed as soon as Discord has the post, before or after the bot recorded it: both must end the same way.
		await w.fake.waitFor(() => (dailyPosts(w).length > 0 ? true : undefined), { timeoutMs: 20_000 });
		await bot.stop('SIGKILL');
		await posting;
		bot = await boot(w, store);
		const [post] = dailyPosts(w);
		expect(dailyPosts(w)).toHaveLength(1);
		expect(await answer(w, post as APIMessage, w.members[0] ?? '')).toMatch(RECORDED);
		expect(await answer(w, post as APIMessage, w.members[1] ?? '')).toMatch(RECORDED);

		await bot.stop('SIGKILL');
		bot = await boot(w, store);
		expect(await answersCounted(w)).toBe(2);
		expect(await answer(w, post as APIMessage, w.members[0] ?? '', 1)).toMatch(/^You already answered/);
		const again = await daily(w, 'post');
		expect(again.content).toMatch(/^Today's question is already posted \(open\)/);
		expect(dailyPosts(w)).toHaveLength(1);
	}, 120_000);
});

describe('Discord failing', () => {
	it('posts the daily question once through 500s and a 429, and answers through a gateway drop', async () => {
		const w = await world(20);
		const store = `sqlite://${path.join(await mkdtemp(path.join(os.tmpdir(), 'faults-')), 'study.sqlite')}`;
		await boot(w, store);
		await daily(w, 'setup', { channel: w.channelId, time: '09:00', timezone: 'UTC' });
		w.fake.failNext('POST /channels/:channel_id/messages', { status: 500, count: 2 });
		w.fake.failNext('POST /channels/:channel_id/messages', { status: 429, count: 1, retryAfterMs: 300 });
		const posted = await daily(w, 'post');
		expect(posted.content).toMatch(/^Posted today's question in <#\d+>/);
		expect(dailyPosts(w)).toHaveLength(1);
		const [post] = dailyPosts(w);

		const half = w.members.slice(0, 10);
		const early = await Promise.all(half.map((userId) => answer(w, post as APIMessage, userId)));
		w.fake.dropGateway(4000);
		await w.fake.waitFor(() => (w.fake.stats.gateway.resumes > 0 ? true : undefined), { timeoutMs: 20_000 });
		const late = await Promise.all(w.members.slice(10).map((userId) => answer(w, post as APIMessage, userId)));
		expect([...early, ...late].every((reply) => RECORDED.test(reply))).toBe(true);
		expect(await answersCounted(w)).toBe(20);
		expect(w.fake.stats.failedInteractions).toEqual([]);
		expect(dailyPosts(w)).toHaveLength(1);
	}, 90_000);
});

afterAll(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});
