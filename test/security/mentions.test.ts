/**
 * No reply ever pings. Notes full of `@everyone`, `@here`, user and role mentions (of members and roles that exist)
 * and members named `@everyone` go through every public surface: /explain cards, /search, /quiz, the daily post,
 * the answer feedback, the closed post, the results, /leaderboard and /stats. The real discord.js client, configured
 * as `main.ts` configures it, logs into the Discord fake; the fake records the exact JSON of every request, and each
 * message body must carry `allowed_mentions: { parse: [] }` and show no mention syntax in its text.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Events, GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import type { APIEmbed, APIMessage } from 'discord-api-types/v10';
import Keyv from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { CommandModule } from '../../src/discord/command.ts';
import { loadCommands } from '../../src/discord/commands.ts';
import { routeInteraction } from '../../src/discord/router.ts';
import { openLibrary } from '../../src/library.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import type { RecordedRequest } from '../fakes/discord/records.ts';
import { type TestContext, testContext } from '../support/context.ts';
import { buttonsOf, clickFor, replyTo } from '../support/messages.ts';

const TOKEN = 'bWVudGlvbnM.mentions.token';
/** A member and a role that exist in the server, mentioned by the notes: raw, these would really ping. */
const PINGED_USER = '760000000000000001';
const PINGED_ROLE = '760000000000000002';

const NOTE = `---
aliases: ["@everyone 별칭", "<@123>"]
tags: [ping]
---
# @everyone 멘션(Mention)

@everyone 멘션은 서버의 모든 사람에게 알림을 보내는 기능이다. <@123> 와 <@&456> 도 알림을 보낸다.

- @here : 지금 접속한 사람에게 알림을 보내는 멘션 <@${PINGED_USER}>
- <@&456> : 역할을 가진 사람 모두에게 알림을 보내는 멘션 @everyone
- 사용자 멘션 <@!123> 은 한 사람에게 알린다

## @here 채널 알림

@here 채널 알림은 지금 채널을 보고 있는 사람에게만 알리는 멘션이다 <@&${PINGED_ROLE}>.

- 알림 대상은 @here 온라인 사용자이다
- 역할 멘션 <@&456> 과 다르다

## 역할 멘션(Role Mention) <@&${PINGED_ROLE}>

역할 멘션은 <@&456> 처럼 역할 id 로 그 역할의 모든 사람을 부르는 멘션이다 @everyone.

- 관리자만 @everyone 을 쓸 수 있다
- 사용자 <@${PINGED_USER}> 은 역할이 아니다

## 사용자 멘션 <@${PINGED_USER}>

사용자 멘션은 <@${PINGED_USER}> 처럼 한 사람을 부르는 멘션이다 @here.

- **<@123>** : 숫자로 쓴 사용자 멘션 @everyone
`;

/** `@everyone`, `@here`, and user, nickname and role mentions, as Discord parses them in Markdown text. */
const MENTION = /@(?:everyone|here)|<@[!&]?\d+>/;
/** A leaderboard line names its member by a user mention on purpose: it shows the name and, embedded, pings no one. */
const STANDING = /\*\*\d+\.\*\* <@\d+> — /g;

let fake: FakeDiscord;
let client: Client;
let bot: TestContext;
let commands: ReadonlyMap<string, CommandModule>;
let guildId: string;
let channelId: string;
let admin: string;
let everyoneNick: string;
let hereName: string;
const inFlight = new Set<Promise<void>>();

beforeAll(async () => {
	const notes = await mkdtemp(path.join(os.tmpdir(), 'mention-notes-'));
	await writeFile(path.join(notes, '@everyone <@123>.md'), NOTE);
	const library = await openLibrary(notes);
	expect(library.questions.questions.length).toBeGreaterThan(0);
	commands = await loadCommands(path.join(PROJECT_DIR, 'commands'));
	fake = await FakeDiscord.start({ token: TOKEN });
	const guild = fake.addGuild({
		name: '@everyone server',
		channels: [{ name: 'study' }],
		roles: [{ id: PINGED_ROLE, name: 'pinged-role' }],
	});
	guildId = guild.id;
	channelId = fake.channels(guildId)[0]?.id ?? '';
	admin = fake.addMember(guildId, { username: 'admin', permissions: PermissionFlagsBits.ManageGuild }).user.id;
	everyoneNick = fake.addMember(guildId, { username: 'nick', nick: '@everyone' }).user.id;
	hereName = fake.addMember(guildId, { username: 'here', globalName: `@here <@&${PINGED_ROLE}>` }).user.id;
	fake.addUser({ id: PINGED_USER, username: 'pinged' });
	fake.addMember(guildId, { userId: PINGED_USER, nick: `<@${PINGED_USER}>` });

	client = new Client({
		intents: [GatewayIntentBits.Guilds],
		allowedMentions: { parse: [] },
		rest: { api: fake.apiUrl },
	});
	bot = testContext(library, { rest: client.rest, store: new Keyv(), now: new Date('2026-11-30T12:00:00Z') });
	client.on(Events.InteractionCreate, (interaction) => {
		const task = routeInteraction(interaction, commands, bot.ctx).finally(() => inFlight.delete(task));
		inFlight.add(task);
	});
	await client.login(TOKEN);
	await fake.waitForReady();
	await client.application?.commands.set([...commands.values()].map((c) => c.data.toJSON()));
}, 30_000);

afterAll(async () => {
	await Promise.allSettled(inFlight);
	await client?.destroy();
	await fake?.close();
});

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

async function click(message: APIMessage, customId: string, userId: string): Promise<APIMessage> {
	return clickFor(fake, { message, customId, userId });
}

/** The Markdown text of a message body that Discord renders: its content and every text of its embeds. */
function renderedText(body: { content?: unknown; embeds?: unknown }): string[] {
	const texts: string[] = [];
	if (typeof body.content === 'string') texts.push(body.content);
	for (const embed of (body.embeds ?? []) as APIEmbed[]) {
		texts.push(embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '', embed.author?.name ?? '');
		for (const field of embed.fields ?? []) texts.push(field.name, field.value);
	}
	return texts;
}

/** The message bodies the bot sent: replies, edits, follow-ups, channel posts and edits of them. */
function messageBodies(requests: readonly RecordedRequest[]): { request: string; body: Record<string, unknown> }[] {
	const out: { request: string; body: Record<string, unknown> }[] = [];
	for (const request of requests) {
		const body = request.body as Record<string, unknown> | null;
		if (body === null || typeof body !== 'object') continue;
		const name = request.route ?? `${request.method} ${request.path}`;
		if (request.route === 'POST /interactions/:interaction_id/:interaction_token/callback') {
			const data = body.data as Record<string, unknown> | undefined;
			if (data !== undefined && ('content' in data || 'embeds' in data))
				out.push({ request: `${name} type ${body.type}`, body: data });
		} else if (/^(POST|PATCH) \/(webhooks|channels)\//.test(name) && ('content' in body || 'embeds' in body)) {
			out.push({ request: name, body });
		}
	}
	return out;
}

describe('mentions in notes and member names', () => {
	it('never ping: every message body disables mention parsing and shows no mention syntax', async () => {
		const setup = await command('daily', { channel: channelId, time: '09:00', timezone: 'Asia/Seoul' }, admin, 'setup');
		expect(setup.content?.startsWith('Saved.')).toBe(true);

		bot.clock.set(new Date('2026-12-01T00:00:00Z'));
		await command('daily', {}, admin, 'post');
		const stored = await bot.ctx.daily.post(guildId, '2026-12-01');
		const post = fake.message(stored?.messageId ?? '') as APIMessage;
		const right = stored?.question.answer ?? 0;
		const wrong = (right + 1) % (stored?.question.options.length ?? 2);
		const feedback = await click(post, `v1:daily:answer:2026-12-01:${right}`, everyoneNick);
		await click(post, `v1:daily:answer:2026-12-01:${wrong}`, hereName);
		await click(post, `v1:daily:answer:2026-12-01:${right}`, PINGED_USER);
		const explainId = buttonsOf(feedback).find((button) => button.customId.startsWith('v1:explain:open:'))?.customId;
		if (explainId !== undefined) await click(feedback, explainId, everyoneNick);

		bot.clock.set(new Date('2026-12-02T00:00:00Z'));
		await bot.scheduler.fire(`daily:${guildId}`);
		const results = fake.messages(channelId).find((m) => m.embeds[0]?.title === 'Results · daily question 2026-12-01');
		expect(results).toBeDefined();
		await click(results as APIMessage, 'v1:daily:explain:2026-12-01', hereName);

		for (const concept of ['@everyone 멘션', '@here 채널 알림', `역할 멘션 <@&${PINGED_ROLE}>`, '<@123>', '@here']) {
			const card = await command('explain', { concept }, everyoneNick);
			for (const button of buttonsOf(card)
				.filter((b) => b.customId.startsWith('v1:explain:'))
				.slice(0, 2))
				await click(card, button.customId, hereName);
		}
		await command('explain', { concept: '@everyone 없는 개념 <@&999>' }, hereName);
		await command('search', { query: '@everyone 멘션 <@123>' }, everyoneNick);
		await command('search', { query: '@here 없는 말 <@&999>' }, everyoneNick);
		const practice = await command('quiz', {}, hereName);
		const [firstOption] = buttonsOf(practice);
		if (firstOption !== undefined) await click(practice, firstOption.customId, hereName);
		await command('leaderboard', {}, everyoneNick);
		await command('leaderboard', { period: 'week' }, PINGED_USER);
		await command('stats', {}, everyoneNick, 'member');
		await command('stats', { member: hereName }, everyoneNick, 'member');
		await command('stats', { member: PINGED_USER }, admin, 'member');
		await command('daily', {}, admin, 'status');
		await Promise.allSettled(inFlight);

		const bodies = messageBodies(fake.requests);
		const routes = new Set(bodies.map((b) => b.request));
		for (const expected of [
			'POST /channels/:channel_id/messages',
			'PATCH /channels/:channel_id/messages/:message_id',
			'POST /interactions/:interaction_id/:interaction_token/callback type 4',
			'PATCH /webhooks/:application_id/:interaction_token/messages/:message_id',
			'POST /interactions/:interaction_id/:interaction_token/callback type 7',
		])
			expect([...routes], `some ${expected} was sent`).toContain(expected);
		expect(bodies.length).toBeGreaterThan(30);
		const problems: string[] = [];
		for (const { request, body } of bodies) {
			if (JSON.stringify(body.allowed_mentions) !== '{"parse":[]}')
				problems.push(`${request}: allowed_mentions ${JSON.stringify(body.allowed_mentions)}`);
			for (const text of renderedText(body))
				if (MENTION.test(text.replace(STANDING, ''))) problems.push(`${request}: ${JSON.stringify(text)}`);
		}
		expect(problems, 'message bodies that could ping or show mention syntax').toEqual([]);
		expect(fake.stats.rejected).toEqual([]);
		expect(bot.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
	}, 60_000);

	it('names members by a neutralised display name in /stats, and by a mention only inside the leaderboard embed', async () => {
		const own = await command('stats', {}, hereName, 'member');
		expect(own.embeds[0]?.title).toBe(`📊 @\u200bhere <@\u200b&${PINGED_ROLE}>`);
		const theirs = await command('stats', { member: everyoneNick }, admin, 'member');
		expect(theirs.embeds[0]?.title).toBe('📊 @\u200beveryone');
		const pinged = await command('stats', { member: PINGED_USER }, admin, 'member');
		expect(pinged.embeds[0]?.title).toBe(`📊 <@\u200b${PINGED_USER}>`);
		const board = await command('leaderboard', {}, hereName);
		expect(board.content).toBe('');
		expect(board.embeds[0]?.description).toContain(`<@${everyoneNick}>`);
		expect(board.mention_everyone).toBe(false);
		expect(board.mentions).toEqual([]);
		expect(board.mention_roles).toEqual([]);
	});
});
