import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { Context } from '../../src/context.ts';
import type { CommandModule } from '../../src/discord/command.ts';
import { loadCommands } from '../../src/discord/commands.ts';
import { routeInteraction } from '../../src/discord/router.ts';
import { openLibrary } from '../../src/library.ts';
import { createRecordingClient, slashCommand } from '../fakes/recording-client.ts';
import { testContext } from '../support/context.ts';
import { CORPUS_DIR, corpusAvailable } from '../support/corpus.ts';

interface SearchReply {
	type: number;
	data: {
		content?: string;
		embeds?: { title: string; description: string; footer: { text: string } }[];
		components?: { components: { label: string; custom_id: string }[] }[];
		allowed_mentions?: unknown;
	};
}

let commands: ReadonlyMap<string, CommandModule>;
beforeAll(async () => {
	commands = await loadCommands(path.join(PROJECT_DIR, 'commands'));
});

async function search(ctx: Context, query: string): Promise<SearchReply> {
	const discord = createRecordingClient();
	const calls = await discord.dispatch(slashCommand('search', { query }), (interaction) =>
		routeInteraction(interaction, commands, ctx),
	);
	expect(calls).toHaveLength(1);
	return calls[0]?.body as SearchReply;
}

describe('/search', () => {
	let ctx: Context;
	beforeAll(async () => {
		ctx = testContext(await openLibrary(path.join(PROJECT_DIR, 'data/notes'))).ctx;
	});

	it('ranks AppArmor first for a Korean question, with snippet, source and a button per result', async () => {
		const reply = await search(ctx, '파일 경로에 적용하는 보안 모듈');
		const [embed] = reply.data.embeds ?? [];
		expect(embed?.title).toBe('Search: 파일 경로에 적용하는 보안 모듈');
		const lines = embed?.description.split('\n') ?? [];
		expect(lines[0]).toBe(
			'**1. APPArmor** — 시스템 관리자가 프로그램 프로필 별로 프로그램 역량을 제한할 수 있게 해주는 리눅스 커널 보안 모듈',
		);
		expect(lines[1]).toBe(
			'*virtualization-and-security.md › 가상 머신과 도커 컨테이너 › 가상화를 사용하는 이유 › 보안 모듈 › APPArmor*',
		);
		const buttons = reply.data.components?.flatMap((row) => row.components) ?? [];
		expect(buttons[0]?.label).toBe('APPArmor');
		expect(buttons.length).toBeLessThanOrEqual(5);
		expect(buttons.length).toBe(lines.length / 2);
		expect(reply.data.allowed_mentions).toEqual({ parse: [] });
	});

	it('says so when nothing matches', async () => {
		const reply = await search(ctx, 'qwzxv');
		expect(reply.data.content).toBe('Nothing in the notes matches “qwzxv”.');
		expect(reply.data.embeds).toEqual([]);
	});
});

if (corpusAvailable('/search on born2beroot-en')) {
	describe('/search on born2beroot-en', () => {
		it('finds the password expiry section for an English question', async () => {
			const { ctx } = testContext(await openLibrary(path.join(CORPUS_DIR, 'born2beroot-en')));
			const reply = await search(ctx, 'password expiration');
			expect(reply.data.embeds?.[0]?.description.split('\n')[0]).toMatch(/^\*\*1\. Password Expiration\*\*/);
		});
	});
}
