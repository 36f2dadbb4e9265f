import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import {
	Client,
	Events,
	GatewayIntentBits,
	type Interaction,
	MessageFlags,
	REST,
	SlashCommandBuilder,
	type TextChannel,
} from 'discord.js';
import { type APIMessage, Routes } from 'discord-api-types/v10';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeDiscord, type FakeDiscordOptions } from './discord/index.ts';

const TOKEN = 'fake.bot.token';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Bytes discord.js recognises as a PNG (by its signature), followed by noise that must survive the round trip. */
function png(size = 4096): Buffer {
	return Buffer.concat([PNG_SIGNATURE, randomBytes(size)]);
}

const COMMANDS = [
	new SlashCommandBuilder().setName('card').setDescription('Reply with a card image').toJSON(),
	new SlashCommandBuilder().setName('later').setDescription('Defer, then edit in a card image').toJSON(),
];

const fakes: FakeDiscord[] = [];
const clients: Client[] = [];
/** Errors thrown by the bots' interaction handlers (assertions inside them included). */
const handlerErrors: unknown[] = [];

afterEach(async () => {
	await Promise.all(clients.splice(0).map((client) => client.destroy()));
	await Promise.all(fakes.splice(0).map((fake) => fake.close()));
	expect(handlerErrors.splice(0)).toEqual([]);
});

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
	const rest = new REST({ api: fake.apiUrl }).setToken(TOKEN);
	return { fake, rest, guildId: guild.id, channelId: fake.channels(guild.id)[0]?.id ?? '', userId: student.user.id };
}

async function startBot(fake: FakeDiscord, handle: (interaction: Interaction) => Promise<void>): Promise<Client> {
	const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
	clients.push(client);
	client.on(Events.InteractionCreate, (interaction) => {
		handle(interaction).catch((error: unknown) => handlerErrors.push(error));
	});
	const ready = once(client, Events.ClientReady);
	await client.login(TOKEN);
	await ready;
	await client.application?.commands.set(COMMANDS);
	return client;
}

/** Fetches a URL as a browser or Discord client would fetch from the CDN: no Authorization header. */
async function download(url: string): Promise<{ status: number; contentType: string | null; bytes: Buffer }> {
	const response = await fetch(url);
	return {
		status: response.status,
		contentType: response.headers.get('content-type'),
		bytes: Buffer.from(await response.arrayBuffer()),
	};
}

function only<T>(items: readonly T[]): T {
	expect(items).toHaveLength(1);
	return items[0] as T;
}

describe('FakeDiscord attachments, served like the CDN', () => {
	it('serves a channel message upload from discord.js REST at its URL with its content type', async () => {
		const { fake, rest, channelId } = await startFake();
		const image = png();
		const notes = Buffer.from('AppArmor: profiles confine programs.\n', 'utf8');
		const message = (await rest.post(Routes.channelMessages(channelId), {
			body: { content: 'Two files' },
			files: [
				{ name: 'a.png', data: image },
				{ name: 'notes (draft) 1.txt', data: notes, contentType: 'text/plain; charset=utf-8' },
			],
		})) as APIMessage;

		const [pngAttachment, textAttachment] = message.attachments;
		expect(pngAttachment).toMatchObject({ filename: 'a.png', size: image.length, content_type: 'image/png' });
		expect(textAttachment).toMatchObject({ filename: 'notes (draft) 1.txt', size: notes.length });
		expect(pngAttachment?.url).toMatch(new RegExp(`/attachments/${channelId}/\\d+/a\\.png$`));

		const fetched = await download(pngAttachment?.url ?? '');
		expect(fetched).toMatchObject({ status: 200, contentType: 'image/png' });
		expect(fetched.bytes.equals(image)).toBe(true);
		expect(fake.attachmentBytes(pngAttachment ?? '').equals(image)).toBe(true);
		const head = await fetch(pngAttachment?.url ?? '', { method: 'HEAD' });
		expect([head.status, head.headers.get('content-length'), head.headers.get('content-type')]).toEqual([
			200,
			String(image.length),
			'image/png',
		]);

		const text = await download(textAttachment?.url ?? '');
		expect(text).toMatchObject({ status: 200, contentType: 'text/plain; charset=utf-8' });
		expect(text.bytes.equals(notes)).toBe(true);
		expect(fake.attachmentBytes(textAttachment?.url ?? '').equals(notes)).toBe(true);

		// The stored message and the API agree on the URL; CDN fetches are no API requests.
		expect(fake.message(message.id)?.attachments.map((a) => a.url)).toEqual(message.attachments.map((a) => a.url));
		expect(fake.requests.every((r) => !r.path.startsWith('/attachments'))).toBe(true);
		expect(fake.stats.rejected).toEqual([]);
	});

	it('answers 404 for made-up attachment URLs, and attachmentBytes throws for them', async () => {
		const { fake, rest, channelId } = await startFake();
		const message = (await rest.post(Routes.channelMessages(channelId), {
			files: [{ name: 'a.png', data: png() }],
		})) as APIMessage;
		const url = message.attachments[0]?.url ?? '';
		const madeUp = url.replace(/\/\d+\/a\.png$/, '/1234567890123456789/a.png');

		expect((await download(madeUp)).status).toBe(404);
		expect((await download(url.replace(/a\.png$/, 'b.png'))).status).toBe(404);
		expect((await download(url.replace(channelId, '1234567890123456789'))).status).toBe(404);
		expect((await download(`${url}/extra`)).status).toBe(404);
		expect(() => fake.attachmentBytes(madeUp)).toThrow(/no attachment at/);
		expect(() => fake.attachmentBytes({ url: 'https://cdn.discordapp.com/attachments/1/2/a.png' })).toThrow(
			/not an attachment URL of this fake/,
		);
		// The real one still works, with Discord's CDN query parameters too.
		expect((await download(`${url}?ex=1&is=2&hm=3`)).status).toBe(200);
		expect(fake.stats.rejected).toEqual([]);
	});

	it('serves the files of a slash command reply, of a deferred reply edited with files, and of follow-ups', async () => {
		const { fake, guildId, userId } = await startFake();
		const direct = png();
		const edited = png(8192);
		const followUp = Buffer.from('follow-up bytes');
		await startBot(fake, async (interaction) => {
			if (!interaction.isChatInputCommand()) return;
			if (interaction.commandName === 'card') {
				await interaction.reply({ content: 'Your card', files: [{ name: 'a.png', attachment: direct }] });
			} else {
				await interaction.deferReply({ flags: MessageFlags.Ephemeral });
				const reply = await interaction.editReply({
					files: [{ name: 'a.png', attachment: edited, description: 'A chart of the week' }],
				});
				// discord.js's own Attachment works as well as the API object.
				expect(fake.attachmentBytes(reply.attachments.first() ?? '').equals(edited)).toBe(true);
				await interaction.followUp({ files: [{ name: 'extra.bin', attachment: followUp }] });
			}
		});

		const card = await fake.slashCommand({ guildId, userId, name: 'card' });
		await card.response();
		const cardReply = await card.waitForOriginal();
		const cardAttachment = only(cardReply.attachments);
		expect(cardAttachment).toMatchObject({ filename: 'a.png', size: direct.length, content_type: 'image/png' });
		const cardFetched = await download(cardAttachment.url);
		expect(cardFetched).toMatchObject({ status: 200, contentType: 'image/png' });
		expect(cardFetched.bytes.equals(direct)).toBe(true);
		expect(fake.attachmentBytes(cardAttachment).equals(direct)).toBe(true);

		const later = await fake.slashCommand({ guildId, userId, name: 'later' });
		await later.response();
		const laterReply = await later.waitForOriginal({ until: (m) => m.attachments.length > 0 });
		const laterAttachment = only(laterReply.attachments);
		expect(laterAttachment.description).toBe('A chart of the week');
		expect(cardAttachment.description).toBeUndefined();
		const laterFetched = await download(laterAttachment.url);
		expect(laterFetched).toMatchObject({ status: 200, contentType: 'image/png' });
		expect(laterFetched.bytes.equals(edited)).toBe(true);
		expect(fake.attachmentBytes(laterAttachment).equals(edited)).toBe(true);

		const [extra] = await later.waitForFollowUps(1);
		const extraAttachment = only(extra?.attachments ?? []);
		const extraFetched = await download(extraAttachment.url);
		expect(extraFetched.status).toBe(200);
		expect(extraFetched.bytes.equals(followUp)).toBe(true);
		expect(fake.attachmentBytes(extraAttachment).equals(followUp)).toBe(true);
		expect(fake.requests.map((r) => r.route)).toEqual(
			expect.arrayContaining([
				'POST /interactions/:interaction_id/:interaction_token/callback',
				'PATCH /webhooks/:application_id/:interaction_token/messages/:message_id',
				'POST /webhooks/:application_id/:interaction_token',
			]),
		);
		expect(fake.stats.rejected).toEqual([]);
		expect(fake.stats.failedInteractions).toEqual([]);
	});

	it('serves files a bot sends to a channel with a real Client, and forgets them when an edit drops them', async () => {
		const { fake, channelId } = await startFake();
		const client = await startBot(fake, async () => {});
		const channel = (await client.channels.fetch(channelId)) as TextChannel;
		const first = png();
		const sent = await channel.send({ files: [{ name: 'a.png', attachment: first }] });
		const url = sent.attachments.first()?.url ?? '';
		expect((await download(url)).bytes.equals(first)).toBe(true);

		// Replacing the file: the new one is served, the dropped one is gone from the CDN, as on Discord.
		const second = png(100);
		const edited = await sent.edit({
			content: 'Replaced',
			attachments: [],
			files: [{ name: 'b.png', attachment: second }],
		});
		const newUrl = edited.attachments.first()?.url ?? '';
		expect(fake.attachmentBytes(newUrl).equals(second)).toBe(true);
		expect((await download(url)).status).toBe(404);

		await edited.delete();
		expect((await download(newUrl)).status).toBe(404);
		expect(() => fake.attachmentBytes(newUrl)).toThrow(/no attachment at/);
		expect(fake.stats.rejected).toEqual([]);
	});

	it('keeps memory bounded: past the store limit the oldest files go first', async () => {
		const { fake, rest, channelId } = await startFake({ attachmentStoreLimitBytes: 10_000 });
		const urls: string[] = [];
		const files = [png(4000), png(4000), png(4000)];
		for (const data of files) {
			const message = (await rest.post(Routes.channelMessages(channelId), {
				files: [{ name: 'a.png', data }],
			})) as APIMessage;
			urls.push(message.attachments[0]?.url ?? '');
		}
		await vi.waitFor(() => expect(fake.messages(channelId)).toHaveLength(3));
		expect(() => fake.attachmentBytes(urls[0] ?? '')).toThrow(/no attachment at/);
		expect((await download(urls[0] ?? '')).status).toBe(404);
		expect(fake.attachmentBytes(urls[1] ?? '').equals(files[1] ?? Buffer.alloc(0))).toBe(true);
		expect(fake.attachmentBytes(urls[2] ?? '').equals(files[2] ?? Buffer.alloc(0))).toBe(true);
	});
});
