import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { ButtonStyle, ComponentType, InteractionType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { channelHeader, type MentionNames, renderMessage } from './render.ts';

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
