import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { renderMessage } from './render.ts';

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
});
