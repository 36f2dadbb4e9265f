/**
 * Properties of button clicks with any `custom_id`, from any server or a direct message, on any message, through
 * the real router and command handlers (raw payloads through the real discord.js client, REST calls recorded). The
 * store holds three daily posts: server A's closed question of 2026-12-01 and open question of 2026-12-02, and
 * server B's open question of 2026-12-02. Whatever arrives, the router answers exactly once and never throws, and an
 * answer is added to a post only by a genuine click: the post's server, the post's message, the post's date and a
 * valid option, while the post is open; then exactly one, for that member.
 */
import path from 'node:path';
import { REST } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { CommandModule } from '../../src/discord/command.ts';
import { loadCommands } from '../../src/discord/commands.ts';
import { routeInteraction } from '../../src/discord/router.ts';
import { type Library, openLibrary } from '../../src/library.ts';
import type { DailyPost } from '../../src/quiz/records.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { buttonClick, createRecordingClient, type RecordingClient, type RestCall } from '../fakes/recording-client.ts';
import { type TestContext, testContext } from '../support/context.ts';
import { apiUser, type GuildActor, guildButtonClick } from '../support/guild-interactions.ts';
import { propertyParameters } from '../support/property.ts';

const TOKEN = 'Y3VzdG9tLWlk.custom-id.property-token';
const ADMIN = '700000000000000001';
const CLOSED_DATE = '2026-12-01';
const OPEN_DATE = '2026-12-02';
const EPHEMERAL = 64;
const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const REFUSED = 'This button does not belong to a daily question of this server.';
/** The alphabet of one custom_id part, as the codec documents it. */
const PART = /^[\w.~§-]*$/u;
const MAX_CUSTOM_ID = 100;

interface Server {
	readonly guildId: string;
	readonly channelId: string;
}

let fake: FakeDiscord;
let library: Library;
let commands: ReadonlyMap<string, CommandModule>;
let bot: TestContext;
let discord: RecordingClient;
let serverA: Server;
let serverB: Server;
/** Store keys are server and date: [server, date] of each post under test. */
let postKeys: readonly (readonly [string, string])[];
/** The posts' messages as Discord stores them, and the results message of A's closed question. */
let messages: readonly APIMessage[];

beforeAll(async () => {
	library = await openLibrary(path.join(PROJECT_DIR, 'data/notes'));
	commands = await loadCommands(path.join(PROJECT_DIR, 'commands'));
	fake = await FakeDiscord.start({ token: TOKEN });
	const servers = ['A', 'B'].map((name) => {
		const guild = fake.addGuild({ name, channels: [{ name: 'study' }] });
		return { guildId: guild.id, channelId: fake.channels(guild.id)[0]?.id ?? '' };
	});
	[serverA, serverB] = servers as [Server, Server];
	const rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken(TOKEN);
	bot = testContext(library, { rest, now: new Date('2026-11-30T12:00:00Z') });
	const { daily } = bot.ctx;
	for (const { guildId, channelId } of servers)
		await daily.setup(guildId, { channelId, time: '09:00', zone: 'Asia/Seoul', by: ADMIN });
	bot.clock.set(new Date('2026-12-01T00:00:00Z'));
	await daily.postNow(serverA.guildId);
	bot.clock.set(new Date('2026-12-02T00:00:00Z'));
	await daily.postNow(serverA.guildId);
	await daily.postNow(serverB.guildId);
	bot.clock.set(new Date('2026-12-02T05:00:00Z'));
	postKeys = [
		[serverA.guildId, CLOSED_DATE],
		[serverA.guildId, OPEN_DATE],
		[serverB.guildId, OPEN_DATE],
	];
	const posts = await readPosts();
	expect(posts.map((post) => post.state)).toEqual(['closed', 'open', 'open']);
	const ids = [...posts.map((post) => post.messageId), posts[0]?.resultsMessageId];
	messages = ids.map((id) => fake.message(id ?? '') as APIMessage);
	expect(messages.every((message) => message !== undefined)).toBe(true);
	discord = createRecordingClient();
}, 30_000);

afterAll(async () => {
	await discord?.client.destroy();
	await fake?.close();
});

async function readPosts(): Promise<DailyPost[]> {
	return Promise.all(
		postKeys.map(async ([guildId, date]) => {
			const post = await bot.ctx.daily.post(guildId, date);
			if (post === undefined) throw new Error(`no post of ${guildId} on ${date}`);
			return post;
		}),
	);
}

/**
 * The option a click genuinely chooses on `post`, or null: the model of a genuine click, written from the
 * custom_id grammar (`v1:daily:answer:<date>:<option>`, at most 100 characters, parts of `[\w.~§-]`) and the rule
 * that the server, the message and the date must be the post's and the post must be open.
 */
function genuineChoice(
	post: DailyPost,
	guildId: string,
	messageId: string,
	customId: string,
	now: Date,
): number | null {
	if (guildId !== post.guildId || messageId !== post.messageId) return null;
	if (post.state !== 'open' || now.getTime() >= new Date(post.closesAt).getTime()) return null;
	if (customId.length > MAX_CUSTOM_ID) return null;
	const parts = customId.split(':');
	const [version, command, action, date, choice = ''] = parts;
	if (version !== 'v1' || command !== 'daily' || action !== 'answer' || !parts.every((part) => PART.test(part)))
		return null;
	if (date !== post.date || !/^[0-9]$/.test(choice) || Number(choice) >= post.question.options.length) return null;
	return Number(choice);
}

const choices = (post: DailyPost) =>
	Object.fromEntries(Object.entries(post.answers).map(([user, a]) => [user, a.choice]));

interface Click {
	/** Where the click comes from: one of the two servers, a server without posts, or a direct message. */
	readonly server: 'A' | 'B' | 'elsewhere' | 'dm';
	readonly message: number | string;
	readonly customId: string;
	readonly userId: string;
}

interface Outcome {
	readonly calls: readonly RestCall[];
	readonly answered: number | null;
}

/** The initial response's message: its type, content and flags. */
function replyOf(outcome: Outcome): { type: number; content: string; flags: number } {
	const body = outcome.calls.find((call) => CALLBACK.test(call.path))?.body as
		| { type: number; data?: { content?: string; flags?: number } }
		| undefined;
	return { type: body?.type ?? 0, content: body?.data?.content ?? '', flags: body?.data?.flags ?? 0 };
}

/** Sends one click through the router and checks the response and every post against the model. */
async function clickAndCheck(click: Click): Promise<Outcome> {
	const server = click.server === 'A' ? serverA : click.server === 'B' ? serverB : undefined;
	const actor: GuildActor = {
		guildId: server?.guildId ?? '650000000000000001',
		channelId: server?.channelId ?? '650000000000000002',
		user: apiUser(click.userId, `member-${click.userId.slice(-4)}`),
	};
	const message = typeof click.message === 'number' ? (messages[click.message] as APIMessage) : click.message;
	const messageId = typeof message === 'string' ? message : message.id;
	const before = await readPosts();
	const errorsBefore = bot.logs.filter((line) => Number(line.level) >= 50).length;

	const raw =
		click.server === 'dm'
			? buttonClick(click.customId, { clicker: actor.user, owner: actor.user })
			: guildButtonClick(actor, message, click.customId);
	const calls = await discord.dispatch(raw, (interaction) => routeInteraction(interaction, commands, bot.ctx));

	expect(
		calls.filter((call) => CALLBACK.test(call.path)),
		'exactly one initial response',
	).toHaveLength(1);
	expect(calls.every((call) => CALLBACK.test(call.path) || call.path.startsWith('/webhooks/'))).toBe(true);
	expect(bot.logs.filter((line) => Number(line.level) >= 50).slice(errorsBefore), 'no internal error').toEqual([]);

	const after = await readPosts();
	const now = bot.clock.now();
	let answered: number | null = null;
	for (const [i, post] of before.entries()) {
		const expected = choices(post);
		const choice = click.server === 'dm' ? null : genuineChoice(post, actor.guildId, messageId, click.customId, now);
		const added = choice !== null && expected[click.userId] === undefined;
		if (added) {
			expected[click.userId] = choice;
			answered = choice;
		}
		const stored = after[i] as DailyPost;
		expect(choices(stored), `answers of ${post.guildId} ${post.date}`).toEqual(expected);
		expect(stored.state).toBe(post.state);
		if (added) expect(stored.answers[click.userId]?.at).toBe(now.toISOString());
	}
	const outcome = { calls, answered };
	const { content } = replyOf(outcome);
	if (answered === null)
		expect(content, 'no answer is announced as recorded').not.toMatch(/^(✅ Correct|❌ Not this time)/);
	else expect(content).toMatch(/^(✅ Correct|❌ Not this time)/);
	return outcome;
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const snowflakeId = fc.bigInt({ min: 100_000_000_000_000_000n, max: 9_223_372_036_854_775_807n }).map(String);
const MEMBERS = ['710000000000000001', '710000000000000002', '710000000000000003', '710000000000000004'];
const user = fc.oneof(fc.constantFrom(...MEMBERS), snowflakeId);

const validDate = fc
	.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
	.map((d) => d.toISOString().slice(0, 10));
const date = fc.oneof(
	{ weight: 6, arbitrary: fc.constantFrom(OPEN_DATE, CLOSED_DATE) },
	{ weight: 2, arbitrary: fc.constantFrom('2026-12-03', '2026-11-30', '2025-12-02', '2026-12-02 ', ' 2026-12-02') },
	{ weight: 2, arbitrary: validDate },
	{
		weight: 2,
		arbitrary: fc.constantFrom(
			'2026-12-2',
			'20261202',
			'2026/12/02',
			'2026-12-02T00',
			'２０２６-１２-０２',
			'9999-99-99',
			'0000-00-00',
			'',
			'..',
			'2026-12-02\n',
			'2026‐12‐02',
		),
	},
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
);
const option = fc.oneof(
	{ weight: 6, arbitrary: fc.constantFrom('0', '1', '2', '3') },
	{ weight: 2, arbitrary: fc.constantFrom('4', '5', '9') },
	{
		weight: 3,
		arbitrary: fc.constantFrom(
			'-1',
			'01',
			'00',
			'1.0',
			'0x1',
			' 1',
			'1 ',
			'١',
			'𝟙',
			'１',
			'',
			'a',
			'10',
			'99999999999999999999',
			'NaN',
			'Infinity',
			'1e0',
		),
	},
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);
const answerId = fc.tuple(date, option).map(([d, o]) => `v1:daily:answer:${d}:${o}`);

const customId = fc.oneof(
	{ weight: 8, arbitrary: answerId },
	{
		weight: 2,
		arbitrary: fc
			.tuple(
				answerId,
				fc.array(fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 6 }), fc.constant('')), {
					minLength: 1,
					maxLength: 3,
				}),
			)
			.map(([id, extra]) => [id, ...extra].join(':')),
	},
	{
		weight: 3,
		arbitrary: fc
			.tuple(
				fc.constantFrom('v1', 'v0', 'v2', 'V1', '', 'v1 ', '1'),
				fc.constantFrom('daily', 'Daily', 'daily ', 'explain', 'quiz', 'leaderboard', 'stats', 'search', 'daily2', ''),
				fc.constantFrom('answer', 'Answer', 'answers', 'explain', 'open', 'page', 'next', 'post', ''),
				fc.array(fc.oneof(date, option, fc.constantFrom('all', 'week', '0', '§abc')), { maxLength: 3 }),
			)
			.map(([version, command, action, args]) => [version, command, action, ...args].join(':')),
	},
	{
		weight: 2,
		arbitrary: fc
			.tuple(date, option, fc.constantFrom('::', '：', ';', '|', '/', ' : ', ':\u200b', '\n', ''))
			.map(([d, o, separator]) => ['v1', 'daily', 'answer', d, o].join(separator)),
	},
	{
		weight: 2,
		arbitrary: fc
			.tuple(answerId, fc.integer({ min: 95, max: 400 }))
			.map(([id, length]) => `${id}:${'x'.repeat(Math.max(0, length - id.length - 1))}`),
	},
	{
		weight: 2,
		arbitrary: fc
			.tuple(answerId, fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }))
			.map(([id, at, ch]) => `${id.slice(0, at % (id.length + 1))}${ch}${id.slice((at % (id.length + 1)) + 1)}`),
	},
	{
		weight: 1,
		arbitrary: fc.constantFrom(
			'v1:daily:answer',
			`v1:daily:answer:${OPEN_DATE}`,
			'v1:daily:answer::0',
			`v1:daily::${OPEN_DATE}:0`,
			`:daily:answer:${OPEN_DATE}:0`,
			`v1:daily:explain:${CLOSED_DATE}`,
			`v1:daily:explain:${OPEN_DATE}`,
			'v1:leaderboard:page:all:0',
			'v1:quiz:next:',
			'v1:explain:open:zzzzzz',
			'',
		),
	},
	{ weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 150 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 120 }) },
);

/** Any click: server, message and custom_id drawn apart. */
const anyClick: fc.Arbitrary<Click> = fc.record({
	server: fc.constantFrom('A', 'B', 'elsewhere', 'dm'),
	message: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: snowflakeId }),
	customId,
	userId: user,
});

/** A click on an open question as its own buttons make it, by a member who may or may not have answered. */
const genuineClick: fc.Arbitrary<Click> = fc
	.tuple(fc.constantFrom('A', 'B'), fc.constantFrom('0', '1', '2', '3'), user)
	.map(([server, choice, userId]) => ({
		server,
		message: server === 'A' ? 1 : 2,
		customId: `v1:daily:answer:${OPEN_DATE}:${choice}`,
		userId,
	}));

/** A genuine click with exactly one thing changed: the server, the message, the date, the option or the id's form. */
const nearMiss: fc.Arbitrary<Click> = fc
	.tuple(
		genuineClick,
		fc.oneof(
			fc.record({ server: fc.constantFrom('A', 'B', 'elsewhere', 'dm') }),
			fc.record({ message: fc.oneof(fc.integer({ min: 0, max: 3 }), snowflakeId) }),
			fc.record({ date }),
			fc.record({ option }),
			fc.record({ customId }),
		),
	)
	.map(([click, change]) => {
		if ('date' in change || 'option' in change) {
			const [, , , date = '', option = ''] = click.customId.split(':');
			return {
				...click,
				customId: `v1:daily:answer:${'date' in change ? change.date : date}:${'option' in change ? change.option : option}`,
			};
		}
		return { ...click, ...change };
	});

const click = fc.oneof(
	{ weight: 3, arbitrary: anyClick },
	{ weight: 3, arbitrary: nearMiss },
	{ weight: 1, arbitrary: genuineClick },
);

describe('daily answer buttons with forged custom_ids', () => {
	it('answer exactly once, never throw, and add an answer only for a genuine click', async () => {
		let recorded = 0;
		let refused = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(click, { minLength: 1, maxLength: 6 }), async (clicks) => {
				for (const each of clicks) {
					const { answered } = await clickAndCheck(each);
					if (answered === null) refused++;
					else recorded++;
				}
			}),
			propertyParameters(400),
		);
		// The generators reach both sides of the rule.
		expect(recorded).toBeGreaterThan(50);
		expect(refused).toBeGreaterThan(500);
	}, 60_000);

	it('records a genuine click once, privately, and keeps the first answer on a second click', async () => {
		const [, open] = await readPosts();
		const post = open as DailyPost;
		const userId = '720000000000000001';
		const right = post.question.answer;
		const first = await clickAndCheck({
			server: 'A',
			message: 1,
			customId: `v1:daily:answer:${OPEN_DATE}:${right}`,
			userId,
		});
		expect(first.answered).toBe(right);
		const reply = replyOf(first);
		expect(reply.type).toBe(4);
		expect(reply.flags).toBe(EPHEMERAL);
		expect(reply.content).toMatch(/^✅ Correct/);
		const wrong = (right + 1) % post.question.options.length;
		const second = await clickAndCheck({
			server: 'A',
			message: 1,
			customId: `v1:daily:answer:${OPEN_DATE}:${wrong}`,
			userId,
		});
		expect(second.answered).toBe(null);
		expect(replyOf(second).content).toMatch(/^You already answered/);
	});

	it('refuses a click from another server on the same message id, and on the other server’s own date', async () => {
		const [, openA] = await readPosts();
		const right = openA?.question.answer ?? 0;
		for (const server of ['B', 'elsewhere'] as const) {
			const outcome = await clickAndCheck({
				server,
				message: 1,
				customId: `v1:daily:answer:${OPEN_DATE}:${right}`,
				userId: '720000000000000002',
			});
			expect(outcome.answered).toBe(null);
			expect(replyOf(outcome)).toMatchObject({ type: 4, content: REFUSED, flags: EPHEMERAL });
		}
	});

	it('counts nothing on a closed question, even for the right server, message and date', async () => {
		const [closed] = await readPosts();
		const outcome = await clickAndCheck({
			server: 'A',
			message: 0,
			customId: `v1:daily:answer:${CLOSED_DATE}:${closed?.question.answer ?? 0}`,
			userId: '720000000000000003',
		});
		expect(outcome.answered).toBe(null);
		expect(replyOf(outcome).content).toMatch(/^This question closed\./);
	});
});
