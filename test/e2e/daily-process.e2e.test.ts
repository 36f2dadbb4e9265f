/**
 * The daily quiz with the bot as it runs in production: `src/main.ts` in its own process with the real node-cron
 * scheduler, system clock and a SQLite file, against the Discord fake. The post is scheduled for the next minute
 * and arrives on its own; 500 members then answer within one second; a restart on the same file keeps everything.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { type BotProcess, startBot } from '../support/bot-process.ts';
import { buttonsOf, replyTo } from '../support/messages.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDA.daily-process.token-never-logged';
const CROWD = 500;
const DEADLINE_MS = 3_000;

let fake: FakeDiscord;
let bot: BotProcess;
let env: Record<string, string>;
let guildId: string;
let channelId: string;
let admin: string;
let crowd: string[];

async function command(name: string, subcommand: string | undefined, options: Record<string, string>, userId: string) {
	return replyTo(fake, {
		userId,
		guildId,
		channelId,
		name,
		options,
		...(subcommand === undefined ? {} : { subcommand }),
	});
}

function percentile(sorted: readonly number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

beforeAll(async () => {
	fake = await FakeDiscord.start({ token: TOKEN });
	const guild = fake.addGuild({ name: 'Study Hall', channels: [{ name: 'study' }] });
	guildId = guild.id;
	channelId = fake.channels(guildId)[0]?.id ?? '';
	admin = fake.addMember(guildId, { username: 'admin', permissions: PermissionFlagsBits.ManageGuild }).user.id;
	crowd = Array.from({ length: CROWD }, (_, i) => fake.addMember(guildId, { username: `member${i}` }).user.id);
	const data = await mkdtemp(path.join(os.tmpdir(), 'daily-process-'));
	env = {
		DISCORD_TOKEN: TOKEN,
		DISCORD_API_URL: fake.apiUrl,
		NOTES_DIR: path.join(PROJECT_DIR, 'data/notes'),
		STORE_URL: `sqlite://${path.join(data, 'study.sqlite')}`,
	};
	bot = startBot(env);
	await bot.waitForLog((line) => line.msg === 'daily quiz scheduled', 60_000);
}, 90_000);

afterAll(async () => {
	await bot?.stop('SIGKILL');
	await fake?.close();
});

describe('the daily quiz in the bot process', () => {
	let post: APIMessage;
	let right: number;

	it('posts at the minute set with /daily setup, by node-cron in the server zone', async () => {
		// The next whole minute in UTC, at least 5 s away so setup finishes first.
		const at = new Date(Math.ceil((Date.now() + 5_000) / 60_000) * 60_000);
		const time = at.toISOString().slice(11, 16);
		const reply = await command('daily', 'setup', { channel: channelId, time, timezone: 'UTC' }, admin);
		expect(reply.content).toContain(`**Time:** ${time} (UTC)`);
		post = await fake.waitFor(
			() => fake.messages(channelId).find((m) => m.embeds[0]?.title?.startsWith('Daily question')),
			{ timeoutMs: 75_000, description: 'the daily question' },
		);
		console.log(fake.messages(channelId).map((m) => m.content || m.embeds[0]?.title));
		const postedAtMs = Date.parse(post.timestamp);
		expect(postedAtMs).toBeGreaterThanOrEqual(at.getTime());
		expect(postedAtMs - at.getTime()).toBeLessThan(5_000);
		expect(post.embeds[0]?.title).toBe(`Daily question · ${at.toISOString().slice(0, 10)}`);
	}, 90_000);

	it(`acknowledges ${CROWD} members answering within one second and counts each once`, async () => {
		const date = post.embeds[0]?.title?.slice(-10) ?? '';
		const ids = buttonsOf(post).map((button) => button.customId);
		const clicks = await Promise.all(
			crowd.map((userId, i) => fake.clickButton({ message: post, customId: ids[i % ids.length] ?? '', userId })),
		);
		const callbacks = await Promise.all(clicks.map((click) => click.response()));
		const replies = await Promise.all(clicks.map((click) => click.waitForOriginal({ timeoutMs: 30_000 })));
		const latencies = callbacks.map((callback) => callback.elapsedMs).sort((a, b) => a - b);
		console.log(
			`${CROWD} clicks: acknowledged p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms`,
		);
		expect(fake.stats.failedInteractions).toEqual([]);
		expect(latencies.at(-1)).toBeLessThan(DEADLINE_MS);
		const verdicts = replies.map((reply) =>
			reply.content?.startsWith('✅') ? 'right' : reply.content?.startsWith('❌') ? 'wrong' : reply.content,
		);
		right = ids.findIndex((_, i) => verdicts[i] === 'right');
		expect(right).toBeGreaterThanOrEqual(0);
		const expectedRight = crowd.filter((_, i) => i % ids.length === right).length;
		expect(verdicts.filter((v) => v === 'right')).toHaveLength(expectedRight);
		expect(verdicts.filter((v) => v === 'wrong')).toHaveLength(CROWD - expectedRight);
		const status = await command('daily', 'status', {}, admin);
		expect(status.content).toContain(`**Today's question:** open, ${CROWD} answers`);
		expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	}, 60_000);

	it('keeps every answer and the one post after a restart on the same SQLite file', async () => {
		const stopped = await bot.stop('SIGTERM');
		expect(stopped.code).toBe(0);
		bot = startBot(env);
		await bot.waitForLog((line) => line.msg === 'daily quiz scheduled', 60_000);
		const status = await command('daily', 'status', {}, admin);
		expect(status.content).toContain(`**Today's question:** open, ${CROWD} answers`);
		const again = await fake.clickButton({
			message: post,
			customId: buttonsOf(post)[(right + 1) % 2]?.customId ?? '',
			userId: crowd[right] ?? '',
		});
		await again.response();
		expect((await again.waitForOriginal()).content).toMatch(
			/^You already answered .* \(correct\); your first answer counts\./,
		);
		const manual = await command('daily', 'post', {}, admin);
		expect(manual.content).toMatch(/^Today's question is already posted \(open\): https:\/\/discord\.com\/channels\//);
		expect(fake.messages(channelId).filter((m) => m.embeds[0]?.title?.startsWith('Daily question'))).toHaveLength(1);
		expect(bot.output()).not.toContain(TOKEN);
	}, 90_000);
});
