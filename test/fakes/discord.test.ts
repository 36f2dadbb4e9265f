import { once } from 'node:events';
import { inflateSync } from 'node:zlib';
import {
	ActionRowBuilder,
	AttachmentBuilder,
	ButtonBuilder,
	ButtonStyle,
	Client,
	type ClientOptions,
	DiscordAPIError,
	Events,
	GatewayIntentBits,
	type Interaction,
	LabelBuilder,
	MessageFlags,
	ModalBuilder,
	PermissionFlagsBits,
	RESTEvents,
	SlashCommandBuilder,
	StringSelectMenuBuilder,
	type TextChannel,
	TextInputBuilder,
	TextInputStyle,
} from 'discord.js';
import { InteractionResponseType, InteractionType, MessageType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { CALLBACK_DEADLINE_MS, FakeDiscord, type FakeDiscordOptions, InteractionFailedError } from './discord/index.ts';

const TOKEN = 'fake.bot.token';
/** Short deadline for tests about lateness, so they take a fraction of Discord's 3 s. */
const SHORT_DEADLINE_MS = 300;

const EXPLAIN = new SlashCommandBuilder()
	.setName('explain')
	.setDescription('Explain a concept')
	.addStringOption((o) => o.setName('concept').setDescription('Concept name').setRequired(true).setAutocomplete(true))
	.toJSON();
const PING = new SlashCommandBuilder().setName('ping').setDescription('Check the bot answers').toJSON();
const COMMANDS = [EXPLAIN, PING];

const fakes: FakeDiscord[] = [];
const clients: Client[] = [];

afterEach(async () => {
	await Promise.all(clients.splice(0).map((client) => client.destroy()));
	await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

/** A fake with one guild ("Study Hall"), one text channel ("general") and one member ("student"). */
async function startFake(options: FakeDiscordOptions = {}) {
	const fake = await FakeDiscord.start({
		token: TOKEN,
		guilds: [{ name: 'Study Hall', channels: [{ name: 'general' }] }],
		...options,
	});
	fakes.push(fake);
	const [guild] = fake.guilds();
	if (guild === undefined) throw new Error('no guild');
	const student = fake.addMember(guild.id, { username: 'student' });
	return { fake, guildId: guild.id, channelId: fake.channels(guild.id)[0]?.id ?? '', userId: student.user.id };
}

interface Bot {
	readonly client: Client;
	/** Resolves with the error the n-th handled interaction threw (null when it succeeded). */
	outcome(index: number): Promise<unknown>;
}

/**
 * Logs a real discord.js client into the fake as the bot does in production (plus GUILD_MEMBERS, so member caching can be
 * checked) and routes interactions to `handle`.
 */
async function startBot(
	fake: FakeDiscord,
	handle: (interaction: Interaction) => Promise<void> = async () => {},
	ws?: ClientOptions['ws'],
): Promise<Bot> {
	const client = new Client({
		intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
		allowedMentions: { parse: [] },
		rest: { api: fake.apiUrl },
		...(ws === undefined ? {} : { ws }),
	});
	clients.push(client);
	const outcomes: Promise<unknown>[] = [];
	client.on(Events.InteractionCreate, (interaction) => {
		outcomes.push(
			handle(interaction).then(
				() => null,
				(error: unknown) => error,
			),
		);
	});
	const ready = once(client, Events.ClientReady);
	await client.login(TOKEN);
	await ready;
	return {
		client,
		async outcome(index) {
			await vi.waitFor(() => {
				if (outcomes.length <= index) throw new Error(`interaction ${index} not handled yet`);
			});
			return outcomes[index];
		},
	};
}

async function registerCommands(bot: Bot): Promise<void> {
	await bot.client.application?.commands.set(COMMANDS);
}

describe('FakeDiscord with the real discord.js client', () => {
	it('logs in: READY, GUILD_CREATE and the guild cache', async () => {
		const { fake, guildId, channelId } = await startFake();
		const bot = await startBot(fake);
		await fake.waitForReady();
		expect(bot.client.user?.id).toBe(fake.applicationId);
		expect(bot.client.application?.id).toBe(fake.applicationId);
		const guild = bot.client.guilds.cache.get(guildId);
		expect(guild?.name).toBe('Study Hall');
		expect(guild?.channels.cache.get(channelId)?.name).toBe('general');
		expect(guild?.members.me?.id).toBe(fake.applicationId);
		// With GUILD_MEMBERS, GUILD_CREATE carries every member.
		expect(guild?.members.cache.map((m) => m.user.username).sort()).toEqual([
			'student',
			'study-bot',
			'study-hall-owner',
		]);
		expect(fake.sessions()).toHaveLength(1);
		expect(fake.stats.gateway).toMatchObject({ identifies: 1, resumes: 0 });
		expect(fake.requests.map((r) => r.route)).toContain('GET /gateway/bot');
		expect(fake.stats.rejected).toEqual([]);
	});

	it('rejects a bad token: login fails with 401', async () => {
		const { fake } = await startFake();
		const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
		clients.push(client);
		await expect(client.login('wrong.token')).rejects.toMatchObject({ code: 'TokenInvalid' });
		expect(fake.stats.rejected.map((r) => [r.route, r.status])).toEqual([['GET /gateway/bot', 401]]);
		expect(fake.stats.gateway.connections).toBe(0);
	});

	it('stores commands registered with application.commands.set, globally and per guild', async () => {
		const { fake, guildId } = await startFake();
		const bot = await startBot(fake);
		await registerCommands(bot);
		expect(fake.commands().map((c) => c.name)).toEqual(['explain', 'ping']);
		const fetched = await bot.client.application?.commands.fetch();
		expect(fetched?.map((c) => c.name).sort()).toEqual(['explain', 'ping']);
		expect(fetched?.find((c) => c.name === 'explain')?.options[0]).toMatchObject({
			name: 'concept',
			autocomplete: true,
		});

		await bot.client.application?.commands.set([PING], guildId);
		expect(fake.commands(guildId).map((c) => [c.name, c.guild_id])).toEqual([['ping', guildId]]);
		// Overwriting keeps the ids of commands that still exist, as Discord does.
		const before = fake.commands().find((c) => c.name === 'ping')?.id;
		await bot.client.application?.commands.set(COMMANDS);
		expect(fake.commands().find((c) => c.name === 'ping')?.id).toBe(before);
		expect(fake.registrationCount).toBe(3);
		expect(fake.stats.rejected).toEqual([]);
	});

	it('rejects an invalid command definition with 50035', async () => {
		const { fake } = await startFake();
		const bot = await startBot(fake);
		const error = await bot.client.application?.commands
			.set([{ name: 'Bad Name', description: 'x'.repeat(101) }])
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DiscordAPIError);
		expect((error as DiscordAPIError).code).toBe(50035);
		expect(fake.stats.rejected[0]?.details).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^0\.name: APPLICATION_COMMAND_INVALID_NAME/),
				expect.stringMatching(/^0\.description: BASE_TYPE_BAD_LENGTH/),
			]),
		);
	});

	it('round-trips a slash command: INTERACTION_CREATE in, reply out, stored with interaction metadata', async () => {
		const { fake, guildId, channelId, userId } = await startFake();
		let seenConcept: string | null = null;
		const bot = await startBot(fake, async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			seenConcept = interaction.options.getString('concept');
			expect(interaction.memberPermissions?.has('SendMessages')).toBe(true);
			await interaction.reply({ content: `About ${seenConcept}`, flags: MessageFlags.Ephemeral });
		});
		await registerCommands(bot);
		const i = await fake.slashCommand({ guildId, userId, name: 'explain', options: { concept: 'apparmor' } });
		const response = await i.response();
		expect(response).toMatchObject({
			type: InteractionResponseType.ChannelMessageWithSource,
			data: { content: 'About apparmor' },
		});
		expect(await bot.outcome(0)).toBeNull();
		expect(seenConcept).toBe('apparmor');
		expect(i.status).toBe('acknowledged');
		const original = i.original();
		expect(original).toMatchObject({
			content: 'About apparmor',
			channel_id: channelId,
			type: MessageType.ChatInputCommand,
			webhook_id: fake.applicationId,
			interaction_metadata: { id: i.id, type: InteractionType.ApplicationCommand, user: { id: userId } },
		});
		expect((original?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
		expect(fake.messages(channelId).map((m) => m.id)).toEqual([original?.id]);
		expect(fake.stats.rejected).toEqual([]);
	});

	it('handles deferReply then editReply and followUp', async () => {
		const { fake, guildId, userId } = await startFake();
		const bot = await startBot(fake, async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			await interaction.deferReply();
			await new Promise((resolve) => setTimeout(resolve, 50));
			await interaction.editReply('Here is the answer');
			await interaction.followUp({ content: 'One more thing', flags: MessageFlags.Ephemeral });
		});
		await registerCommands(bot);
		const i = await fake.slashCommand({ guildId, userId, name: 'ping' });
		expect((await i.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
		const original = await i.waitForOriginal();
		expect(original.content).toBe('Here is the answer');
		expect((original.flags ?? 0) & MessageFlags.Loading).toBe(0);
		const [followUp] = await i.waitForFollowUps(1);
		expect(followUp).toMatchObject({
			content: 'One more thing',
			flags: MessageFlags.Ephemeral,
			interaction_metadata: { original_response_message_id: original.id },
		});
		expect(await bot.outcome(0)).toBeNull();
		expect(fake.stats.rejected).toEqual([]);
	});

	it('answers a second initial response with 40060 (two bot processes on one token)', async () => {
		const { fake, guildId, userId } = await startFake();
		const reply = async (interaction: Interaction) => {
			if (interaction.isChatInputCommand()) await interaction.reply('pong');
		};
		const first = await startBot(fake, reply);
		const second = await startBot(fake, reply);
		await registerCommands(first);
		const i = await fake.slashCommand({ guildId, userId, name: 'ping' });
		expect(i.deliveredTo).toBe(2);
		await i.response();
		const outcomes = await Promise.all([first.outcome(0), second.outcome(0)]);
		const errors = outcomes.filter((o) => o !== null);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toBeInstanceOf(DiscordAPIError);
		expect(errors[0]).toMatchObject({ code: 40060, status: 400 });
		expect(fake.stats.rejected.map((r) => r.code)).toEqual([40060]);
		expect(i.rejected.map((r) => r.code)).toEqual([40060]);
	});

	it('fails an interaction answered after the deadline (10062) and records it', async () => {
		expect(CALLBACK_DEADLINE_MS).toBe(3_000);
		const { fake, guildId, userId } = await startFake({ callbackDeadlineMs: SHORT_DEADLINE_MS });
		const bot = await startBot(fake, async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			await new Promise((resolve) => setTimeout(resolve, SHORT_DEADLINE_MS + 100));
			await interaction.reply('too late');
		});
		await registerCommands(bot);
		const i = await fake.slashCommand({ guildId, userId, name: 'ping' });
		expect(i.deadlineMs).toBe(SHORT_DEADLINE_MS);
		await expect(i.response()).rejects.toBeInstanceOf(InteractionFailedError);
		expect(i.status).toBe('failed');
		const error = await bot.outcome(0);
		expect(error).toBeInstanceOf(DiscordAPIError);
		expect(error).toMatchObject({ code: 10062, status: 404 });
		const [failed] = fake.stats.failedInteractions;
		expect(failed).toMatchObject({ interactionId: i.id, name: 'ping', deadlineMs: SHORT_DEADLINE_MS });
		expect(failed?.lateResponseAfterMs).toBeGreaterThanOrEqual(SHORT_DEADLINE_MS);
		expect(fake.messages(i.payload.channel_id ?? '')).toEqual([]);
	});

	it('uses the 3 s deadline by default', async () => {
		const { fake, guildId, userId } = await startFake();
		const bot = await startBot(fake, async () => {});
		await registerCommands(bot);
		const i = await fake.slashCommand({ guildId, userId, name: 'ping' });
		expect(i.deadlineMs).toBe(CALLBACK_DEADLINE_MS);
	});

	it('rejects 2001 characters of content with 50035 naming the field', async () => {
		const { fake, guildId, userId } = await startFake({ callbackDeadlineMs: SHORT_DEADLINE_MS });
		const bot = await startBot(fake, async (interaction) => {
			if (interaction.isChatInputCommand()) await interaction.reply('x'.repeat(2001));
		});
		await registerCommands(bot);
		const i = await fake.slashCommand({ guildId, userId, name: 'ping' });
		const error = await bot.outcome(0);
		expect(error).toBeInstanceOf(DiscordAPIError);
		expect(error).toMatchObject({
			code: 50035,
			status: 400,
			rawError: {
				message: 'Invalid Form Body',
				errors: {
					data: {
						content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] },
					},
				},
			},
		});
		expect(fake.stats.rejected[0]?.details).toEqual([
			'data.content: BASE_TYPE_MAX_LENGTH Must be 2000 or fewer in length.',
		]);
		// A rejected response does not acknowledge: the interaction then fails.
		await expect(i.response()).rejects.toThrow(/BASE_TYPE_MAX_LENGTH/);
	});

	it('sends a button click on a stored message and applies the update', async () => {
		const { fake, guildId, channelId, userId } = await startFake();
		const bot = await startBot(fake, async (interaction) => {
			if (interaction.isChatInputCommand()) {
				const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
					new ButtonBuilder().setCustomId('more:apparmor').setLabel('More').setStyle(ButtonStyle.Primary),
				);
				await interaction.reply({ content: 'AppArmor is a MAC system.', components: [row] });
			} else if (interaction.isButton()) {
				expect(interaction.message.interactionMetadata?.user.username).toBe('student');
				await interaction.update({ content: `Expanded (${interaction.customId})`, components: [] });
			}
		});
		await registerCommands(bot);
		const command = await fake.slashCommand({ guildId, userId, name: 'explain', options: { concept: 'apparmor' } });
		const message = await command.waitForOriginal();
		const click = await fake.clickButton({ message, customId: 'more:apparmor', userId });
		expect((await click.response()).type).toBe(InteractionResponseType.UpdateMessage);
		expect(await bot.outcome(1)).toBeNull();
		expect(fake.message(message.id)).toMatchObject({ content: 'Expanded (more:apparmor)', components: [] });
		expect(click.original()?.id).toBe(message.id);
		expect(fake.messages(channelId)).toHaveLength(1);
		// The button is gone now; a user cannot click it.
		await expect(fake.clickButton({ message, customId: 'more:apparmor', userId })).rejects.toThrow(/no button/);
		expect(fake.stats.rejected).toEqual([]);
	});

	it('returns autocomplete choices, and rejects 26 of them', async () => {
		const { fake, guildId, userId } = await startFake({ callbackDeadlineMs: SHORT_DEADLINE_MS });
		const bot = await startBot(fake, async (interaction) => {
			if (!interaction.isAutocomplete()) return;
			const typed = interaction.options.getFocused();
			const count = typed === 'many' ? 26 : 3;
			await interaction.respond(
				Array.from({ length: count }, (_, n) => ({ name: `${typed} ${n}`, value: `${typed}-${n}` })),
			);
		});
		await registerCommands(bot);
		const choices = await fake.autocomplete({ guildId, userId, name: 'explain', option: 'concept', value: 'app' });
		expect(choices).toEqual([
			{ name: 'app 0', value: 'app-0' },
			{ name: 'app 1', value: 'app-1' },
			{ name: 'app 2', value: 'app-2' },
		]);
		await expect(
			fake.autocomplete({ guildId, userId, name: 'explain', option: 'concept', value: 'many' }),
		).rejects.toBeInstanceOf(InteractionFailedError);
		expect(await bot.outcome(1)).toMatchObject({ code: 50035 });
		expect(fake.stats.rejected[0]?.details).toEqual([
			'data.choices: BASE_TYPE_MAX_LENGTH Must be 25 or fewer in length.',
		]);
	});

	it('makes discord.js wait out a forced 429 and retry a forced 500', async () => {
		const { fake, channelId } = await startFake();
		const bot = await startBot(fake);
		const channel = (await bot.client.channels.fetch(channelId)) as TextChannel;
		const rateLimited: number[] = [];
		bot.client.rest.on(RESTEvents.RateLimited, (info) => rateLimited.push(info.retryAfter));
		fake.failNext('POST /channels/:channel_id/messages', { status: 429, retryAfterMs: 250 });
		const started = Date.now();
		await channel.send('after a 429');
		expect(Date.now() - started).toBeGreaterThanOrEqual(250);
		fake.failNext('POST /channels/:channel_id/messages', { status: 500, count: 2 });
		await channel.send('after two 500s');
		expect(fake.messages(channelId).map((m) => m.content)).toEqual(['after a 429', 'after two 500s']);
		const sends = fake.requests.filter((r) => r.route === 'POST /channels/:channel_id/messages').map((r) => r.status);
		expect(sends).toEqual([429, 200, 500, 500, 200]);
		expect(fake.stats).toMatchObject({ tooManyRequests: 1, serverErrors: 2, rejected: [] });
	});

	it('applies route buckets with Discord headers and 429s when a client ignores them', async () => {
		const { fake, channelId } = await startFake();
		await startBot(fake);
		const send = () =>
			fetch(`${fake.apiUrl}/v10/channels/${channelId}/messages`, {
				method: 'POST',
				headers: { Authorization: `Bot ${TOKEN}`, 'Content-Type': 'application/json' },
				body: JSON.stringify({ content: 'hi' }),
			});
		const responses = await Promise.all(Array.from({ length: 6 }, send));
		expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 429]);
		const limited = responses.find((r) => r.status === 429);
		expect(limited?.headers.get('x-ratelimit-limit')).toBe('5');
		expect(limited?.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(4);
		expect(await limited?.json()).toMatchObject({ message: 'You are being rate limited.', global: false });
		expect(responses[0]?.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
	});

	it('sends 120 messages fired in parallel: discord.js keeps under the global limit', async () => {
		const channels = Array.from({ length: 12 }, (_, n) => ({ name: `room-${n}` }));
		const { fake, guildId } = await startFake({
			guilds: [{ name: 'Busy', channels }],
			routeLimits: { 'POST /channels/:channel_id/messages': { limit: 10, windowMs: 5_000 } },
		});
		const bot = await startBot(fake);
		const targets = fake.channels(guildId).map((c) => bot.client.channels.cache.get(c.id) as TextChannel);
		const started = Date.now();
		await Promise.all(targets.flatMap((channel) => Array.from({ length: 10 }, (_, n) => channel.send(`message ${n}`))));
		const elapsedMs = Date.now() - started;
		expect(targets.map((c) => fake.messages(c.id).length)).toEqual(Array(12).fill(10));
		// 120 requests at 50/s cannot fit in one global window: discord.js had to wait for the next one.
		expect(elapsedMs).toBeGreaterThanOrEqual(1_000);
		expect(fake.stats.tooManyRequests).toBeLessThanOrEqual(3);
		expect(fake.stats.rejected).toEqual([]);
	});

	it('enforces the global limit itself', async () => {
		const { fake } = await startFake({ globalLimitPerSecond: 10 });
		const responses = await Promise.all(
			Array.from({ length: 12 }, () =>
				fetch(`${fake.apiUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${TOKEN}` } }),
			),
		);
		const limited = responses.filter((r) => r.status === 429);
		expect(limited).toHaveLength(2);
		expect(limited[0]?.headers.get('x-ratelimit-global')).toBe('true');
		expect(await limited[0]?.json()).toMatchObject({ global: true });
	});

	it('opens a modal in a DM and takes its submission, with an attachment in the reply', async () => {
		const { fake } = await startFake();
		const bot = await startBot(fake, async (interaction) => {
			if (interaction.isChatInputCommand()) {
				const title = new TextInputBuilder().setCustomId('title').setStyle(TextInputStyle.Short).setMinLength(2);
				await interaction.showModal(
					new ModalBuilder()
						.setCustomId('note')
						.setTitle('New note')
						.addLabelComponents(new LabelBuilder().setLabel('Title').setTextInputComponent(title)),
				);
			} else if (interaction.isModalSubmit()) {
				const response = await interaction.reply({
					content: `Saved ${interaction.fields.getTextInputValue('title')}`,
					files: [new AttachmentBuilder(Buffer.from('AppArmor notes'), { name: 'note.txt' })],
					withResponse: true,
				});
				expect(response.resource?.message?.attachments.first()?.name).toBe('note.txt');
			}
		});
		await registerCommands(bot);
		const loner = fake.addUser({ username: 'loner' });
		const command = await fake.slashCommand({ userId: loner.id, name: 'ping' });
		expect(command.payload).toMatchObject({ user: { id: loner.id }, context: 1 });
		expect((await command.response()).type).toBe(InteractionResponseType.Modal);
		expect(command.modal?.custom_id).toBe('note');
		await expect(fake.submitModal({ interaction: command, values: { title: 'A' } })).rejects.toThrow(/at least 2/);
		const submit = await fake.submitModal({ interaction: command, values: { title: 'AppArmor' } });
		await submit.response();
		expect(await bot.outcome(1)).toBeNull();
		expect(submit.original()).toMatchObject({
			content: 'Saved AppArmor',
			channel_id: fake.dmChannelId(loner.id),
			attachments: [{ filename: 'note.txt', size: 14 }],
			interaction_metadata: { type: InteractionType.ModalSubmit, triggering_interaction_metadata: { id: command.id } },
		});
		expect(fake.stats.rejected).toEqual([]);
	});

	it('sends a select menu choice; deferUpdate then editReply edits the menu message', async () => {
		const { fake, guildId, userId } = await startFake();
		const bot = await startBot(fake, async (interaction) => {
			if (interaction.isChatInputCommand()) {
				const menu = new StringSelectMenuBuilder()
					.setCustomId('topics')
					.setMaxValues(2)
					.addOptions({ label: 'AppArmor', value: 'apparmor' }, { label: 'SELinux', value: 'selinux' });
				await interaction.reply({ components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)] });
			} else if (interaction.isStringSelectMenu()) {
				await interaction.deferUpdate();
				await interaction.editReply({ content: `Picked ${interaction.values.join(', ')}`, components: [] });
			}
		});
		await registerCommands(bot);
		const command = await fake.slashCommand({ guildId, userId, name: 'ping' });
		const message = await command.waitForOriginal();
		await expect(fake.selectMenu({ message, customId: 'topics', userId, values: ['smack'] })).rejects.toThrow(
			/no option/,
		);
		const select = await fake.selectMenu({ message, customId: 'topics', userId, values: ['apparmor', 'selinux'] });
		expect((await select.response()).type).toBe(InteractionResponseType.DeferredMessageUpdate);
		const edited = await select.waitForOriginal({ until: (m) => m.content !== '' });
		expect(edited).toMatchObject({ id: message.id, content: 'Picked apparmor, selinux', components: [] });
		expect(fake.stats.rejected).toEqual([]);
	});

	it('computes permissions: member roles in interactions, and 50013 where the bot may not send', async () => {
		const { fake, guildId, channelId } = await startFake();
		const readOnly = fake.addTextChannel(guildId, { name: 'announcements', botCanSend: false });
		const moderator = fake.addMember(guildId, { username: 'mod', permissions: PermissionFlagsBits.ManageMessages });
		const bot = await startBot(fake, async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages)).toBe(true);
			await interaction.reply('ok');
		});
		await registerCommands(bot);
		const i = await fake.slashCommand({ guildId, channelId: readOnly.id, userId: moderator.user.id, name: 'ping' });
		await i.response();
		expect(await bot.outcome(0)).toBeNull();
		const appPermissions = BigInt(i.payload.app_permissions);
		expect(appPermissions & PermissionFlagsBits.SendMessages).toBe(0n);
		expect(appPermissions & PermissionFlagsBits.ViewChannel).toBe(PermissionFlagsBits.ViewChannel);
		const channel = (await bot.client.channels.fetch(readOnly.id)) as TextChannel;
		await expect(channel.send('hello')).rejects.toMatchObject({ code: 50013, status: 403 });
		expect(fake.permissionsIn(channelId, fake.botUser.id) & PermissionFlagsBits.SendMessages).toBe(
			PermissionFlagsBits.SendMessages,
		);
	});

	it('resumes after the gateway drops and keeps receiving interactions, replaying missed ones', async () => {
		const { fake, guildId, userId } = await startFake();
		const bot = await startBot(fake, async (interaction) => {
			if (interaction.isChatInputCommand()) await interaction.reply('still here');
		});
		await registerCommands(bot);

		const resumed = once(bot.client, Events.ShardResume);
		expect(fake.dropGateway()).toBe(1);
		await resumed;
		const afterClose = await fake.slashCommand({ guildId, userId, name: 'ping' });
		expect((await afterClose.response()).type).toBe(InteractionResponseType.ChannelMessageWithSource);

		// Cut the socket and send an interaction while the bot is away: RESUME replays it.
		const resumedAgain = once(bot.client, Events.ShardResume);
		fake.dropGateway('terminate');
		const missed = await fake.slashCommand({ guildId, userId, name: 'ping' });
		const [, replayed] = await resumedAgain;
		expect(replayed).toBeGreaterThanOrEqual(1);
		expect((await missed.response()).type).toBe(InteractionResponseType.ChannelMessageWithSource);
		expect(fake.stats.gateway).toMatchObject({ identifies: 1, resumes: 2 });
		expect(fake.stats.rejected).toEqual([]);
	});

	it('lets the client resume after a resumable INVALID_SESSION', async () => {
		const { fake } = await startFake();
		const bot = await startBot(fake);
		const resumed = once(bot.client, Events.ShardResume);
		expect(fake.invalidateSessions({ resumable: true })).toBe(1);
		await resumed;
		expect(fake.stats.gateway).toMatchObject({ identifies: 1, resumes: 1, invalidSessions: 1 });
	});

	it('makes the client identify again after a non-resumable INVALID_SESSION', async () => {
		const { fake } = await startFake();
		// @discordjs/ws spaces IDENTIFYs 5 s apart (Discord's max_concurrency rule); skip that wait in this test only.
		const bot = await startBot(fake, async () => {}, {
			buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }),
		});
		const reconnected = once(bot.client, Events.ShardReady);
		expect(fake.invalidateSessions()).toBe(1);
		await reconnected;
		expect(fake.stats.gateway.identifies).toBe(2);
		expect(fake.sessions().map((s) => [s.connected, s.resumable])).toEqual([
			[false, false],
			[true, true],
		]);
	});
});

describe('FakeDiscord on the wire', () => {
	it('requires the bot token on bot routes but not on interaction callbacks', async () => {
		const { fake } = await startFake();
		const noAuth = await fetch(`${fake.apiUrl}/v10/users/@me`);
		expect(noAuth.status).toBe(401);
		expect(await noAuth.json()).toEqual({ message: '401: Unauthorized', code: 0 });
		const unknown = await fetch(`${fake.apiUrl}/v10/interactions/123456789012345678/token/callback`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ type: 4, data: { content: 'hi' } }),
		});
		expect(unknown.status).toBe(404);
		expect(await unknown.json()).toEqual({ message: 'Unknown interaction', code: 10062 });
		expect(fake.stats.rejected.map((r) => r.code)).toEqual([0, 10062]);
	});

	it('acknowledges heartbeats and closes with 4004 on a bad IDENTIFY token', async () => {
		const { fake } = await startFake();
		const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
		const next = async () => JSON.parse(String(((await once(ws, 'message')) as [Buffer])[0])) as { op: number };
		expect(await next()).toMatchObject({ op: 10 });
		ws.send(JSON.stringify({ op: 1, d: null }));
		expect(await next()).toMatchObject({ op: 11 });
		ws.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
		const [code] = (await once(ws, 'close')) as [number];
		expect(code).toBe(4004);
	});

	it('speaks zlib-stream compression on the gateway', async () => {
		const { fake } = await startFake();
		const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
		const [data] = (await once(ws, 'message')) as [Buffer];
		ws.terminate();
		expect(JSON.parse(inflateSync(data, { finishFlush: 2 }).toString())).toMatchObject({
			op: 10,
			d: { heartbeat_interval: 41_250 },
		});
	});

	it('closes a fake with a bot still connected without hanging', async () => {
		const { fake } = await startFake();
		const bot = await startBot(fake);
		await bot.client.destroy();
		await fake.close();
		await fake.close();
		expect(fake.stats.internalErrors).toEqual([]);
	});
});
