import path from 'node:path';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import { PNG } from 'pngjs';
import { PROJECT_DIR } from '../../src/config.ts';
import type { CommandModule } from '../../src/discord/command.ts';
import { loadCommands } from '../../src/discord/commands.ts';
import { routeInteraction } from '../../src/discord/router.ts';
import { type Library, openLibrary } from '../../src/library.ts';
import type { ButtonClickInput, FakeDiscord, FakeInteraction, SlashCommandInput } from '../fakes/discord/index.ts';
import { type TestContext, testContext } from './context.ts';

/** The bot in this process against a FakeDiscord, on an in-memory Keyv, with manual time and scheduler. */
export interface InProcessBot {
	readonly client: Client;
	readonly test: TestContext;
	readonly library: Library;
	/** Waits for the handlers still running, then logs the client out (close the fake after this). */
	stop(): Promise<void>;
}

/**
 * Starts the bot as `main.ts` wires it, with the default notes: the real discord.js client logged into the fake, every
 * command registered, the router on INTERACTION_CREATE and the daily service started. Only time and the scheduler are
 * manual.
 */
export async function startInProcessBot(
	fake: FakeDiscord,
	options: { token: string; now: Date },
): Promise<InProcessBot> {
	const library = await openLibrary(path.join(PROJECT_DIR, 'data/notes'));
	const commands: ReadonlyMap<string, CommandModule> = await loadCommands(path.join(PROJECT_DIR, 'commands'));
	const client = new Client({
		intents: [GatewayIntentBits.Guilds],
		allowedMentions: { parse: [] },
		rest: { api: fake.apiUrl },
	});
	const test = testContext(library, { rest: client.rest, now: options.now });
	const inFlight = new Set<Promise<void>>();
	client.on(Events.InteractionCreate, (interaction) => {
		const task = routeInteraction(interaction, commands, test.ctx).finally(() => inFlight.delete(task));
		inFlight.add(task);
	});
	await client.login(options.token);
	await fake.waitForReady();
	await client.application?.commands.set([...commands.values()].map((command) => command.data.toJSON()));
	await test.ctx.daily.start();
	return {
		client,
		test,
		library,
		async stop() {
			test.ctx.daily.stop();
			await Promise.allSettled(inFlight);
			await client.destroy();
		},
	};
}

/** An interaction as the member saw it: the fake's record of it, and its reply as it stands once answered. */
export interface Answered {
	readonly interaction: FakeInteraction;
	readonly message: APIMessage;
}

/**
 * Runs a slash command and waits for its reply. Throws `InteractionFailedError` when the bot gave no valid initial
 * response within the fake's deadline (Discord's 3 s).
 */
export async function runCommand(fake: FakeDiscord, input: SlashCommandInput): Promise<Answered> {
	const interaction = await fake.slashCommand(input);
	await interaction.response();
	return { interaction, message: await interaction.waitForOriginal() };
}

/**
 * Clicks a button and waits for the message it produced or updated (after a deferred update, the one `until`
 * accepts); throws as `runCommand` does.
 */
export async function pressButton(
	fake: FakeDiscord,
	input: ButtonClickInput,
	until?: (message: APIMessage) => boolean,
): Promise<Answered> {
	const interaction = await fake.clickButton(input);
	await interaction.response();
	return { interaction, message: await interaction.waitForOriginal(until === undefined ? {} : { until }) };
}

/**
 * A file as the bot described it in the JSON of its request (`attachments[]`): the upload's index, and its alt text
 * (`description`). discord.js names the file in the multipart part, so `filename` is usually absent here.
 */
export interface SentFile {
	readonly id: string;
	readonly filename: string | null;
	readonly description: string | null;
}

function attachmentsOf(body: unknown): SentFile[] {
	if (body === null || typeof body !== 'object') return [];
	const record = body as Record<string, unknown>;
	const data = record.data;
	const list = Array.isArray(record.attachments)
		? record.attachments
		: data !== null && typeof data === 'object' && Array.isArray((data as Record<string, unknown>).attachments)
			? ((data as Record<string, unknown>).attachments as unknown[])
			: [];
	return list.flatMap((entry) => {
		if (entry === null || typeof entry !== 'object') return [];
		const { id, filename, description } = entry as Record<string, unknown>;
		return [
			{
				id: String(id),
				filename: typeof filename === 'string' ? filename : null,
				description: typeof description === 'string' ? description : null,
			},
		];
	});
}

/**
 * The files an interaction's accepted requests described (the callback, or the edit of `@original` after a deferral),
 * from the JSON the bot sent: Discord keeps each file's `description` as its alt text.
 */
export function filesSent(fake: FakeDiscord, interaction: FakeInteraction): SentFile[] {
	return fake.requests
		.filter(
			(request) =>
				request.status < 300 &&
				(request.path.startsWith(`/interactions/${interaction.id}/`) ||
					request.path.includes(`/${interaction.token}/`)),
		)
		.flatMap((request) => attachmentsOf(request.body));
}

/** A PNG's size in pixels, decoded from its bytes (throws when they are not a valid PNG). */
export function pngSize(bytes: Buffer): { width: number; height: number } {
	const png = PNG.sync.read(bytes);
	return { width: png.width, height: png.height };
}
