import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { Context } from '../../src/context.ts';
import type { CommandModule } from '../../src/discord/command.ts';
import { loadCommands } from '../../src/discord/commands.ts';
import { encodeCustomId } from '../../src/discord/custom-id.ts';
import { routeInteraction } from '../../src/discord/router.ts';
import { type Library, openLibrary } from '../../src/library.ts';
import {
	autocomplete,
	buttonClick,
	createRecordingClient,
	OTHER_MEMBER,
	type RestCall,
	slashCommand,
} from '../fakes/recording-client.ts';
import { testContext } from '../support/context.ts';
import { CORPUS_DIR, corpusAvailable } from '../support/corpus.ts';

/** Discord's interaction response types used here. */
const CHANNEL_MESSAGE = 4;
const UPDATE_MESSAGE = 7;
const AUTOCOMPLETE_RESULT = 8;
const EPHEMERAL = 64;

interface Callback {
	type: number;
	data: {
		content?: string;
		flags?: number;
		embeds?: {
			title: string;
			description: string;
			footer: { text: string };
			fields?: { name: string; value: string }[];
		}[];
		components?: { components: { label: string; custom_id: string; disabled?: boolean }[] }[];
		allowed_mentions?: unknown;
		choices?: { name: string; value: string }[];
	};
}

let commands: ReadonlyMap<string, CommandModule>;
beforeAll(async () => {
	commands = await loadCommands(path.join(PROJECT_DIR, 'commands'));
});

/** Runs one raw interaction through the real router and returns the single initial response it made. */
async function respond(ctx: Context, raw: unknown): Promise<Callback> {
	const discord = createRecordingClient();
	const calls: RestCall[] = await discord.dispatch(raw, (interaction) => routeInteraction(interaction, commands, ctx));
	expect(calls).toHaveLength(1);
	const [call] = calls;
	expect(call?.method).toBe('POST');
	expect(call?.path).toMatch(/^\/interactions\/\d+\/[\w-]+\/callback$/);
	return call?.body as Callback;
}

const buttons = (callback: Callback) => callback.data.components?.flatMap((row) => row.components) ?? [];

describe('/explain on the default notes', () => {
	let library: Library;
	let ctx: Context;
	beforeAll(async () => {
		library = await openLibrary(path.join(PROJECT_DIR, 'data/notes'));
		ctx = testContext(library).ctx;
	});

	it('answers `apparmor` with the AppArmor card: aliases, definition, source footer, related buttons, no pings', async () => {
		const callback = await respond(ctx, slashCommand('explain', { concept: 'apparmor' }));
		expect(callback.type).toBe(CHANNEL_MESSAGE);
		expect(callback.data.flags ?? 0).toBe(0);
		expect(callback.data.allowed_mentions).toEqual({ parse: [] });
		const [embed] = callback.data.embeds ?? [];
		expect(embed?.title).toBe('APPArmor');
		expect(embed?.fields).toEqual([{ name: 'Also called', value: 'Application Armor' }]);
		expect(embed?.description).toContain(
			'시스템 관리자가 프로그램 프로필 별로 프로그램 역량을 제한할 수 있게 해주는 리눅스 커널 보안 모듈',
		);
		expect(embed?.description).toContain('파일 경로에 적용');
		expect(embed?.footer.text).toBe(
			'virtualization-and-security.md › 가상 머신과 도커 컨테이너 › 가상화를 사용하는 이유 › 보안 모듈 › APPArmor',
		);
		const labels = buttons(callback).map((button) => button.label);
		expect(labels).toContain('보안 모듈');
		expect(labels).toContain('SELinux');
		expect(labels).not.toContain('APPArmor');
		for (const button of buttons(callback)) expect(button.custom_id).toMatch(/^v1:explain:open:[0-9a-z]+$/);
	});

	it('forgives a Hangul typo: `하이퍼바이저` opens 하이퍼바이즈(Hypervisor)', async () => {
		const callback = await respond(ctx, slashCommand('explain', { concept: '하이퍼바이저' }));
		expect(callback.data.embeds?.[0]?.title).toBe('하이퍼바이즈(Hypervisor)');
	});

	it('answers an unknown concept privately with "did you mean" buttons', async () => {
		const callback = await respond(ctx, slashCommand('explain', { concept: '보안모둘임' }));
		expect(callback.type).toBe(CHANNEL_MESSAGE);
		expect(callback.data.flags).toBe(EPHEMERAL);
		expect(callback.data.content).toBe('No concept in the notes matches “보안모둘임”. Did you mean one of these?');
		expect(buttons(callback).map((button) => button.label)).toEqual(['보안 모듈']);
	});

	it('says plainly when nothing is even close', async () => {
		const callback = await respond(ctx, slashCommand('explain', { concept: 'qwzxv' }));
		expect(callback.data.flags).toBe(EPHEMERAL);
		expect(callback.data.content).toBe(
			'No concept in the notes matches “qwzxv”. Try `/search` with other words, or check the spelling.',
		);
		expect(callback.data.components).toEqual([]);
	});

	it('autocompletes from the first Hangul consonant and from one Latin letter, at most 25 choices', async () => {
		const hangul = await respond(ctx, autocomplete('explain', 'concept', 'ㅎ'));
		expect(hangul.type).toBe(AUTOCOMPLETE_RESULT);
		expect(hangul.data.choices?.[0]?.name).toBe('하이퍼바이즈(Hypervisor)');
		const latin = await respond(ctx, autocomplete('explain', 'concept', 'a'));
		const names = latin.data.choices?.map((choice) => choice.name) ?? [];
		expect(names).toContain('APPArmor — Application Armor');
		expect(names).toContain('APT — advanced packaging tool');
		const empty = await respond(ctx, autocomplete('explain', 'concept', ''));
		expect(empty.data.choices?.length).toBeGreaterThan(0);
		expect(empty.data.choices?.length).toBeLessThanOrEqual(25);
	});

	it('opens exactly the concept an autocomplete choice names', async () => {
		const choices = (await respond(ctx, autocomplete('explain', 'concept', 'sel'))).data.choices ?? [];
		const selinux = choices.find((choice) => choice.name.startsWith('SELinux'));
		expect(selinux?.value).toMatch(/^§[0-9a-z]+$/);
		const callback = await respond(ctx, slashCommand('explain', { concept: selinux?.value ?? '' }));
		expect(callback.data.embeds?.[0]?.title).toBe('SELinux');
	});

	it('opens a related concept privately from a public card', async () => {
		const key = library.keyOf(library.index.search('selinux')[0]?.concept.id ?? '');
		const callback = await respond(ctx, buttonClick(encodeCustomId('explain', 'open', key)));
		expect(callback.type).toBe(CHANNEL_MESSAGE);
		expect(callback.data.flags).toBe(EPHEMERAL);
		expect(callback.data.embeds?.[0]?.title).toBe('SELinux');
	});

	it('turns a "did you mean" reply into the card in place', async () => {
		const key = library.keyOf(library.index.search('보안 모듈')[0]?.concept.id ?? '');
		const callback = await respond(ctx, buttonClick(encodeCustomId('explain', 'open', key), { ephemeral: true }));
		expect(callback.type).toBe(UPDATE_MESSAGE);
		expect(callback.data.embeds?.[0]?.title).toBe('보안 모듈');
	});

	it('refuses buttons for concepts that left the notes, and forged ids, privately and without an error id', async () => {
		const { ctx: quiet, logs } = testContext(library);
		for (const customId of [
			encodeCustomId('explain', 'open', 'zzzzzz'),
			'v1:explain:explode:x',
			'v9:explain:open:x',
			'not-ours',
		]) {
			const callback = await respond(quiet, buttonClick(customId));
			expect(callback.type).toBe(CHANNEL_MESSAGE);
			expect(callback.data.flags).toBe(EPHEMERAL);
			expect(callback.data.content).not.toContain('error id');
		}
		expect(logs.filter((line) => line.level === 50)).toEqual([]);
	});

	it('never lets note text ping: @everyone in a note is neutralised and allowed mentions are empty', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'notes-'));
		await writeFile(
			path.join(dir, 'ping.md'),
			'# Ping test\n\nHello @everyone and @here, see <@123456789012345678>.\n',
		);
		const { ctx: pingCtx } = testContext(await openLibrary(dir));
		const callback = await respond(pingCtx, slashCommand('explain', { concept: 'ping test' }));
		expect(callback.data.allowed_mentions).toEqual({ parse: [] });
		const description = callback.data.embeds?.[0]?.description ?? '';
		expect(description).toBe('Hello @\u200beveryone and @\u200bhere, see <@\u200b123456789012345678>.');
	});
});

if (corpusAvailable('/explain on born2beroot-en')) {
	describe('/explain and autocomplete on born2beroot-en', () => {
		let library: Library;
		let ctx: Context;
		beforeAll(async () => {
			library = await openLibrary(path.join(CORPUS_DIR, 'born2beroot-en'));
			ctx = testContext(library).ctx;
		});

		it('explains `ufw` from the English notes', async () => {
			const callback = await respond(ctx, slashCommand('explain', { concept: 'ufw' }));
			const [embed] = callback.data.embeds ?? [];
			expect(embed?.title).toMatch(/Uncomplicated Firewall \(UFW\)|UFW \(Uncomplicated Firewall\)/);
			expect(embed?.footer.text.startsWith('spacotto__Born2beRoot__')).toBe(true);
		});

		it('autocompletes `u` with the firewall concept among at most 25 choices', async () => {
			const callback = await respond(ctx, autocomplete('explain', 'concept', 'u'));
			const names = callback.data.choices?.map((choice) => choice.name) ?? [];
			expect(names.length).toBeLessThanOrEqual(25);
			expect(names.some((name) => name.includes('Uncomplicated Firewall'))).toBe(true);
		});

		it('pages a long section: Next updates the asker’s card, and gives anyone else a private copy', async () => {
			const concept = library.index
				.all()
				.find((c) => c.title === 'Why VirtualBox is the Best Choice for Academic Projects');
			expect(concept).toBeDefined();
			const first = await respond(ctx, slashCommand('explain', { concept: concept?.title ?? '' }));
			const [embed] = first.data.embeds ?? [];
			expect(embed?.footer.text).toMatch(/ · page 1\/2$/);
			const [prev, next] = buttons(first);
			expect(prev?.label).toBe('Prev');
			expect(prev?.disabled).toBe(true);
			expect(next?.label).toBe('Next');

			const mine = await respond(ctx, buttonClick(next?.custom_id ?? ''));
			expect(mine.type).toBe(UPDATE_MESSAGE);
			expect(mine.data.embeds?.[0]?.footer.text).toMatch(/ · page 2\/2$/);
			expect(buttons(mine)[1]?.disabled).toBe(true);

			const theirs = await respond(ctx, buttonClick(next?.custom_id ?? '', { clicker: OTHER_MEMBER }));
			expect(theirs.type).toBe(CHANNEL_MESSAGE);
			expect(theirs.data.flags).toBe(EPHEMERAL);
			expect(theirs.data.embeds?.[0]?.footer.text).toMatch(/ · page 2\/2$/);
		});
	});
}
