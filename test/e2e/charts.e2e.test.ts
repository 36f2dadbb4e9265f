/**
 * Chart images end to end in one process: the real discord.js client, router, command handlers, daily service and
 * stores against the Discord fake, with manual time and scheduler. `/stats member` (own record), `/stats server` and
 * `/leaderboard` attach one PNG each as their embed's image; the PNG is downloaded from the fake's CDN and decoded,
 * and must have the size the chart's layout gives. The embed's text must be complete without the image, and every
 * interaction must be answered within Discord's 3 s (the fake fails it otherwise).
 */
import { Locale, PermissionFlagsBits } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesIn } from '../../src/i18n/messages.ts';
import { newCard, rateCard } from '../../src/review/card.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import {
	type Answered,
	filesSent,
	type InProcessBot,
	pngSize,
	runCommand,
	startInProcessBot,
} from '../support/in-process-bot.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDA.charts-e2e.token';
const EN = messagesIn('en');
const KO = messagesIn('ko');
const DATE = '2026-12-01';
const ANSWERED_AT = new Date('2026-12-01T00:10:00.000Z');
/** An hour after the question of `DATE` closed and was scored. */
const NOW = new Date('2026-12-02T01:00:00.000Z');

interface Server {
	readonly guildId: string;
	readonly channelId: string;
	readonly admin: string;
	readonly members: string[];
}

let fake: FakeDiscord;
let bot: InProcessBot;
/** English; ann, ben and cid answer right, dan wrong. */
let hall: Server;
/** Korean name, Korean members' names; eleven answer right. */
let korean: Server;
const answered: Answered[] = [];

function addServer(name: string, locale: Locale, members: { username: string; nick?: string }[]): Server {
	const guildId = fake.addGuild({ name, locale, channels: [{ name: 'study' }] }).id;
	return {
		guildId,
		channelId: fake.channels(guildId)[0]?.id ?? '',
		admin: fake.addMember(guildId, { username: `${name}-admin`, permissions: PermissionFlagsBits.ManageGuild }).user.id,
		members: members.map((seed) => fake.addMember(guildId, seed).user.id),
	};
}

async function command(
	server: Server,
	userId: string,
	name: string,
	options: Record<string, string> = {},
	subcommand?: string,
	locale: Locale = Locale.EnglishUS,
): Promise<Answered> {
	const reply = await runCommand(fake, {
		userId,
		guildId: server.guildId,
		channelId: server.channelId,
		name,
		options,
		locale,
		...(subcommand === undefined ? {} : { subcommand }),
	});
	answered.push(reply);
	return reply;
}

/** Sets the daily question up for 09:00 in Seoul; run before the first post's minute. */
async function setupDaily(server: Server): Promise<void> {
	const reply = await command(
		server,
		server.admin,
		'daily',
		{ channel: server.channelId, time: '09:00', timezone: 'Asia/Seoul' },
		'setup',
	);
	expect(reply.message.content?.split('\n')[0]).toBe(EN.daily.saved);
}

/** Posts the daily question of `DATE` and has `right` answer it rightly and `wrong` wrongly. */
async function answeredDay(server: Server, right: readonly string[], wrong: readonly string[]): Promise<void> {
	bot.test.clock.set(new Date(`${DATE}T00:00:00.000Z`));
	await bot.test.scheduler.fire(`daily:${server.guildId}`);
	const post = await bot.test.ctx.daily.post(server.guildId, DATE);
	if (post?.messageId == null) throw new Error('the daily question was not posted');
	bot.test.clock.set(ANSWERED_AT);
	const { answer, options } = post.question;
	for (const [users, choice] of [
		[right, answer],
		[wrong, (answer + 1) % options.length],
	] as const) {
		for (const userId of users) {
			const interaction = await fake.clickButton({
				message: post.messageId,
				customId: `v1:daily:answer:${DATE}:${choice}`,
				userId,
			});
			await interaction.response();
		}
	}
}

/**
 * The chart of a reply: exactly one attachment, the embed's image pointing at it, a PNG image with alt text. Returns
 * its decoded size.
 */
async function chartOf(reply: Answered, fileName: string): Promise<{ width: number; height: number }> {
	const { message } = reply;
	expect(message.attachments.map((attachment) => attachment.filename)).toEqual([fileName]);
	expect(message.embeds).toHaveLength(1);
	expect(message.embeds[0]?.image?.url).toBe(`attachment://${fileName}`);
	const [attachment] = message.attachments;
	if (attachment === undefined) throw new Error('no attachment');
	const response = await fetch(attachment.url);
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toBe('image/png');
	const bytes = Buffer.from(await response.arrayBuffer());
	expect(bytes.equals(fake.attachmentBytes(attachment))).toBe(true);
	const sent = filesSent(fake, reply.interaction);
	expect(sent).toHaveLength(1);
	expect(sent[0]?.description?.trim() ?? '').not.toBe('');
	expect(sent[0]?.description?.length ?? 0).toBeLessThanOrEqual(1024);
	return pngSize(bytes);
}

function fieldsOf(message: APIMessage): Record<string, string> {
	return Object.fromEntries((message.embeds[0]?.fields ?? []).map((field) => [field.name, field.value]));
}

beforeAll(async () => {
	fake = await FakeDiscord.start({ token: TOKEN });
	hall = addServer('Chart Hall', Locale.EnglishUS, [
		{ username: 'ann' },
		{ username: 'ben' },
		{ username: 'cid' },
		{ username: 'dan' },
	]);
	korean = addServer(
		'스터디 모임',
		Locale.Korean,
		['김민지', '박준호', '이서연', '최지우', '정하늘', '강다은', '조은비', '윤서준', '장미래', '임도윤', '한지민'].map(
			(nick, i) => ({ username: `member${i}`, nick }),
		),
	);
	bot = await startInProcessBot(fake, { token: TOKEN, now: new Date('2026-11-30T12:00:00.000Z') });
}, 60_000);

afterAll(async () => {
	await bot?.stop();
	await fake?.close();
});

describe('charts before any question was scored', () => {
	it('/stats server says so, with no attachment', async () => {
		const [ann = ''] = hall.members;
		const reply = await command(hall, ann, 'stats', {}, 'server');
		expect(reply.message.attachments).toEqual([]);
		expect(reply.message.embeds).toEqual([{ type: 'rich', title: EN.server.title, description: EN.server.empty }]);
	});

	it('/leaderboard draws an empty card one row high', async () => {
		const [ann = ''] = hall.members;
		const reply = await command(hall, ann, 'leaderboard');
		expect(await chartOf(reply, 'leaderboard.png')).toEqual({ width: 600, height: 112 + 44 });
		expect(reply.message.embeds[0]?.description).toBe(`${EN.scores.emptyBoard}\n\n${EN.scores.viewerWithout}`);
	});

	it('/stats member draws an empty 800×400 chart for the member’s own record', async () => {
		const [ann = ''] = hall.members;
		const reply = await command(hall, ann, 'stats', {}, 'member');
		expect(await chartOf(reply, 'stats.png')).toEqual({ width: 800, height: 400 });
		expect(reply.message.embeds[0]?.description).toBe(EN.scores.noAnswersSelf);
		expect(reply.message.embeds[0]?.fields).toEqual([{ name: EN.review.statsName, value: EN.review.statsEmpty }]);
	});
});

describe('charts of a scored question', () => {
	beforeAll(async () => {
		const [ann = '', ben = '', cid = '', dan = ''] = hall.members;
		bot.test.clock.set(new Date('2026-11-30T12:00:00.000Z'));
		await setupDaily(hall);
		await setupDaily(korean);
		await answeredDay(hall, [ann, ben, cid], [dan]);
		await answeredDay(korean, korean.members, []);
		// The next post closes and scores the question.
		bot.test.clock.set(new Date('2026-12-02T00:00:00.000Z'));
		await bot.test.scheduler.fire(`daily:${hall.guildId}`);
		await bot.test.scheduler.fire(`daily:${korean.guildId}`);
		bot.test.clock.set(NOW);
	}, 60_000);

	it('/leaderboard with three members on the board: a 600×244 card and the whole board as text', async () => {
		const [ann = '', ben = '', cid = ''] = hall.members;
		for (const period of ['all', 'week', 'month'] as const) {
			const reply = await command(hall, ben, 'leaderboard', { period });
			expect(await chartOf(reply, 'leaderboard.png')).toEqual({ width: 600, height: 112 + 44 * 3 });
			const embed = reply.message.embeds[0];
			expect(embed?.title).toBe(EN.scores.leaderboardTitle({ period: EN.scores.periods[period] }));
			expect(embed?.description).toBe(
				[
					`**1.** <@${ann}> — 10 points`,
					`**1.** <@${ben}> — 10 points ← you`,
					`**1.** <@${cid}> — 10 points`,
					'',
					'You: **#1** of 3 with 10 points.',
				].join('\n'),
			);
			const label = { all: 'Asia/Seoul', week: '2026-W49 (Asia/Seoul)', month: '2026-12 (Asia/Seoul)' }[period];
			expect(embed?.footer?.text).toBe(`${label} · page 1 of 1`);
		}
	});

	it('/stats member for the member’s own record: an 800×400 chart and every field as text', async () => {
		const [ann = ''] = hall.members;
		const reply = await command(hall, ann, 'stats', {}, 'member');
		expect(await chartOf(reply, 'stats.png')).toEqual({ width: 800, height: 400 });
		const due = new Date(rateCard(newCard(ANSWERED_AT), 3, ANSWERED_AT).due);
		expect(reply.message.embeds[0]?.title).toBe('📊 ann');
		expect(reply.message.embeds[0]?.footer?.text).toBe(EN.scores.statsFooter);
		expect(fieldsOf(reply.message)).toEqual({
			Points: '10 points',
			Rank: '#1 of 3',
			Answered: '1',
			Accuracy: '100% (1/1)',
			Streak: '1 (best 1)',
			'Weakest topics': EN.scores.noWeakTopics,
			[EN.review.statsName]: [
				EN.review.statsDue({ due: 0, cards: 1 }),
				EN.review.statsNext({ when: EN.review.relative({ ms: due.getTime() - NOW.getTime() }) }),
				EN.review.statsNoRetention,
				EN.review.statsReminder({ on: false }),
			].join('\n'),
		});
	});

	it('/stats member for another member: no chart and no review field', async () => {
		const [ann = '', , , dan = ''] = hall.members;
		const reply = await command(hall, ann, 'stats', { member: dan }, 'member');
		expect(reply.message.attachments).toEqual([]);
		expect(reply.message.embeds[0]?.image).toBeUndefined();
		expect(reply.message.embeds[0]?.title).toBe('📊 dan');
		expect(fieldsOf(reply.message)).toEqual({
			Points: '0 points',
			Rank: '—',
			Answered: '1',
			Accuracy: '0% (0/1)',
			Streak: '0 (best 0)',
			'Weakest topics': expect.stringMatching(/ — 0\/1$/),
		});
	});

	it('/stats server: an 800×282 heatmap (one topic, with the participation strip) and the figures as text', async () => {
		const [, , cid = ''] = hall.members;
		const reply = await command(hall, cid, 'stats', {}, 'server');
		expect(await chartOf(reply, 'server-stats.png')).toEqual({ width: 800, height: 140 + 32 + 110 });
		const post = await bot.test.ctx.daily.post(hall.guildId, DATE);
		const topic = post?.question.topic ?? '';
		const embed = reply.message.embeds[0];
		expect(embed?.title).toBe(EN.server.title);
		expect(embed?.description).toBe(EN.server.scored({ questions: '1' }));
		expect(embed?.footer?.text).toBe(EN.server.footer);
		expect(embed?.fields?.map((field) => field.name)).toEqual([
			EN.server.participationName({ days: '30' }),
			EN.server.topicsName,
			EN.server.missedName,
		]);
		const fields = fieldsOf(reply.message);
		expect(fields[EN.server.participationName({ days: '30' })]).toContain(
			EN.server.participationTotals({ answers: '4', questions: '1', percent: '75' }),
		);
		expect(fields[EN.server.topicsName]).toBe(
			EN.server.topicLine({ topic, percent: '75', correct: '3', answered: '4' }),
		);
		expect(fields[EN.server.missedName]).toMatch(/^1\. .+ — missed 1 of 4$/);
	});

	it('draws Korean server and member names, and caps the leaderboard card at ten rows', async () => {
		const [first = ''] = korean.members;
		const board = await command(korean, first, 'leaderboard', {}, undefined, Locale.Korean);
		expect(await chartOf(board, 'leaderboard.png')).toEqual({ width: 600, height: 112 + 44 * 10 });
		expect(board.message.embeds[0]?.title).toBe(KO.scores.leaderboardTitle({ period: KO.scores.periods.all }));
		expect(board.message.embeds[0]?.footer?.text).toBe('Asia/Seoul · 1/2쪽');
		const stats = await command(korean, first, 'stats', {}, 'member', Locale.Korean);
		expect(await chartOf(stats, 'stats.png')).toEqual({ width: 800, height: 400 });
		expect(stats.message.embeds[0]?.title).toBe('📊 김민지');
		const server = await command(korean, first, 'stats', {}, 'server', Locale.Korean);
		expect(await chartOf(server, 'server-stats.png')).toEqual({ width: 800, height: 282 });
		expect(server.message.embeds[0]?.title).toBe(KO.server.title);
	});

	it('answers many chart requests at once within Discord’s deadline', async () => {
		const requests = [...hall.members, ...korean.members.slice(0, 4)].flatMap((userId, i) => {
			const server = i < hall.members.length ? hall : korean;
			return [
				{ server, userId, name: 'leaderboard', subcommand: undefined },
				{ server, userId, name: 'stats', subcommand: 'member' },
				{ server, userId, name: 'stats', subcommand: 'server' },
			];
		});
		const replies = await Promise.all(
			requests.map(({ server, userId, name, subcommand }) => command(server, userId, name, {}, subcommand)),
		);
		expect(replies.every((reply) => reply.message.attachments.length === 1)).toBe(true);
		expect(replies.every((reply) => reply.interaction.status === 'acknowledged')).toBe(true);
	}, 60_000);

	it('answered every interaction in time, with requests Discord accepts', () => {
		expect(answered.length).toBeGreaterThan(20);
		expect(fake.stats.failedInteractions).toEqual([]);
		expect(fake.stats.rejected).toEqual([]);
	});
});
