/**
 * The bot token never appears in anything the bot prints: its JSON logs at the most verbose level while it serves,
 * fails internally and on Discord's side, and shuts down; configuration errors found after the token was read; and
 * crashes at start-up. Neither the token nor any of its three base64 parts, nor the token base64-encoded, may show
 * up. The REST errors discord.js raises, which the bot logs as `err`, carry no Authorization header either.
 * (`test/e2e/bot.e2e.test.ts` checks the token after a clean stop; this covers the failure paths.)
 */

import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { DiscordAPIError, HTTPError, PermissionFlagsBits, REST, Routes } from 'discord.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { type BotProcess, startBot } from '../support/bot-process.ts';
import { replyTo } from '../support/messages.ts';

const APPLICATION_ID = '1187654321098765432';
/** Shaped like a real token: the application id in base64, a timestamp part and an HMAC part. */
const TOKEN = `${Buffer.from(APPLICATION_ID).toString('base64url')}.GtOkEn7s.hMaC_s3cr3t-part_never-printed`;
const WRONG_TOKEN = `${Buffer.from(APPLICATION_ID).toString('base64url')}.WrOnG7s.wrong_s3cr3t-part_never-printed`;
const CALLBACK = 'POST /interactions/:interaction_id/:interaction_token/callback';
const CHANNEL_POST = 'POST /channels/:channel_id/messages';
const EXIT_TIMEOUT_MS = 30_000;

/** What must never be printed for `token`: itself, each dot-separated part, and the token in base64. */
function secretsOf(token: string): string[] {
	return [token, ...token.split('.'), Buffer.from(token).toString('base64'), Buffer.from(token).toString('base64url')];
}

function expectNoSecret(text: string, token = TOKEN): void {
	for (const secret of secretsOf(token)) expect(text, `"${secret}" was printed`).not.toContain(secret);
	expect(text).not.toMatch(/authorization/i);
}

/** Resolves with the exit code once the process has ended by itself. */
function exited(bot: BotProcess): Promise<number | null> {
	if (bot.child.exitCode !== null) return Promise.resolve(bot.child.exitCode);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`bot did not exit:\n${bot.output()}`)), EXIT_TIMEOUT_MS);
		bot.child.once('exit', (code) => {
			clearTimeout(timer);
			resolve(code);
		});
	});
}

let fake: FakeDiscord;
let guildId: string;
let channelId: string;
let student: string;
let admin: string;
let storeDir: string;

beforeAll(async () => {
	fake = await FakeDiscord.start({ token: TOKEN, applicationId: APPLICATION_ID });
	const guild = fake.addGuild({ name: 'Study', channels: [{ name: 'study' }] });
	guildId = guild.id;
	channelId = fake.channels(guildId)[0]?.id ?? '';
	student = fake.addMember(guildId, { username: 'student' }).user.id;
	admin = fake.addMember(guildId, { username: 'admin', permissions: PermissionFlagsBits.ManageGuild }).user.id;
	storeDir = await mkdtemp(path.join(os.tmpdir(), 'token-store-'));
	await writeFile(path.join(storeDir, 'a-file'), '');
});

afterAll(async () => {
	await fake?.close();
});

function environment(overrides: Record<string, string> = {}): Record<string, string> {
	return {
		DISCORD_TOKEN: TOKEN,
		DISCORD_API_URL: fake.apiUrl,
		NOTES_DIR: path.join(PROJECT_DIR, 'data/notes'),
		STORE_URL: `sqlite://${path.join(storeDir, 'study.sqlite')}`,
		LOG_LEVEL: 'trace',
		...overrides,
	};
}

describe('the bot token', () => {
	it('is never printed while the bot serves, fails and stops', async () => {
		const bot = startBot(environment());
		try {
			await bot.waitForLog((line) => line.msg === 'commands registered' || line.msg === 'commands unchanged');
			const command = async (name: string, options: Record<string, string>, userId: string, subcommand?: string) => {
				return replyTo(fake, {
					userId,
					guildId,
					channelId,
					name,
					options,
					...(subcommand === undefined ? {} : { subcommand }),
				});
			};
			const errorIdOf = (content: string | undefined) => /error id `([0-9a-f]{8})`/.exec(content ?? '')?.[1];

			expect((await command('explain', { concept: 'apparmor' }, student)).embeds[0]?.title).toBe('APPArmor');

			// Discord fails the reply itself: an internal error, logged with the REST error.
			fake.failNext(CALLBACK, { status: 500, count: 4 });
			const failedReply = errorIdOf((await command('explain', { concept: 'dpkg' }, student)).content);
			const replyError = await bot.waitForLog((line) => line.errorId === failedReply);
			expect(replyError.level).toBe(50);

			// Discord fails a request the bot makes with its token (posting in the channel).
			fake.failNext(CHANNEL_POST, { status: 500, count: 4 });
			const setup = await command('daily', { channel: channelId, time: '09:00' }, admin, 'setup');
			const failedPost = errorIdOf(setup.content);
			expect(failedPost, setup.content).toBeDefined();
			const postError = await bot.waitForLog((line) => line.errorId === failedPost);
			const err = postError.err as Record<string, unknown>;
			expect(err.type).toBe('HTTPError');
			expect(err).toMatchObject({ method: 'POST', status: 500 });
			expect(String(err.url)).toContain(`/channels/${channelId}/messages`);
			expectNoSecret(JSON.stringify(postError));

			await command('leaderboard', {}, student);
			await command('stats', {}, student, 'member');
			const callbacks = fake.requests.filter(
				(r) => r.route === CALLBACK && (r.body as { data?: { content?: unknown } }).data?.content !== undefined,
			);
			expect(callbacks.length).toBeGreaterThan(3);
			for (const request of callbacks)
				expect((request.body as { data: { allowed_mentions?: unknown } }).data.allowed_mentions).toEqual({ parse: [] });

			const stopped = await bot.stop('SIGTERM');
			expect(stopped.code).toBe(0);
		} finally {
			await bot.stop('SIGKILL');
		}
		expect(bot.logs.some((line) => line.level === 10 || line.level === 20)).toBe(true);
		expectNoSecret(bot.output());
	}, 90_000);

	it('is never printed when the configuration read after it is wrong', async () => {
		const wrong: Record<string, string>[] = [
			{ STORE_URL: 'ftp://example.com/study' },
			// The store's folder would have to be made inside a file.
			{ STORE_URL: `sqlite://${path.join(storeDir, 'a-file', 'study.sqlite')}` },
			{ DISCORD_API_URL: 'not a url', NOTES_MAX_FILE_BYTES: 'lots', LOG_LEVEL: 'loud' },
			{ NOTES_DIR: '/nonexistent/study-notes' },
		];
		for (const overrides of wrong) {
			const bot = startBot(environment(overrides));
			expect(await exited(bot), bot.output()).toBe(1);
			expect(bot.output()).not.toBe('');
			expectNoSecret(bot.output());
		}
	}, 90_000);

	it('is never printed when start-up crashes on login', async () => {
		const refused = startBot(environment({ DISCORD_TOKEN: WRONG_TOKEN }));
		expect(await exited(refused), refused.output()).toBe(1);
		expect(refused.output()).toMatch(/start-up failed/);
		expectNoSecret(refused.output(), WRONG_TOKEN);

		const closed = await FakeDiscord.start({ token: TOKEN });
		const apiUrl = closed.apiUrl;
		await closed.close();
		const unreachable = startBot(environment({ DISCORD_API_URL: apiUrl }));
		expect(await exited(unreachable), unreachable.output()).toBe(1);
		expectNoSecret(unreachable.output());
	}, 90_000);
});

describe('REST errors the bot logs', () => {
	/** The forms an error takes in a log line or a crash report. */
	function printed(error: unknown): string {
		return [
			JSON.stringify(pino.stdSerializers.err(error as Error)),
			JSON.stringify(error),
			inspect(error, { depth: 10 }),
		].join('\n');
	}

	it('carry no Authorization header and no token, whatever Discord answered', async () => {
		const rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken(TOKEN);
		const errors: unknown[] = [];
		fake.failNext(CHANNEL_POST, { status: 500 });
		await rest
			.post(Routes.channelMessages(channelId), { body: { content: 'x' } })
			.catch((e: unknown) => errors.push(e));
		await rest.get(Routes.channel('100000000000000000')).catch((e: unknown) => errors.push(e));
		await new REST({ api: fake.apiUrl, retries: 0 })
			.setToken(WRONG_TOKEN)
			.get(Routes.user('@me'))
			.catch((e: unknown) => errors.push(e));
		expect(errors.map((e) => e?.constructor)).toEqual([HTTPError, DiscordAPIError, DiscordAPIError]);
		for (const error of errors) {
			expectNoSecret(printed(error));
			expectNoSecret(printed(error), WRONG_TOKEN);
		}
	});
});
