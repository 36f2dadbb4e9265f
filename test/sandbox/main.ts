/**
 * `npm run sandbox`: try the bot without a Discord account. Starts the Discord fake with a demo server, starts the
 * real bot (`src/main.ts`, unchanged) against it, and reads commands from the terminal:
 *
 *   /explain apparmor        run a slash command (the rest of the line fills its option; or name:value pairs)
 *   /explain ap<Tab>         autocomplete, as Discord's client does while you type
 *   2                        press button 2 of the last message
 *   :as classmate            act as another member (student, classmate)
 *   :help, :quit
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { APIApplicationCommand, APIMessage } from 'discord-api-types/v10';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { PROJECT_DIR } from '../../src/config.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { startBot } from '../support/bot-process.ts';
import { type NumberedButton, renderMessage } from './render.ts';

const TOKEN = 'c2FuZGJveA.sandbox.local-only-token';
const MEMBERS = ['student', 'classmate'] as const;

const HELP = `Type a slash command as in Discord, e.g.
  /explain apparmor
  /explain 하이퍼바이저
  /search 파일 경로에 적용하는 보안 모듈
Tab completes the option (autocomplete). A number presses that button of the last message.
:as classmate  switch member · :help · :quit`;

/** Fills a command's options from what was typed: `name:value` pairs, or the whole rest for its first string option. */
function parseOptions(command: APIApplicationCommand, rest: string): Record<string, string> {
	const pairs = [...rest.matchAll(/(\w+):(\S+)/g)];
	if (pairs.length > 0) return Object.fromEntries(pairs.map((match) => [match[1] ?? '', match[2] ?? '']));
	const first = command.options?.find((option) => option.type === ApplicationCommandOptionType.String);
	return first === undefined || rest === '' ? {} : { [first.name]: rest };
}

async function main(): Promise<void> {
	const notesDir = process.env.NOTES_DIR ?? path.join(PROJECT_DIR, 'data/notes');
	const fake = await FakeDiscord.start({
		token: TOKEN,
		guilds: [
			{ name: 'Study Sandbox', channels: [{ name: 'study' }], members: MEMBERS.map((username) => ({ username })) },
		],
	});
	const [guild] = fake.guilds();
	const guildId = guild?.id ?? '';
	const channelId = fake.channels(guildId)[0]?.id ?? '';
	const memberIds = new Map(fake.members(guildId).map((member) => [member.user.username, member.user.id]));
	const data = await mkdtemp(path.join(os.tmpdir(), 'study-sandbox-'));
	const bot = startBot({
		DISCORD_TOKEN: TOKEN,
		DISCORD_API_URL: fake.apiUrl,
		NOTES_DIR: notesDir,
		STORE_URL: `sqlite://${path.join(data, 'study.sqlite')}`,
		LOG_LEVEL: 'info',
	});
	const ready = await bot.waitForLog((line) => /commands (registered|unchanged)/.test(String(line.msg)), 60_000);
	const indexed = bot.logs.find((line) => line.msg === 'notes indexed');
	console.log(
		`Sandbox: the real bot is connected to a local Discord fake (${String(ready.commands)} commands, ${String(indexed?.concepts)} concepts from ${notesDir}).`,
	);
	console.log(HELP);

	let member: string = MEMBERS[0];
	let lastMessage: APIMessage | undefined;
	let buttons: readonly NumberedButton[] = [];

	const show = (message: APIMessage | undefined): void => {
		if (message === undefined) {
			console.log('(no message)');
			return;
		}
		const rendered = renderMessage(message);
		console.log(rendered.text);
		if (rendered.buttons.length > 0) {
			lastMessage = message;
			buttons = rendered.buttons;
		}
	};
	const settle = async (interaction: Awaited<ReturnType<typeof fake.slashCommand>>): Promise<void> => {
		const callback = await interaction.response();
		const message =
			callback.type === 5 || callback.type === 6 ? await interaction.waitForOriginal() : interaction.original();
		show(message);
	};

	const completer = async (line: string): Promise<[string[], string]> => {
		const match = /^\/(\S+)\s+(.*)$/.exec(line);
		const command = fake
			.commands(guildId)
			.concat(fake.commands())
			.find((c) => c.name === match?.[1]);
		const option = command?.options?.find((o) => 'autocomplete' in o && o.autocomplete === true);
		if (match === null || command === undefined || option === undefined) return [[], line];
		const choices = await fake
			.autocomplete({
				userId: memberIds.get(member) ?? '',
				guildId,
				channelId,
				name: command.name,
				option: option.name,
				value: match[2] ?? '',
			})
			.catch(() => []);
		return [choices.map((choice) => `/${command.name} ${choice.name.split(' — ')[0]}`), line];
	};

	const rl = createInterface({
		input: process.stdin,
		output: process.stdout,
		completer: (line: string) => completer(line).catch((): [string[], string] => [[], line]),
	});
	rl.setPrompt(`${member}> `);
	rl.prompt();
	for await (const raw of rl) {
		const line = raw.trim();
		try {
			if (line === ':quit' || line === ':q') break;
			if (line === ':help' || line === '') {
				if (line !== '') console.log(HELP);
			} else if (line.startsWith(':as ')) {
				const name = line.slice(4).trim();
				if (memberIds.has(name)) member = name;
				else console.log(`No member "${name}". Members: ${MEMBERS.join(', ')}`);
			} else if (/^\d+$/.test(line)) {
				const button = buttons.find((b) => b.number === Number(line));
				if (button === undefined || lastMessage === undefined) console.log('No such button on the last message.');
				else if (button.disabled) console.log(`Button ${button.number} (${button.label}) is disabled.`);
				else
					await settle(
						await fake.clickButton({
							message: lastMessage,
							customId: button.customId,
							userId: memberIds.get(member) ?? '',
						}),
					);
			} else if (line.startsWith('/')) {
				const [name = '', ...rest] = line.slice(1).split(/\s+/);
				const command = fake
					.commands(guildId)
					.concat(fake.commands())
					.find((c) => c.name === name);
				if (command === undefined) {
					console.log(
						`No command /${name}. Commands: ${fake
							.commands()
							.map((c) => `/${c.name}`)
							.join(' ')}`,
					);
				} else {
					const options = parseOptions(command, rest.join(' '));
					await settle(
						await fake.slashCommand({ userId: memberIds.get(member) ?? '', guildId, channelId, name, options }),
					);
				}
			} else {
				console.log('Commands start with "/"; type :help for help.');
			}
		} catch (error) {
			console.log(`Discord would refuse that: ${error instanceof Error ? error.message : String(error)}`);
		}
		rl.setPrompt(`${member}> `);
		rl.prompt();
	}
	rl.close();
	await bot.stop('SIGTERM');
	await fake.close();
}

await main();
