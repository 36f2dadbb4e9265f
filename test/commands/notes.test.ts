import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { Context } from '../../src/context.ts';
import type { CommandModule } from '../../src/discord/command.ts';
import { loadCommands } from '../../src/discord/commands.ts';
import { routeInteraction } from '../../src/discord/router.ts';
import { LiveLibrary } from '../../src/notes/live.ts';
import { createRecordingClient } from '../fakes/recording-client.ts';
import { ManualClock, testContext } from '../support/context.ts';
import { apiUser, type GuildActor, guildSlashCommand } from '../support/guild-interactions.ts';

const EPHEMERAL = 64;
const GUILD = '720000000000000001';
const CHANNEL = '720000000000000002';
const ADMIN: GuildActor = {
	guildId: GUILD,
	channelId: CHANNEL,
	user: apiUser('720000000000000003', 'admin'),
	permissions: PermissionFlagsBits.ManageGuild,
};
const MEMBER: GuildActor = { guildId: GUILD, channelId: CHANNEL, user: apiUser('720000000000000004', 'member') };

interface Callback {
	type: number;
	data: { content?: string; flags?: number };
}

let commands: ReadonlyMap<string, CommandModule>;
let dir: string;
let notes: LiveLibrary;
let clock: ManualClock;
let ctx: Context;

beforeAll(async () => {
	commands = await loadCommands(path.join(PROJECT_DIR, 'commands'));
	dir = await mkdtemp(path.join(os.tmpdir(), 'notes-status-'));
	await writeFile(path.join(dir, 'kernel.md'), '# Kernel\n\nThe core of an operating system.\n');
	for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) await writeFile(path.join(dir, `empty-${name}.md`), '');
	clock = new ManualClock(new Date('2026-11-30T00:00:00Z'));
	notes = await LiveLibrary.open({ notesDir: dir, clock, logger: pino({ level: 'silent' }) });
	ctx = testContext(notes).ctx;
});

afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

async function status(actor: GuildActor): Promise<Callback> {
	const calls = await createRecordingClient().dispatch(
		guildSlashCommand(actor, 'notes', { subcommand: 'status' }),
		(interaction) => routeInteraction(interaction, commands, ctx),
	);
	expect(calls).toHaveLength(1);
	return calls[0]?.body as Callback;
}

describe('/notes status', () => {
	it('shows files, concepts, questions, the first warnings with a count and when the notes were built, privately', async () => {
		const reply = await status(ADMIN);
		expect(reply.type).toBe(4);
		expect(reply.data.flags).toBe(EPHEMERAL);
		const built = Date.parse('2026-11-30T00:00:00Z') / 1000;
		expect(reply.data.content).toBe(
			[
				`**Notes** built <t:${built}:f> (<t:${built}:R>)`,
				`Files: 8 · concepts: 1 · questions: ${notes.current().questions.questions.length}`,
				'Warnings: 7',
				'- empty-a.md is empty, skipped',
				'- empty-b.md is empty, skipped',
				'- empty-c.md is empty, skipped',
				'- empty-d.md is empty, skipped',
				'- empty-e.md is empty, skipped',
				'- …and 2 more',
			].join('\n'),
		);
	});

	it('shows when the last rebuild failed and why, next to the notes it kept', async () => {
		await rm(dir, { recursive: true });
		clock.set(new Date('2026-11-30T03:00:00Z'));
		expect((await notes.reload()).ok).toBe(false);
		const reply = await status(ADMIN);
		const failed = Date.parse('2026-11-30T03:00:00Z') / 1000;
		expect(reply.data.content).toContain('Files: 8 · concepts: 1');
		expect(reply.data.content).toContain(
			`Last failed rebuild: <t:${failed}:f> (<t:${failed}:R>), kept the notes read before: folder ${dir} does not exist`,
		);
	});

	it('refuses members without Manage Server, privately', async () => {
		const reply = await status(MEMBER);
		expect(reply.data.flags).toBe(EPHEMERAL);
		expect(reply.data.content).toBe('Only members with the Manage Server permission can see the notes status.');
	});
});
