import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { ButtonStyle, ComponentType, InteractionType } from 'discord-api-types/v10';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { channelHeader, dmHeader, formatSize, type MentionNames, pngSize, renderMessage } from './render.ts';

const NAMES: MentionNames = {
	users: new Map([['1001', 'student']]),
	channels: new Map([['2001', 'study']]),
};

describe('sandbox renderMessage', () => {
	it('shows an embed card as framed text and numbers its buttons across rows', () => {
		const rendered = renderMessage({
			embeds: [
				{
					title: 'APPArmor',
					description: '**리눅스** 커널 보안 모듈\n[docs](https://example.org) @\u200beveryone',
					fields: [{ name: 'Also called', value: 'Application Armor' }],
					footer: { text: 'notes.md › 보안 모듈 › APPArmor' },
				},
			],
			components: [
				{
					type: ComponentType.ActionRow,
					components: [
						{
							type: ComponentType.Button,
							style: ButtonStyle.Secondary,
							label: 'Prev',
							custom_id: 'v1:explain:page:k:-1',
							disabled: true,
						},
						{
							type: ComponentType.Button,
							style: ButtonStyle.Secondary,
							label: 'Next',
							custom_id: 'v1:explain:page:k:1',
						},
					],
				},
				{
					type: ComponentType.ActionRow,
					components: [
						{
							type: ComponentType.Button,
							style: ButtonStyle.Secondary,
							label: 'SELinux',
							custom_id: 'v1:explain:open:s',
						},
					],
				},
			],
		});
		expect(rendered.text).toBe(
			[
				'┌ APPArmor',
				'│ 리눅스 커널 보안 모듈',
				'│ docs <https://example.org> @everyone',
				'│ Also called: Application Armor',
				'└ notes.md › 보안 모듈 › APPArmor',
				'[1· Prev]  [2] Next',
				'[3] SELinux',
			].join('\n'),
		);
		expect(rendered.buttons.map((button) => [button.number, button.customId, button.disabled])).toEqual([
			[1, 'v1:explain:page:k:-1', true],
			[2, 'v1:explain:page:k:1', false],
			[3, 'v1:explain:open:s', false],
		]);
	});

	it('marks private replies', () => {
		expect(renderMessage({ content: 'No concept matches.', flags: 64 }).text).toBe(
			'(only you can see this)\nNo concept matches.',
		);
	});

	it('shows field-only embeds (/stats) without an empty description line, one field per line', () => {
		const rendered = renderMessage({
			embeds: [
				{
					title: '📊 student',
					fields: [
						{ name: 'Points', value: '32 points', inline: true },
						{ name: 'Rank', value: '#2 of 4', inline: true },
						{ name: 'Weakest topics', value: '보안 — 1/2\n가상화 — 2/3' },
					],
					footer: { text: 'Daily questions only; practice with /quiz does not count.' },
				},
			],
		});
		expect(rendered.text).toBe(
			[
				'┌ 📊 student',
				'│ Points: 32 points',
				'│ Rank: #2 of 4',
				'│ Weakest topics: 보안 — 1/2 / 가상화 — 2/3',
				'└ Daily questions only; practice with /quiz does not count.',
			].join('\n'),
		);
		expect(rendered.buttons).toEqual([]);
	});

	it('marks disabled buttons and the green (right answer) one, and keeps their numbers', () => {
		const rendered = renderMessage({
			components: [
				{
					type: ComponentType.ActionRow,
					components: [
						{ type: ComponentType.Button, style: ButtonStyle.Primary, label: 'A', custom_id: 'a', disabled: true },
						{ type: ComponentType.Button, style: ButtonStyle.Success, label: 'B', custom_id: 'b', disabled: true },
						{ type: ComponentType.Button, style: ButtonStyle.Success, label: 'True', custom_id: 't' },
					],
				},
				{
					type: ComponentType.ActionRow,
					components: [
						{ type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Next question', custom_id: 'n' },
					],
				},
			],
		});
		expect(rendered.text).toBe('[1· A]  [2· B ✓]  [3] True ✓\n[4] Next question');
		expect(rendered.buttons).toEqual([
			{ number: 1, label: 'A', customId: 'a', disabled: true },
			{ number: 2, label: 'B', customId: 'b', disabled: true },
			{ number: 3, label: 'True', customId: 't', disabled: false },
			{ number: 4, label: 'Next question', customId: 'n', disabled: false },
		]);
	});

	it('shows mentions by name, inline code and subtext as text; neutralised and unknown mentions stay literal', () => {
		const rendered = renderMessage(
			{
				content: [
					'Posted in <#2001> for <@1001> and <@!1001>: `/daily status` shows it.',
					'Not a ping: <@\u200b1001> <@9999> <#9999>',
					'-# Source: notes.md › 보안 모듈',
				].join('\n'),
				embeds: [{ title: 'Standings', description: '**1.** <@1001> — 32 points' }],
			},
			NAMES,
		);
		expect(rendered.text).toBe(
			[
				'Posted in #study for @student and @student: /daily status shows it.',
				'Not a ping: <@1001> <@9999> <#9999>',
				'Source: notes.md › 보안 모듈',
				'┌ Standings',
				'│ 1. @student — 32 points',
			].join('\n'),
		);
	});
});

describe('sandbox renderMessage: files, pictures and timestamps', () => {
	const png = PNG.sync.write(new PNG({ width: 12, height: 7 }));
	const cdn = 'http://127.0.0.1:1/attachments/2001/3001/stats.png';

	it('lists attached files with type, PNG pixel size from the bytes, size and alt text, and names the embed picture', () => {
		const rendered = renderMessage(
			{
				attachments: [
					{
						id: '3001',
						filename: 'stats.png',
						size: 35_900,
						url: cdn,
						proxy_url: cdn,
						content_type: 'image/png',
						description: 'Accuracy by day',
					},
				],
				embeds: [
					{ title: '📊 student', fields: [{ name: 'Points', value: '32' }], image: { url: 'attachment://stats.png' } },
				],
			},
			undefined,
			{ bytesOf: (attachment) => (attachment.id === '3001' ? png : undefined) },
		);
		expect(rendered.text).toBe(
			[
				'📎 stats.png (image/png, 12×7, 35 KB) — Accuracy by day',
				'┌ 📊 student',
				'│ Points: 32',
				'│ [image: stats.png]',
			].join('\n'),
		);
	});

	it('shows other files by size only, and an embed picture stored as the attachment’s URL by its file name', () => {
		const rendered = renderMessage({
			content: '📦 Your data',
			attachments: [
				{ id: '1', filename: 'answers.csv', size: 780, url: 'u1', proxy_url: 'u1', content_type: 'text/csv' },
				{ id: '2', filename: 'deck.txt', size: 2_400_000, url: 'u2', proxy_url: 'u2' },
				{ id: '3', filename: 'card.png', size: 2048, url: cdn, proxy_url: cdn, width: 800, height: 400 },
			],
			embeds: [
				{ title: 'Card', image: { url: cdn } },
				{ image: { url: 'https://cdn.example/x/board%20card.png?ex=1' } },
			],
		});
		expect(rendered.text).toBe(
			[
				'📦 Your data',
				'📎 answers.csv (text/csv, 780 B)',
				'📎 deck.txt (2.3 MB)',
				'📎 card.png (800×400, 2 KB)',
				'┌ Card',
				'│ [image: card.png]',
				'│ [image: board card.png]',
			].join('\n'),
		);
	});

	it('shows Discord timestamps as dates in the reader’s zone; a neutralised one stays literal', () => {
		const at = Date.UTC(2026, 2, 1, 0, 5) / 1000;
		const rendered = renderMessage(
			{ content: `Comes back tomorrow (<t:${at}:f>), <t:${at}:D> at <t:${at}:t>; <t:${at}>. <t\u200b:${at}:f>` },
			undefined,
			{ timeZone: 'Asia/Seoul' },
		);
		expect(rendered.text).toBe(
			`Comes back tomorrow (2026-03-01 09:05), 2026-03-01 at 09:05; 2026-03-01 09:05. <t:${at}:f>`,
		);
	});
});

describe('sandbox pngSize and formatSize', () => {
	it('reads width and height from the IHDR chunk of a PNG', () => {
		expect(pngSize(PNG.sync.write(new PNG({ width: 800, height: 400 })))).toEqual({ width: 800, height: 400 });
		const large = new Uint8Array(PNG.sync.write(new PNG({ width: 1, height: 1 })));
		new DataView(large.buffer).setUint32(16, 70_000);
		expect(pngSize(large)).toEqual({ width: 70_000, height: 1 });
	});

	it('is null for other files and for cut-off or damaged PNGs', () => {
		const png = PNG.sync.write(new PNG({ width: 2, height: 2 }));
		expect(pngSize(new TextEncoder().encode('date,question\n2026-03-01,q1\n'))).toBeNull();
		expect(pngSize(png.subarray(0, 20))).toBeNull();
		const noHeader = Buffer.from(png);
		noHeader.write('IDAT', 12, 'latin1');
		expect(pngSize(noHeader)).toBeNull();
		expect(pngSize(new Uint8Array())).toBeNull();
	});

	it('reads a PNG inside a larger buffer at its own offset', () => {
		const png = PNG.sync.write(new PNG({ width: 5, height: 3 }));
		const pooled = Buffer.concat([Buffer.from('xxxx'), png]).subarray(4);
		expect(pngSize(pooled)).toEqual({ width: 5, height: 3 });
	});

	it('gives sizes in B, KB and MB', () => {
		expect([0, 1023, 1024, 35_900, 1024 * 1024, 2_400_000].map(formatSize)).toEqual([
			'0 B',
			'1023 B',
			'1 KB',
			'35 KB',
			'1.0 MB',
			'2.3 MB',
		]);
	});
});

describe('sandbox channelHeader', () => {
	const bot = { id: '1', username: 'study-bot' } as APIUser;
	const student = { id: '1001', username: 'student' } as APIUser;

	it('names the channel and the sender of a post the bot made on its own, and says when it was edited', () => {
		expect(channelHeader({ author: bot }, 'study', false)).toBe('── #study · study-bot');
		expect(channelHeader({ author: bot }, 'study', true)).toBe('── #study · study-bot · edited');
	});

	it('says who used which command above a command reply, and whom a button reply answered', () => {
		const reply: Pick<APIMessage, 'author' | 'interaction' | 'interaction_metadata'> = {
			author: bot,
			interaction: { id: '5', type: InteractionType.ApplicationCommand, name: 'leaderboard', user: student },
		};
		expect(channelHeader(reply, 'study', false)).toBe('── #study · study-bot · student used /leaderboard');
		const clicked: Pick<APIMessage, 'author' | 'interaction_metadata'> = {
			author: bot,
			interaction_metadata: {
				id: '6',
				type: InteractionType.MessageComponent,
				user: student,
				authorizing_integration_owners: {},
				interacted_message_id: '7',
			},
		};
		expect(channelHeader(clicked, 'study', false)).toBe('── #study · study-bot · reply to student');
	});
});

describe('sandbox dmHeader', () => {
	it('names whom the bot wrote to directly, and says when the message was edited', () => {
		const bot = { id: '1', username: 'study-bot' } as APIUser;
		expect(dmHeader({ author: bot }, 'minji', false)).toBe('── DM to minji · study-bot');
		expect(dmHeader({ author: bot }, 'minji', true)).toBe('── DM to minji · study-bot · edited');
	});
});
