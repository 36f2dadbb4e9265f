/**
 * Cross-server isolation: two servers share one store (as every server of a bot does), each with daily questions
 * answered and scored. Nothing of server A shows in server B's /leaderboard, /stats or /daily status, and a
 * daily answer button of A's message clicked in B (a forged interaction) is refused without touching either post.
 * Replies go through the real router and handlers on raw payloads (recording client); daily posts go to the
 * Discord fake.
 */
import path from 'node:path';
import { PermissionFlagsBits, REST } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { CommandModule } from '../../src/discord/command.ts';
import { loadCommands } from '../../src/discord/commands.ts';
import { routeInteraction } from '../../src/discord/router.ts';
import { type Library, openLibrary } from '../../src/library.ts';
import type { DailyPost } from '../../src/quiz/records.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { createRecordingClient, type RecordingClient } from '../fakes/recording-client.ts';
import { type TestContext, testContext } from '../support/context.ts';
import { apiUser, type GuildActor, guildButtonClick, guildSlashCommand } from '../support/guild-interactions.ts';

const TOKEN = 'Y3Jvc3Mtc2VydmVy.cross-server.token';
const EPHEMERAL = 64;
const REFUSED = 'This button does not belong to a daily question of this server.';
const DAY_1 = '2026-12-01';
const DAY_2 = '2026-12-02';

interface Server {
	readonly guildId: string;
	readonly channelId: string;
}

/** A reply as the member sees it: the callback's data, or the edit that follows a deferral. */
interface Message {
	content?: string;
	flags?: number;
	embeds?: {
		title?: string;
		description?: string;
		fields?: { name: string; value: string }[];
		footer?: { text: string };
	}[];
	components?: { components: { custom_id?: string }[] }[];
}

interface Reply {
	readonly message: Message;
	/** Every REST body the interaction caused, as JSON. */
	readonly json: string;
}

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const DEFERRED = 5;

let fake: FakeDiscord;
let library: Library;
let commands: ReadonlyMap<string, CommandModule>;
let bot: TestContext;
let discord: RecordingClient;
let a: Server;
let b: Server;

/** Members: `alice` and `ann` only in A, `bob` and `bea` only in B, `sam` in both but answering only in A. */
const USERS = {
	alice: apiUser('730000000000000001', 'alice'),
	ann: apiUser('730000000000000002', 'ann'),
	sam: apiUser('730000000000000003', 'sam'),
	bob: apiUser('730000000000000004', 'bob'),
	bea: apiUser('730000000000000005', 'bea'),
	admin: apiUser('730000000000000006', 'admin'),
};
const ONLY_IN_A = [USERS.alice, USERS.ann, USERS.sam].map((user) => user.id);

function actor(server: Server, user: keyof typeof USERS): GuildActor {
	return {
		...server,
		user: USERS[user],
		permissions: user === 'admin' ? PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages : 0n,
	};
}

async function send(raw: unknown): Promise<Reply> {
	const calls = await discord.dispatch(raw, (interaction) => routeInteraction(interaction, commands, bot.ctx));
	const callbacks = calls.filter((call) => CALLBACK.test(call.path));
	expect(callbacks).toHaveLength(1);
	const first = callbacks[0]?.body as { type: number; data?: Message };
	const json = JSON.stringify(calls.map((call) => call.body));
	if (first.type !== DEFERRED) return { message: first.data ?? {}, json };
	const edit = calls.at(-1);
	expect(edit?.method).toBe('PATCH');
	return { message: edit?.body as Message, json };
}

async function post(server: Server, date: string): Promise<DailyPost> {
	const found = await bot.ctx.daily.post(server.guildId, date);
	if (found === undefined) throw new Error(`no post of ${server.guildId} on ${date}`);
	return found;
}

/** Answers a server's post through its own button, as the member. */
async function answer(server: Server, date: string, user: keyof typeof USERS, correct: boolean): Promise<Reply> {
	const stored = await post(server, date);
	const choice = correct ? stored.question.answer : (stored.question.answer + 1) % stored.question.options.length;
	const message = fake.message(stored.messageId ?? '') as APIMessage;
	return send(guildButtonClick(actor(server, user), message, `v1:daily:answer:${date}:${choice}`));
}

/** Every id of server A that must never reach server B: the server, its channel, its members, its messages. */
async function idsOfA(): Promise<string[]> {
	const posts = [await post(a, DAY_1), await post(a, DAY_2)];
	const messageIds = posts.flatMap((p) => [p.messageId, p.resultsMessageId]).filter((id): id is string => id !== null);
	return [a.guildId, a.channelId, ...ONLY_IN_A, ...messageIds];
}

async function expectNothingOfA(reply: Reply): Promise<void> {
	for (const id of await idsOfA()) expect(reply.json, `server A's ${id} in a reply in server B`).not.toContain(id);
}

/** The `<@id> — N points` lines of a leaderboard reply. */
function standings(reply: Reply): Record<string, number> {
	const description = reply.message.embeds?.[0]?.description ?? '';
	return Object.fromEntries(
		[...description.matchAll(/<@(\d+)> — ([\d,]+) points?/g)].map((m) => [
			m[1] ?? '',
			Number((m[2] ?? '').replace(/,/g, '')),
		]),
	);
}

beforeAll(async () => {
	library = await openLibrary(path.join(PROJECT_DIR, 'data/notes'));
	commands = await loadCommands(path.join(PROJECT_DIR, 'commands'));
	fake = await FakeDiscord.start({ token: TOKEN });
	const [first, second] = ['Server A', 'Server B'].map((name) => {
		const guild = fake.addGuild({ name, channels: [{ name: 'study' }] });
		return { guildId: guild.id, channelId: fake.channels(guild.id)[0]?.id ?? '' };
	});
	a = first as Server;
	b = second as Server;
	const rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken(TOKEN);
	bot = testContext(library, { rest, now: new Date('2026-11-30T12:00:00Z') });
	discord = createRecordingClient();
}, 30_000);

afterAll(async () => {
	await discord?.client.destroy();
	await fake?.close();
});

describe('two servers in one store', () => {
	it('keeps each server’s daily posts, answers and scores apart', async () => {
		for (const server of [a, b]) {
			const setup = await send(
				guildSlashCommand(actor(server, 'admin'), 'daily', {
					subcommand: 'setup',
					strings: { time: '09:00', timezone: 'Asia/Seoul' },
					channels: { channel: server.channelId },
				}),
			);
			expect(setup.message.content?.split('\n').slice(0, 2)).toEqual(['Saved.', `**Channel:** <#${server.channelId}>`]);
		}
		bot.clock.set(new Date('2026-12-01T00:00:00Z'));
		await bot.ctx.daily.postNow(a.guildId);
		await bot.ctx.daily.postNow(b.guildId);
		for (const [user, correct] of [
			['alice', true],
			['ann', true],
			['sam', false],
		] as const)
			expect((await answer(a, DAY_1, user, correct)).message.content).toMatch(/^(✅ Correct|❌ Not this time)/);
		for (const [user, correct] of [
			['bob', true],
			['bea', false],
		] as const)
			expect((await answer(b, DAY_1, user, correct)).message.content).toMatch(/^(✅ Correct|❌ Not this time)/);

		bot.clock.set(new Date('2026-12-02T00:00:00Z'));
		await bot.scheduler.fire(`daily:${a.guildId}`);
		await bot.scheduler.fire(`daily:${b.guildId}`);
		await answer(a, DAY_2, 'alice', true);
		await answer(a, DAY_2, 'sam', true);

		expect(Object.keys((await post(a, DAY_1)).answers).sort()).toEqual([USERS.alice.id, USERS.ann.id, USERS.sam.id]);
		expect(Object.keys((await post(b, DAY_1)).answers).sort()).toEqual([USERS.bob.id, USERS.bea.id]);
		expect((await post(a, DAY_1)).state).toBe('closed');
		expect((await post(b, DAY_1)).state).toBe('closed');
	});

	it('shows only server B’s members and points on B’s leaderboard, for every period and page', async () => {
		bot.clock.set(new Date('2026-12-02T05:00:00Z'));
		const inA = await send(guildSlashCommand(actor(a, 'sam'), 'leaderboard'));
		expect(standings(inA)).toEqual({ [USERS.alice.id]: 10, [USERS.ann.id]: 10 });

		for (const viewer of ['bob', 'sam'] as const) {
			for (const period of ['all', 'week', 'month']) {
				const board = await send(guildSlashCommand(actor(b, viewer), 'leaderboard', { strings: { period } }));
				expect(standings(board), `${period} board in B seen by ${viewer}`).toEqual({ [USERS.bob.id]: 10 });
				await expectNothingOfA(board);
			}
			const paged = await send(guildButtonClick(actor(b, viewer), '740000000000000001', 'v1:leaderboard:page:all:0'));
			expect(standings(paged)).toEqual({ [USERS.bob.id]: 10 });
			await expectNothingOfA(paged);
		}
		const board = await send(guildSlashCommand(actor(b, 'sam'), 'leaderboard'));
		expect(board.message.embeds?.[0]?.description?.split('\n').at(-1)).toBe('You have no points in this period yet.');
	});

	it('shows only server B’s record on /stats in B, even for a member who scored in A', async () => {
		const own = await send(guildSlashCommand(actor(b, 'sam'), 'stats', { subcommand: 'member' }));
		expect(own.message.embeds?.[0]?.description).toBe(
			'You have not answered a daily question here yet. The next one is coming!',
		);
		await expectNothingOfA(own);
		for (const target of ['alice', 'sam'] as const) {
			const theirs = await send(
				guildSlashCommand(actor(b, 'bob'), 'stats', { subcommand: 'member', users: { member: actor(b, target) } }),
			);
			expect(theirs.message.embeds?.[0]?.description).toBe('No daily answers here yet.');
			expect(theirs.message.embeds?.[0]?.fields).toBeUndefined();
			await expectNothingOfA(theirs);
		}
		const bob = await send(guildSlashCommand(actor(b, 'bob'), 'stats', { subcommand: 'member' }));
		const fields = Object.fromEntries((bob.message.embeds?.[0]?.fields ?? []).map((f) => [f.name, f.value]));
		expect(fields).toMatchObject({ Points: '10 points', Rank: '#1 of 1', Answered: '1', Accuracy: '100% (1/1)' });
		await expectNothingOfA(bob);

		const samInA = await send(guildSlashCommand(actor(a, 'sam'), 'stats', { subcommand: 'member' }));
		const samFields = Object.fromEntries((samInA.message.embeds?.[0]?.fields ?? []).map((f) => [f.name, f.value]));
		expect(samFields).toMatchObject({ Points: '0 points', Answered: '1', Accuracy: '0% (0/1)' });
	});

	it('shows only server B’s channel and question on /daily status in B', async () => {
		const status = await send(guildSlashCommand(actor(b, 'admin'), 'daily', { subcommand: 'status' }));
		const today = await post(b, DAY_2);
		expect(status.message.content?.split('\n')).toEqual([
			`**Channel:** <#${b.channelId}>`,
			'**Time:** 09:00 (Asia/Seoul)',
			'**Next post:** 2026-12-03 09:00 (Asia/Seoul)',
			`**Today's question:** open, 0 answers — https://discord.com/channels/${b.guildId}/${b.channelId}/${today.messageId}`,
		]);
		await expectNothingOfA(status);
	});

	it('refuses A’s daily answer button clicked in B, and B’s in A, and changes neither post', async () => {
		const before = [await post(a, DAY_2), await post(b, DAY_2)];
		for (const [from, to] of [
			[a, b],
			[b, a],
		] as const) {
			const origin = await post(from, DAY_2);
			const message = fake.message(origin.messageId ?? '') as APIMessage;
			for (const choice of origin.question.options.keys()) {
				const reply = await send(guildButtonClick(actor(to, 'bea'), message, `v1:daily:answer:${DAY_2}:${choice}`));
				expect(reply.message).toMatchObject({ content: REFUSED, flags: EPHEMERAL });
			}
			const results = await post(from, DAY_1);
			const explain = await send(
				guildButtonClick(actor(to, 'bea'), results.resultsMessageId ?? '', `v1:daily:explain:${DAY_1}`),
			);
			expect(explain.message).toMatchObject({ content: REFUSED, flags: EPHEMERAL });
		}
		expect([await post(a, DAY_2), await post(b, DAY_2)]).toEqual(before);
	});
});
