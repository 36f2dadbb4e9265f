import { SlashCommandBuilder } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { CommandModule } from '../../src/discord/command.ts';
import { routeInteraction } from '../../src/discord/router.ts';
import { UserFacingError } from '../../src/errors.ts';
import { messagesIn } from '../../src/i18n/messages.ts';
import { buildLibrary } from '../../src/library.ts';
import { buttonClick, createRecordingClient, type RestCall, slashCommand } from '../fakes/recording-client.ts';
import { testContext } from '../support/context.ts';

/** Commands written for this test: they fail in the two ways the router must tell apart. */
function failing(name: string, error: Error, deferFirst = false): CommandModule {
	return {
		data: new SlashCommandBuilder().setName(name).setDescription('fails'),
		async execute(interaction) {
			if (deferFirst) await interaction.deferReply();
			throw error;
		},
	};
}

/** A command with a select menu and a modal, recording what reached it. */
const reached: string[] = [];
const picker: CommandModule = {
	data: new SlashCommandBuilder().setName('picker').setDescription('picks'),
	async execute() {},
	async onSelect(interaction, _ctx, id) {
		reached.push(`select ${id.action} ${interaction.values.join(',')}`);
		await interaction.deferUpdate();
	},
	async onModal(interaction, _ctx, id) {
		reached.push(`modal ${id.action} ${interaction.fields.getTextInputValue('answer')}`);
		await interaction.deferUpdate();
	},
};

const COMMANDS = new Map<string, CommandModule>([
	['picker', picker],
	['user-error', failing('user-error', new UserFacingError(() => 'Pick a channel the bot can post in.'))],
	['crash', failing('crash', new Error('database exploded'))],
	['slow-crash', failing('slow-crash', new Error('late failure'), true)],
]);

describe('routeInteraction', () => {
	it('shows a UserFacingError as it is, privately, and logs nothing at error level', async () => {
		const { ctx, logs } = testContext(buildLibrary([]));
		const calls = await createRecordingClient().dispatch(slashCommand('user-error', {}), (i) =>
			routeInteraction(i, COMMANDS, ctx),
		);
		expect(calls.map((call) => call.body)).toEqual([
			{
				type: 4,
				data: {
					content: 'Pick a channel the bot can post in.',
					flags: 64,
					allowed_mentions: { parse: [] },
					tts: false,
					enforce_nonce: false,
				},
			},
		]);
		expect(logs.filter((line) => line.level === 50)).toEqual([]);
	});

	it('logs an internal error with an id and shows the member only that id', async () => {
		const { ctx, logs } = testContext(buildLibrary([]));
		const calls = await createRecordingClient().dispatch(slashCommand('crash', {}), (i) =>
			routeInteraction(i, COMMANDS, ctx),
		);
		expect(calls).toHaveLength(1);
		const body = (calls[0] as RestCall).body as { data: { content: string; flags: number } };
		const errorId = /error id `([0-9a-f]{8})`/.exec(body.data.content)?.[1];
		expect(errorId).toBeDefined();
		expect(body.data.content).not.toContain('database exploded');
		expect(body.data.flags).toBe(64);
		const [logged] = logs.filter((line) => line.level === 50);
		expect(logged?.errorId).toBe(errorId);
		expect(logged?.where).toBe('crash');
		expect(logged?.err).toMatchObject({ message: 'database exploded' });
	});

	it('edits the deferred reply when a command fails after deferring, so there is still exactly one initial response', async () => {
		const { ctx } = testContext(buildLibrary([]));
		const calls = await createRecordingClient().dispatch(slashCommand('slow-crash', {}), (i) =>
			routeInteraction(i, COMMANDS, ctx),
		);
		expect(
			calls.map(
				(call) =>
					`${call.method} ${decodeURIComponent(call.path)
						.replace(/token-\d+/, 'TOKEN')
						.replace(/\d{5,}/g, 'ID')}`,
			),
		).toEqual(['POST /interactions/ID/TOKEN/callback', 'PATCH /webhooks/ID/TOKEN/messages/@original']);
		expect(((calls[0] as RestCall).body as { type: number }).type).toBe(5);
		expect(((calls[1] as RestCall).body as { content: string }).content).toMatch(
			/^Something went wrong on our side \(error id `[0-9a-f]{8}`\)/,
		);
	});

	it("answers in the member's language: a UserFacingError, a forged button and an internal error", async () => {
		const { ctx } = testContext(buildLibrary([]));
		const KO = messagesIn('ko');
		const korean = <T extends object>(raw: T) => ({ ...raw, locale: 'ko' });
		const contentOf = async (raw: unknown) => {
			const [call] = await createRecordingClient().dispatch(raw, (i) => routeInteraction(i, COMMANDS, ctx));
			return ((call as RestCall).body as { data: { content: string } }).data.content;
		};
		const translated = new UserFacingError((t) => t.common.guildOnly);
		expect(translated.message).toBe('This works only inside a server.');
		expect(translated.textIn(KO)).toBe('서버 안에서만 쓸 수 있습니다.');
		expect(await contentOf(korean(slashCommand('gone', {})))).toBe(KO.common.commandGone({ command: 'gone' }));
		expect(await contentOf(korean(buttonClick('v1:nobody:x')))).toBe(KO.common.staleButton);
		const crash = await contentOf(korean(slashCommand('crash', {})));
		expect(crash).toBe(KO.common.internalError({ errorId: /`([0-9a-f]{8})`/.exec(crash)?.[1] ?? '∅' }));
		expect(await contentOf(buttonClick('v1:nobody:x'))).toBe('This button no longer works. Run the command again.');
	});

	it('answers a command it does not know', async () => {
		const { ctx } = testContext(buildLibrary([]));
		const calls = await createRecordingClient().dispatch(slashCommand('gone', {}), (i) =>
			routeInteraction(i, COMMANDS, ctx),
		);
		expect(((calls[0] as RestCall).body as { data: { content: string } }).data.content).toBe(
			'/gone is not available any more.',
		);
	});

	it('routes select menus and modal submissions by their versioned custom_id', async () => {
		const { ctx } = testContext(buildLibrary([]));
		const click = buttonClick('unused');
		const select = { ...click, data: { custom_id: 'v1:picker:topic:1', component_type: 3, values: ['os', 'network'] } };
		const modal = {
			...click,
			type: 5,
			data: {
				custom_id: 'v1:picker:answer',
				components: [{ type: 1, components: [{ type: 4, custom_id: 'answer', value: '하이퍼바이저' }] }],
			},
		};
		const forged = { ...click, data: { custom_id: 'v1:nobody:x', component_type: 3, values: ['a'] } };
		const route = (raw: unknown) => createRecordingClient().dispatch(raw, (i) => routeInteraction(i, COMMANDS, ctx));
		expect(((await route(select))[0] as RestCall).body).toEqual({ type: 6 });
		expect(((await route(modal))[0] as RestCall).body).toEqual({ type: 6 });
		expect(reached).toEqual(['select topic os,network', 'modal answer 하이퍼바이저']);
		expect(((await route(forged))[0] as RestCall).body).toMatchObject({
			type: 4,
			data: { content: 'This button no longer works. Run the command again.', flags: 64 },
		});
	});
});
