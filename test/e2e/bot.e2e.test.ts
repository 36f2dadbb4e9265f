/**
 * End to end: the bot as it runs in production (`src/main.ts` in its own process, real discord.js client, SQLite
 * store) pointed at the Discord fake over HTTP and WebSocket on 127.0.0.1. Nothing of the bot is replaced.
 */
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { APIEmbed, APIMessage, APIMessageTopLevelComponent } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { type BotProcess, startBot } from '../support/bot-process.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDA.fake-e2e.token-never-logged';
const CALLBACK = 'POST /interactions/:interaction_id/:interaction_token/callback';
const EPHEMERAL = 64;

interface Reply {
	type: number;
	data?: { content?: string; flags?: number; embeds?: APIEmbed[]; components?: APIMessageTopLevelComponent[] };
	/** The message the reply created or updated, as the fake stores it. */
	message?: APIMessage;
}

function buttonsOf(reply: Reply): { label: string; customId: string; disabled: boolean }[] {
	const out: { label: string; customId: string; disabled: boolean }[] = [];
	for (const row of reply.data?.components ?? []) {
		if (!('components' in row)) continue;
		for (const component of row.components) {
			if ('custom_id' in component && 'label' in component) {
				out.push({
					label: component.label ?? '',
					customId: component.custom_id,
					disabled: component.disabled === true,
				});
			}
		}
	}
	return out;
}

describe('the bot against the Discord fake', () => {
	let fake: FakeDiscord;
	let bot: BotProcess;
	let env: Record<string, string>;
	let guildId: string;
	let channelId: string;
	let student: string;
	let classmate: string;

	/** Sends a slash command; the reply keeps the message it became, so its buttons can be clicked. */
	const command = async (name: string, options: Record<string, string>, userId = student): Promise<Reply> => {
		const interaction = await fake.slashCommand({ userId, guildId, channelId, name, options });
		const reply = (await interaction.response()) as Reply;
		return { ...reply, message: interaction.original() };
	};
	const click = async (on: Reply, customId: string, userId = student): Promise<Reply> => {
		if (on.message === undefined) throw new Error('that reply became no message');
		const interaction = await fake.clickButton({ message: on.message, customId, userId });
		const reply = (await interaction.response()) as Reply;
		return { ...reply, message: interaction.original() };
	};

	beforeAll(async () => {
		const notes = await mkdtemp(path.join(os.tmpdir(), 'e2e-notes-'));
		await copyFile(
			path.join(PROJECT_DIR, 'data/notes/virtualization-and-security.md'),
			path.join(notes, 'virtualization-and-security.md'),
		);
		const longBody = Array.from(
			{ length: 120 },
			(_, i) => `${i + 1}. 긴 노트의 문장 ${i + 1}: 페이지 나누기를 확인하는 내용입니다.`,
		).join('\n');
		await writeFile(path.join(notes, 'long.md'), `# 아주 긴 노트\n\n${longBody}\n`);
		const data = await mkdtemp(path.join(os.tmpdir(), 'e2e-store-'));
		fake = await FakeDiscord.start({
			token: TOKEN,
			guilds: [
				{ name: 'Study', channels: [{ name: 'study' }], members: [{ username: 'student' }, { username: 'classmate' }] },
			],
		});
		const [guild] = fake.guilds();
		guildId = guild?.id ?? '';
		channelId = fake.channels(guildId)[0]?.id ?? '';
		const members = fake
			.members(guildId)
			.filter((member) => member.user.username !== 'study-bot' && !member.user.username.endsWith('-owner'));
		student = members.find((member) => member.user.username === 'student')?.user.id ?? '';
		classmate = members.find((member) => member.user.username === 'classmate')?.user.id ?? '';
		env = {
			DISCORD_TOKEN: TOKEN,
			DISCORD_API_URL: fake.apiUrl,
			NOTES_DIR: notes,
			STORE_URL: `sqlite://${path.join(data, 'study.sqlite')}`,
		};
		bot = startBot(env);
		await bot.waitForLog((line) => line.msg === 'commands registered');
	});

	afterAll(async () => {
		await bot?.stop('SIGKILL');
		await fake?.close();
	});

	it('logs in and registers its commands', () => {
		expect(
			fake
				.commands()
				.map((c) => c.name)
				.sort(),
		).toEqual(['daily', 'explain', 'leaderboard', 'mydata', 'notes', 'quiz', 'review', 'search', 'stats']);
		expect(fake.registrationCount).toBe(1);
	});

	it('answers /explain apparmor with the concept card', async () => {
		const reply = await command('explain', { concept: 'apparmor' });
		expect(reply.type).toBe(4);
		const [embed] = reply.data?.embeds ?? [];
		expect(embed?.title).toBe('APPArmor');
		expect(embed?.footer?.text).toBe(
			'virtualization-and-security.md › 가상 머신과 도커 컨테이너 › 가상화를 사용하는 이유 › 보안 모듈 › APPArmor',
		);
		expect(buttonsOf(reply).map((b) => b.label)).toContain('SELinux');
	});

	it('opens a related concept from the card privately', async () => {
		const card = await command('explain', { concept: 'apparmor' });
		const selinux = buttonsOf(card).find((b) => b.label === 'SELinux');
		const reply = await click(card, selinux?.customId ?? '', classmate);
		expect(reply.type).toBe(4);
		expect(reply.data?.flags).toBe(EPHEMERAL);
		expect(reply.data?.embeds?.[0]?.title).toBe('SELinux');
	});

	it('answers an unknown concept privately with suggestions, and a suggestion opens its card in place', async () => {
		const reply = await command('explain', { concept: '보안모둘임' });
		expect(reply.data?.flags).toBe(EPHEMERAL);
		expect(reply.data?.content).toBe('No concept in the notes matches “보안모둘임”. Did you mean one of these?');
		const [suggestion] = buttonsOf(reply);
		expect(suggestion?.label).toBe('보안 모듈');
		const opened = await click(reply, suggestion?.customId ?? '');
		expect(opened.type).toBe(7);
		expect(opened.data?.embeds?.[0]?.title).toBe('보안 모듈');
	});

	it('pages a long note: the asker’s clicks turn the card, anyone else’s give a private copy', async () => {
		const reply = await command('explain', { concept: '아주 긴 노트' });
		expect(reply.data?.embeds?.[0]?.footer?.text).toBe('long.md › 아주 긴 노트 · page 1/2');
		const next = buttonsOf(reply).find((b) => b.label === 'Next');
		const mine = await click(reply, next?.customId ?? '');
		expect(mine.type).toBe(7);
		expect(mine.data?.embeds?.[0]?.footer?.text).toBe('long.md › 아주 긴 노트 · page 2/2');
		const prev = buttonsOf(mine).find((b) => b.label === 'Prev');
		const theirs = await click(mine, prev?.customId ?? '', classmate);
		expect(theirs.type).toBe(4);
		expect(theirs.data?.flags).toBe(EPHEMERAL);
		expect(theirs.data?.embeds?.[0]?.footer?.text).toBe('long.md › 아주 긴 노트 · page 1/2');
		expect(fake.message(mine.message?.id ?? '')?.embeds?.[0]?.footer?.text).toBe('long.md › 아주 긴 노트 · page 2/2');
	});

	it('autocompletes in Korean and in English', async () => {
		const korean = await fake.autocomplete({
			userId: student,
			guildId,
			channelId,
			name: 'explain',
			option: 'concept',
			value: 'ㅎ',
		});
		expect(korean[0]?.name).toBe('하이퍼바이즈(Hypervisor)');
		const english = await fake.autocomplete({
			userId: student,
			guildId,
			channelId,
			name: 'explain',
			option: 'concept',
			value: 'sel',
		});
		expect(english.map((choice) => choice.name)).toContain('SELinux — Security-Enhanced Linux');
		const picked = await command('explain', { concept: String(english[0]?.value) });
		expect(picked.data?.embeds?.[0]?.title).toBe('SELinux');
	});

	it('answers /search with ranked results', async () => {
		const reply = await command('search', { query: '파일 경로에 적용하는 보안 모듈' });
		expect(reply.data?.embeds?.[0]?.description?.split('\n')[0]).toMatch(/^\*\*1\. APPArmor\*\*/);
	});

	it('shows an error id privately when Discord fails the reply, logs it, and keeps serving', async () => {
		// Discord answers 500 to the reply and to every retry discord.js makes; the router then reports the error.
		fake.failNext(CALLBACK, { status: 500, count: 4 });
		const reply = await command('explain', { concept: 'dpkg' });
		expect(reply.data?.flags).toBe(EPHEMERAL);
		const errorId = /error id `([0-9a-f]{8})`/.exec(reply.data?.content ?? '')?.[1];
		expect(errorId).toMatch(/^[0-9a-f]{8}$/);
		const logged = await bot.waitForLog((line) => line.errorId === errorId);
		expect(logged.level).toBe(50);
		expect((await command('explain', { concept: 'dpkg' })).data?.embeds?.[0]?.title).toBe('dpkg');
	});

	it('obeys a 429 and still answers', async () => {
		const before = fake.stats.tooManyRequests;
		fake.failNext(CALLBACK, { status: 429, retryAfterMs: 300 });
		const reply = await command('explain', { concept: 'lvm' });
		expect(reply.data?.embeds?.[0]?.title).toBe('LVM(Logical Volume Manager)');
		expect(fake.stats.tooManyRequests).toBe(before + 1);
		expect(fake.stats.failedInteractions).toEqual([]);
	});

	it('resumes after the gateway drops and keeps answering', async () => {
		const resumes = fake.stats.gateway.resumes;
		fake.dropGateway();
		await fake.waitFor(() => (fake.stats.gateway.resumes > resumes ? true : undefined), { timeoutMs: 15_000 });
		expect((await command('explain', { concept: 'selinux' })).data?.embeds?.[0]?.title).toBe('SELinux');
	});

	it('never sent anything Discord would refuse, and never missed a deadline', () => {
		expect(fake.stats.rejected).toEqual([]);
		expect(fake.stats.failedInteractions).toEqual([]);
		expect(fake.stats.internalErrors).toEqual([]);
	});

	it('exits 0 on SIGTERM within 5 s, then restarts without registering unchanged commands', async () => {
		const inFlight = fake.slashCommand({
			userId: student,
			guildId,
			channelId,
			name: 'explain',
			options: { concept: 'mac' },
		});
		await bot.waitForLog(
			(line) => line.msg === 'interaction received' && (line.options as { concept?: string }).concept === 'mac',
		);
		const stopped = await bot.stop('SIGTERM');
		expect(stopped.code).toBe(0);
		expect(stopped.elapsedMs).toBeLessThan(5_000);
		expect(((await (await inFlight).response()) as Reply).data?.embeds?.[0]?.title).toBe('MAC');
		expect(bot.output()).not.toContain(TOKEN);

		bot = startBot(env);
		await bot.waitForLog((line) => line.msg === 'commands unchanged');
		expect(fake.registrationCount).toBe(1);
		expect((await command('explain', { concept: 'apt' })).data?.embeds?.[0]?.title).toBe('APT');
	});
});
