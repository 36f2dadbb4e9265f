/**
 * End to end: the bot in its own process reads a note added while it runs, without a restart.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { APIEmbed } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { type BotProcess, startBot } from '../support/bot-process.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDE.fake-notes-reload.token-never-logged';
const EPHEMERAL = 64;

interface Reply {
	type: number;
	data?: { content?: string; flags?: number; embeds?: APIEmbed[] };
}

describe('notes that change while the bot runs', () => {
	let fake: FakeDiscord;
	let bot: BotProcess;
	let notes: string;
	let data: string;
	let guildId: string;
	let channelId: string;
	let userId: string;

	const explain = async (concept: string): Promise<Reply> => {
		const interaction = await fake.slashCommand({ userId, guildId, channelId, name: 'explain', options: { concept } });
		return (await interaction.response()) as Reply;
	};

	beforeAll(async () => {
		notes = await mkdtemp(path.join(os.tmpdir(), 'e2e-live-notes-'));
		await copyFile(
			path.join(PROJECT_DIR, 'data/notes/virtualization-and-security.md'),
			path.join(notes, 'virtualization-and-security.md'),
		);
		data = await mkdtemp(path.join(os.tmpdir(), 'e2e-live-store-'));
		fake = await FakeDiscord.start({
			token: TOKEN,
			guilds: [{ name: 'Study', channels: [{ name: 'study' }], members: [{ username: 'student' }] }],
		});
		guildId = fake.guilds()[0]?.id ?? '';
		channelId = fake.channels(guildId)[0]?.id ?? '';
		userId = fake.members(guildId).find((member) => member.user.username === 'student')?.user.id ?? '';
		bot = startBot({
			DISCORD_TOKEN: TOKEN,
			DISCORD_API_URL: fake.apiUrl,
			NOTES_DIR: notes,
			STORE_URL: `sqlite://${path.join(data, 'study.sqlite')}`,
		});
		await bot.waitForLog((line) => line.msg === 'commands registered');
	});

	afterAll(async () => {
		await bot?.stop('SIGKILL');
		await fake?.close();
		await rm(notes, { recursive: true, force: true });
		await rm(data, { recursive: true, force: true });
	});

	it('explains a concept of a note added after start, once the notes are reloaded', async () => {
		expect((await explain('apparmor')).data?.embeds?.[0]?.title).toBe('APPArmor');
		const missing = await explain('Seccomp');
		expect(missing.data?.flags).toBe(EPHEMERAL);
		expect(missing.data?.embeds ?? []).toEqual([]);

		await writeFile(
			path.join(notes, 'seccomp.md'),
			'# Seccomp\n\n프로세스가 호출할 수 있는 시스템 콜을 제한하는 리눅스 커널 기능\n',
		);
		const reloaded = await bot.waitForLog((line) => line.msg === 'notes reloaded');
		expect(reloaded).toMatchObject({ files: 2 });

		const card = await explain('seccomp');
		expect(card.type).toBe(4);
		expect(card.data?.flags ?? 0).toBe(0);
		expect(card.data?.embeds?.[0]?.title).toBe('Seccomp');
		expect(card.data?.embeds?.[0]?.footer?.text).toBe('seccomp.md › Seccomp');
		expect((await explain('apparmor')).data?.embeds?.[0]?.title).toBe('APPArmor');
	});
});
