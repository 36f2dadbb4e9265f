/**
 * `npm run sandbox`: try the bot without a Discord account. Starts the Discord fake with a demo server (#study,
 * #general; `student` has Manage Server, `classmate`, `minji` and `jun` are members, with four past days of daily
 * questions: their scores, and the review cards the answers made), starts the real bot (`src/main.ts`, unchanged)
 * against it, and reads commands from the terminal:
 *
 *   /explain apparmor                       run a slash command (the rest of the line fills its first option)
 *   /daily setup channel:study time:09:00   a subcommand with name:value pairs (channels by name, members by username)
 *   /quiz, /leaderboard period:week         /stats member member:classmate, /stats server
 *   /review, /review remind:on              the member's due review cards; the daily reminder by direct message
 *   /mydata export, /mydata delete          the member's data as files; deleting it (after a confirmation button)
 *   /explain ap<Tab>                        autocomplete, as Discord's client does while you type
 *   2                                       press button 2 of the last message with buttons
 *   :daily                                  post today's question now (as student; sets #study up first if needed)
 *   :channel [name]                         the channel's last messages
 *   :dm                                     the bot's direct messages to the current member
 *   :as classmate                           act as another member
 *   :lang ko | en                           the current member's Discord language (the bot answers in it)
 *   :help, :quit
 *
 * Files the bot attaches are shown as `📎` lines (name, type, PNG pixel size, bytes) and an embed's picture as
 * `[image: stats.png]`. What the bot posts into a channel on its own (the daily question, its results, the setup
 * notice) and its direct messages (review reminders, from 18:00 server time, checked every 15 minutes on the real
 * clock) are printed as they arrive, between commands.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { clearLine, cursorTo } from 'node:readline';
import { createInterface } from 'node:readline/promises';
import type { APIAttachment, APIMessage } from 'discord-api-types/v10';
import { Locale, MessageFlags } from 'discord-api-types/v10';
import { PROJECT_DIR } from '../../src/config.ts';
import { openLibrary } from '../../src/library.ts';
import { DEFAULT_ZONE } from '../../src/quiz/daily.ts';
import { REMIND_LOCAL_TIME } from '../../src/review/remind.ts';
import { localDateOf } from '../../src/time/zone.ts';
import { FakeDiscord, type FakeInteraction } from '../fakes/discord/index.ts';
import { startBot } from '../support/bot-process.ts';
import { ADMIN, CHANNELS, HISTORY, historyQuestions, MEMBERS, seedHistory } from './demo.ts';
import { completionRequest, type Directory, InputError, type Invocation, parseCommand } from './parse.ts';
import { channelHeader, dmHeader, type MentionNames, type NumberedButton, renderMessage } from './render.ts';
import { ChannelWatch, isChannelPost } from './watch.ts';

const TOKEN = 'c2FuZGJveA.sandbox.local-only-token';
/** How many messages `:channel` and `:dm` reprint. */
const CHANNEL_HISTORY = 5;
/** What `:daily` sets up when the server has no daily question yet. */
const DAILY_SETUP = `/daily setup channel:${CHANNELS[0]} time:09:00`;
/** Longest wait between checks for channel posts and DMs while idle; they also wake the check as they arrive. */
const WATCH_INTERVAL_MS = 1_000;

/** The Discord locales `:lang` switches between, by the bot's language names. */
const LOCALES: Readonly<Record<string, Locale>> = { ko: Locale.Korean, en: Locale.EnglishUS };

const HELP = `Type a slash command as in Discord, e.g.
  /explain apparmor
  /search 파일 경로에 적용하는 보안 모듈
  /quiz                                   a private practice question
  /leaderboard period:week                /stats member member:classmate · /stats server
  /review                                 your due review cards · /review remind:on  a reminder by DM
  /mydata export                          your data as files · /mydata delete
  /daily setup channel:study time:09:00   /daily post · status · off (Manage Server: student)
name:value pairs fill options (channels by name, members by username); otherwise the rest fills the first one.
Tab completes the option (autocomplete). A number presses that button of the last message with buttons;
[2· B] is a disabled button. 📎 lines are attached files; [image: …] is an embed's picture.
The bot's own posts in a channel and its DMs are printed as they arrive. Review reminders go out from
${REMIND_LOCAL_TIME} server time (checked every 15 minutes) to members with /review remind:on and cards due.
:daily  post today's question now · :channel [name]  its last messages · :dm  the bot's DMs to you
:as classmate  switch member (${MEMBERS.map((member) => member.username).join(', ')}) · :lang ko|en  your Discord language
:help · :quit`;

function inverted(map: ReadonlyMap<string, string>): Map<string, string> {
	return new Map([...map].map(([key, value]) => [value, key]));
}

async function main(): Promise<void> {
	const notesDir = process.env.NOTES_DIR ?? path.join(PROJECT_DIR, 'data/notes');
	const fake = await FakeDiscord.start({
		token: TOKEN,
		guilds: [{ name: 'Study Sandbox', channels: CHANNELS.map((name) => ({ name })), members: MEMBERS }],
	});
	const [guild] = fake.guilds();
	const guildId = guild?.id ?? '';
	const channels = fake.channels(guildId);
	const channelId = channels[0]?.id ?? '';
	const directory: Directory = {
		channels: new Map(channels.map((channel) => [channel.name, channel.id])),
		users: new Map(fake.members(guildId).map((member) => [member.user.username, member.user.id])),
	};
	const names: MentionNames = { users: inverted(directory.users), channels: inverted(directory.channels) };
	const data = await mkdtemp(path.join(os.tmpdir(), 'study-sandbox-'));
	const storeUrl = `sqlite://${path.join(data, 'study.sqlite')}`;
	const library = await openLibrary(notesDir);
	await seedHistory(
		storeUrl,
		guildId,
		historyQuestions(localDateOf(new Date(), DEFAULT_ZONE), directory.users, library.questions, {
			guildId,
			zone: DEFAULT_ZONE,
		}),
		(conceptId) => library.index.get(conceptId)?.title ?? conceptId,
	);
	const bot = startBot({
		DISCORD_TOKEN: TOKEN,
		DISCORD_API_URL: fake.apiUrl,
		NOTES_DIR: notesDir,
		STORE_URL: storeUrl,
		LOG_LEVEL: 'info',
	});
	const ready = await bot.waitForLog((line) => /commands (registered|unchanged)/.test(String(line.msg)), 60_000);
	const indexed = bot.logs.find((line) => line.msg === 'notes indexed');
	console.log(
		`Sandbox: the real bot is connected to a local Discord fake (${String(ready.commands)} commands, ${String(indexed?.concepts)} concepts from ${notesDir}).`,
	);
	console.log(
		`Demo server: ${CHANNELS.map((name) => `#${name}`).join(' ')}; ${ADMIN} has Manage Server; daily questions of the last ${HISTORY.length} days (scores and review cards).`,
	);
	console.log(HELP);

	const commands = () => fake.commands(guildId).concat(fake.commands());
	const guildMessages = () => channels.flatMap((channel) => fake.messages(channel.id));
	/** The demo members' DM channels with the bot (channel id → username), watched like the server's channels. */
	const dmChannels = new Map(
		MEMBERS.map(({ username }) => [fake.dmChannelId(directory.users.get(username) ?? ''), username]),
	);
	const dmMessages = () => [...dmChannels.keys()].flatMap((id) => fake.messages(id));
	/** What the bot sends on its own: channel posts and direct messages. */
	const watched = () => guildMessages().concat(dmMessages());
	const watch = new ChannelWatch();
	let member: string = MEMBERS[0]?.username ?? '';
	/** Each member's Discord client language, sent with everything they do; en-US until `:lang`. */
	const locales = new Map<string, Locale>();
	const localeOf = (username: string): Locale => locales.get(username) ?? Locale.EnglishUS;
	let lastMessage: APIMessage | undefined;
	let buttons: readonly NumberedButton[] = [];
	const bytesOf = (attachment: APIAttachment): Uint8Array | undefined => {
		try {
			return fake.attachmentBytes(attachment);
		} catch {
			return undefined;
		}
	};

	const show = (message: APIMessage | undefined, header?: string): void => {
		if (message === undefined) {
			console.log('(no message)');
			return;
		}
		const rendered = renderMessage(message, names, { bytesOf });
		if (header !== undefined) console.log(header);
		console.log(rendered.text);
		if (rendered.buttons.length > 0) {
			lastMessage = message;
			buttons = rendered.buttons;
		}
	};
	const headed = (message: APIMessage, edited: boolean): void => {
		const recipient = dmChannels.get(message.channel_id);
		show(
			message,
			recipient === undefined
				? channelHeader(message, names.channels.get(message.channel_id) ?? message.channel_id, edited)
				: dmHeader(message, recipient, edited),
		);
	};
	/** Prints the channel posts and DMs that appeared or changed since the last look; returns their ids. */
	const showChannelPosts = (): string[] =>
		watch.take(watched()).map(({ message, edited }) => {
			headed(message, edited);
			return message.id;
		});
	const settle = async (interaction: FakeInteraction): Promise<APIMessage | undefined> => {
		const callback = await interaction.response();
		const message =
			callback.type === 5 || callback.type === 6 ? await interaction.waitForOriginal() : interaction.original();
		show(message);
		return message;
	};
	const run = async (invocation: Invocation, as: string): Promise<APIMessage | undefined> =>
		settle(
			await fake.slashCommand({
				userId: directory.users.get(as) ?? '',
				guildId,
				channelId,
				locale: localeOf(as),
				name: invocation.name,
				...(invocation.subcommand === undefined ? {} : { subcommand: invocation.subcommand }),
				options: invocation.options,
			}),
		);
	const runAsAdmin = async (line: string): Promise<{ reply: APIMessage | undefined; posted: string[] }> => {
		console.log(`» ${line} (as ${ADMIN})`);
		const reply = await run(parseCommand(commands(), line, directory), ADMIN);
		return { reply, posted: showChannelPosts() };
	};

	/**
	 * Today's question now, through `/daily post` as the admin. A server without a schedule gets `DAILY_SETUP` first;
	 * the bot posts in a channel only once set up, so any post of it means the server is set up. When today already
	 * has a question, the post the reply links to is shown again, for its buttons.
	 */
	const postDaily = async (): Promise<void> => {
		if (!guildMessages().some(isChannelPost)) await runAsAdmin(DAILY_SETUP);
		const { reply, posted } = await runAsAdmin('/daily post');
		const linked = /discord\.com\/channels\/\d+\/\d+\/(\d+)/.exec(reply?.content ?? '');
		const post = linked === null ? undefined : fake.message(linked[1] ?? '');
		if (post !== undefined && !posted.includes(post.id)) {
			headed(post, post.edited_timestamp !== null);
			watch.markShown([post]);
		}
	};

	const showChannel = (name: string): void => {
		const id = directory.channels.get(name.replace(/^#/, ''));
		if (id === undefined) {
			console.log(`No channel #${name}. Channels: ${CHANNELS.map((channel) => `#${channel}`).join(' ')}`);
			return;
		}
		const visible = fake
			.messages(id)
			.filter((message) => ((message.flags ?? 0) & MessageFlags.Ephemeral) === 0)
			.slice(-CHANNEL_HISTORY);
		if (visible.length === 0) console.log(`#${names.channels.get(id)}: no messages yet.`);
		for (const message of visible) headed(message, message.edited_timestamp !== null);
		watch.markShown(visible);
	};

	/** The bot's last direct messages to the current member. */
	const showDms = (): void => {
		const dmChannelId = fake.dmChannelId(directory.users.get(member) ?? '');
		dmChannels.set(dmChannelId, member);
		const dms = fake.messages(dmChannelId).slice(-CHANNEL_HISTORY);
		if (dms.length === 0) console.log(`No direct messages from the bot to ${member} yet.`);
		for (const message of dms) headed(message, message.edited_timestamp !== null);
		watch.markShown(dms);
	};

	const setLanguage = (lang: string): void => {
		const locale = LOCALES[lang];
		if (lang !== '' && locale === undefined) {
			console.log(`No language "${lang}". Languages: ${Object.keys(LOCALES).join(', ')}`);
			return;
		}
		if (locale !== undefined) locales.set(member, locale);
		console.log(`${member}'s Discord language: ${localeOf(member)}`);
	};

	const completer = async (line: string): Promise<[string[], string]> => {
		const request = completionRequest(commands(), line, directory);
		if (request === null) return [[], line];
		const choices = await fake
			.autocomplete({
				userId: directory.users.get(member) ?? '',
				guildId,
				channelId,
				locale: localeOf(member),
				name: request.name,
				...(request.subcommand === undefined ? {} : { subcommand: request.subcommand }),
				options: request.options,
				option: request.option,
				value: request.value,
			})
			.catch(() => []);
		return [choices.map((choice) => `${request.prefix}${choice.name.split(' — ')[0]}`), line];
	};

	const rl = createInterface({
		input: process.stdin,
		output: process.stdout,
		completer: (line: string) => completer(line).catch((): [string[], string] => [[], line]),
	});

	// Posts and DMs that arrive while the prompt waits (a scheduled daily question, a reminder) are printed above it;
	// during a command they wait for its end, so they never cut into its output.
	let busy = false;
	let closing = false;
	const follow = async (): Promise<void> => {
		while (!closing) {
			const due = await fake
				.waitFor(() => (!busy && watch.pending(watched()) ? true : undefined), { timeoutMs: WATCH_INTERVAL_MS })
				.catch(() => false);
			if (due !== true || busy || closing) continue;
			if (process.stdout.isTTY) {
				clearLine(process.stdout, 0);
				cursorTo(process.stdout, 0);
			}
			showChannelPosts();
			rl.prompt(true);
		}
	};
	const following = follow();

	rl.setPrompt(`${member}> `);
	rl.prompt();
	for await (const raw of rl) {
		busy = true;
		const line = raw.trim();
		try {
			if (line === ':quit' || line === ':q') break;
			if (line === ':help' || line === '') {
				if (line !== '') console.log(HELP);
			} else if (line.startsWith(':as ')) {
				const name = line.slice(4).trim();
				if (directory.users.has(name)) member = name;
				else console.log(`No member "${name}". Members: ${MEMBERS.map((m) => m.username).join(', ')}`);
			} else if (line === ':daily') {
				await postDaily();
			} else if (line === ':channel' || line.startsWith(':channel ')) {
				showChannel(line.slice(':channel'.length).trim() || CHANNELS[0]);
			} else if (line === ':dm') {
				showDms();
			} else if (line === ':lang' || line.startsWith(':lang ')) {
				setLanguage(line.slice(':lang'.length).trim());
			} else if (/^\d+$/.test(line)) {
				const button = buttons.find((b) => b.number === Number(line));
				if (button === undefined || lastMessage === undefined) console.log('No such button on the last message.');
				else if (button.disabled) console.log(`Button ${button.number} (${button.label}) is disabled.`);
				else
					await settle(
						await fake.clickButton({
							message: lastMessage,
							customId: button.customId,
							userId: directory.users.get(member) ?? '',
							locale: localeOf(member),
						}),
					);
			} else if (line.startsWith('/')) {
				await run(parseCommand(commands(), line, directory), member);
			} else {
				console.log('Commands start with "/"; type :help for help.');
			}
		} catch (error) {
			if (error instanceof InputError) console.log(error.message);
			else console.log(`Discord would refuse that: ${error instanceof Error ? error.message : String(error)}`);
		}
		showChannelPosts();
		busy = false;
		rl.setPrompt(`${member}> `);
		rl.prompt();
	}
	closing = true;
	rl.close();
	await bot.stop('SIGTERM');
	await fake.close();
	await following;
}

await main();
