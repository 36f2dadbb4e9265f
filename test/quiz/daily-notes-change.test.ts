/**
 * A daily post keeps its own snapshot of the question: editing the note it came from retires the question from the
 * pool but changes neither how the open post grades nor the points it gives.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REST } from 'discord.js';
import Keyv from 'keyv';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { CommandModule } from '../../src/discord/command.ts';
import { loadCommands } from '../../src/discord/commands.ts';
import { routeInteraction } from '../../src/discord/router.ts';
import { LiveLibrary } from '../../src/notes/live.ts';
import { dailyAnswerId } from '../../src/quiz/render.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { createRecordingClient } from '../fakes/recording-client.ts';
import { ManualClock, testContext } from '../support/context.ts';
import { apiUser, guildButtonClick } from '../support/guild-interactions.ts';

const TOKEN = 'bm90ZXMtY2hhbmdl.notes-change.test-token';
const ADMIN = '710000000000000001';
const RIGHT = apiUser('710000000000000002', 'right');
const WRONG = apiUser('710000000000000003', 'wrong');
const NOTE = 'virtualization-and-security.md';

let fake: FakeDiscord;
let rest: REST;
let dir: string;
let commands: ReadonlyMap<string, CommandModule>;

beforeAll(async () => {
	fake = await FakeDiscord.start({ token: TOKEN });
	commands = await loadCommands(path.join(PROJECT_DIR, 'commands'));
	rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken(TOKEN);
	dir = await mkdtemp(path.join(os.tmpdir(), 'daily-notes-'));
	await copyFile(path.join(PROJECT_DIR, 'data/notes', NOTE), path.join(dir, NOTE));
});

afterAll(async () => {
	await fake.close();
	await rm(dir, { recursive: true, force: true });
});

describe('a daily post whose note changed', () => {
	it('still grades from its own question, and the closed post scores as it would have', async () => {
		const guildId = fake.addGuild({ name: 'Notes change', channels: [{ name: 'study' }] }).id;
		const channelId = fake.channels(guildId)[0]?.id ?? '';
		const clock = new ManualClock(new Date('2026-11-30T12:00:00Z'));
		const notes = await LiveLibrary.open({ notesDir: dir, clock, logger: pino({ level: 'silent' }) });
		const bot = testContext(notes, { rest, store: new Keyv(), now: clock.now() });
		const { ctx, scheduler } = bot;
		await ctx.daily.setup(guildId, { channelId, time: '09:00', zone: 'Asia/Seoul', by: ADMIN });
		bot.clock.set(new Date('2026-12-01T00:00:00Z'));
		const { post } = await ctx.daily.postNow(guildId);
		const question = post.question;
		expect(ctx.library.questions.get(question.id)).toEqual(question);

		// Every line under a heading is rewritten: every question of the note is made of changed text now.
		const text = await readFile(path.join(dir, NOTE), 'utf8');
		const edited = text
			.split('\n')
			.map((line) => (line.trim() === '' || /^\s*#/.test(line) ? line : `${line} (고침)`))
			.join('\n');
		await writeFile(path.join(dir, NOTE), edited);
		const outcome = await notes.reload();
		expect(outcome.ok).toBe(true);
		expect(ctx.library.questions.get(question.id)).toBeUndefined();
		expect(ctx.library.questions.questions.length).toBeGreaterThan(0);

		const base = { guildId, date: post.date, messageId: post.messageId ?? '' };
		const wrongChoice = (question.answer + 1) % question.options.length;
		expect((await ctx.daily.answer({ ...base, userId: WRONG.id, choice: wrongChoice })).outcome).toEqual({
			kind: 'recorded',
			choice: wrongChoice,
			correct: false,
		});
		// The right answer goes through the button handler, which reads the rebuilt library for its feedback.
		const message = fake.message(post.messageId ?? '');
		if (message === undefined) throw new Error('the daily post is not in the channel');
		const click = guildButtonClick(
			{ guildId, channelId, user: RIGHT },
			message,
			dailyAnswerId(post.date, question.answer),
		);
		const calls = await createRecordingClient().dispatch(click, (interaction) =>
			routeInteraction(interaction, commands, ctx),
		);
		expect(JSON.stringify(calls.map((call) => call.body))).toContain('✅ Correct');
		const stored = await ctx.daily.post(guildId, post.date);
		expect(stored?.question).toEqual(question);
		expect(stored?.answers[RIGHT.id]?.choice).toBe(question.answer);

		bot.clock.set(new Date('2026-12-02T00:00:00Z'));
		await scheduler.fire(`daily:${guildId}`);
		const board = await ctx.scores.leaderboard(guildId, 'all', '2026-12-02', 0, WRONG.id);
		expect(board.entries.map((entry) => [entry.userId, entry.points])).toEqual([[RIGHT.id, 10]]);
	});
});
