import type { APIAttachment, APIEmbed, APIMessage, APIMessageTopLevelComponent } from 'discord-api-types/v10';
import { ButtonStyle, ComponentType, MessageFlags } from 'discord-api-types/v10';
import { formatLocalTime, localDateOf, localTimeOf } from '../../src/time/zone.ts';

/** A button of the last message, as the sandbox numbers it. */
export interface NumberedButton {
	readonly number: number;
	readonly label: string;
	readonly customId: string;
	readonly disabled: boolean;
}

/** What the sandbox shows for a message: readable text, and its buttons numbered from 1. */
export interface RenderedMessage {
	readonly text: string;
	readonly buttons: readonly NumberedButton[];
}

/** Names Discord's client shows for mentions: `<@id>` as `@username`, `<#id>` as `#channel`. Unknown ids stay raw. */
export interface MentionNames {
	readonly users: ReadonlyMap<string, string>;
	readonly channels: ReadonlyMap<string, string>;
}

const NO_NAMES: MentionNames = { users: new Map(), channels: new Map() };

/** The bytes behind an attachment, when they can be had (the fake keeps them, as Discord's CDN does). */
export type AttachmentBytes = (attachment: APIAttachment) => Uint8Array | undefined;

/** How the terminal shows what Discord's client works out for its reader. */
export interface RenderOptions {
	/** The bytes of attached files, for the pixel size of PNGs. */
	readonly bytesOf?: AttachmentBytes;
	/** The reader's IANA zone for `<t:…>` timestamps; the process's own by default. */
	readonly timeZone?: string;
}

/**
 * Discord's timestamp markup (`<t:1764633600:f>`) as the client shows it, in the reader's zone: `2025-12-02 09:00`
 * (only the date for the `d`/`D` styles, only the time for `t`/`T`).
 */
function timestamp(raw: string, seconds: string, style: string | undefined, zone: string): string {
	const at = new Date(Number(seconds) * 1000);
	if (Number.isNaN(at.getTime())) return raw;
	const date = localDateOf(at, zone);
	const time = formatLocalTime(localTimeOf(at, zone));
	if (style === 'd' || style === 'D') return date;
	if (style === 't' || style === 'T') return time;
	return `${date} ${time}`;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The pixel size of a PNG, read from its IHDR chunk, which the format puts first, right after the 8-byte signature:
 * length (4 bytes), `IHDR`, then width and height as big-endian 32-bit numbers. Null for anything else.
 */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
	if (bytes.length < 24 || PNG_SIGNATURE.some((byte, i) => bytes[i] !== byte)) return null;
	if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** `512 B`, `35 KB`, `1.2 MB` (1 KB = 1024 bytes). */
export function formatSize(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function isPng(attachment: APIAttachment): boolean {
	return attachment.content_type === 'image/png' || /\.png$/i.test(attachment.filename);
}

/** `📎 stats.png (image/png, 1200×600, 35 KB) — alt text`: the pixel size of PNGs whose bytes are at hand. */
function renderAttachment(attachment: APIAttachment, bytesOf: AttachmentBytes | undefined): string {
	const details: string[] = [];
	if (attachment.content_type !== undefined) details.push(attachment.content_type);
	const bytes = bytesOf !== undefined && isPng(attachment) ? bytesOf(attachment) : undefined;
	const size = bytes === undefined ? null : pngSize(bytes);
	if (size !== null) details.push(`${size.width}×${size.height}`);
	else if (attachment.width != null && attachment.height != null)
		details.push(`${attachment.width}×${attachment.height}`);
	details.push(formatSize(attachment.size));
	const description = attachment.description ? ` — ${attachment.description}` : '';
	return `📎 ${attachment.filename} (${details.join(', ')})${description}`;
}

/**
 * The file an embed image shows: `attachment://stats.png` as the bot sends it, or the attachment's URL as Discord
 * stores it (then the attachment's name), else the URL's last part.
 */
function imageName(url: string, attachments: readonly APIAttachment[]): string {
	if (url.startsWith('attachment://')) return url.slice('attachment://'.length);
	const attached = attachments.find((attachment) => attachment.url === url || attachment.proxy_url === url);
	if (attached !== undefined) return attached.filename;
	const last = url.split(/[?#]/)[0]?.split('/').at(-1) ?? '';
	try {
		return decodeURIComponent(last) || url;
	} catch {
		return last || url;
	}
}

/**
 * Discord Markdown as a terminal shows it: bold, italics, inline code and subtext (`-# `) kept as words, links as
 * `text <url>`, mentions as names, timestamps as dates in `zone`. Mentions are resolved before zero-width spaces are
 * dropped, so a neutralised `<@\u200bid>` stays literal text, as it does in Discord.
 */
function plain(markdown: string, names: MentionNames, zone: string): string {
	return markdown
		.replace(/<t:(-?\d{1,13})(?::([tTdDfFR]))?>/g, (raw, seconds: string, style: string | undefined) =>
			timestamp(raw, seconds, style, zone),
		)
		.replace(/<@!?(\d+)>/g, (raw, id: string) => {
			const name = names.users.get(id);
			return name === undefined ? raw : `@${name}`;
		})
		.replace(/<#(\d+)>/g, (raw, id: string) => {
			const name = names.channels.get(id);
			return name === undefined ? raw : `#${name}`;
		})
		.replace(/\*\*([^*]+)\*\*/g, '$1')
		.replace(/(^|\s)\*([^*\n]+)\*/g, '$1$2')
		.replace(/`([^`\n]+)`/g, '$1')
		.replace(/^-# /gm, '')
		.replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, '$1 <$2>')
		.replace(/\u200b/g, '');
}

function renderEmbed(
	embed: APIEmbed,
	text: (markdown: string) => string,
	attachments: readonly APIAttachment[],
): string[] {
	const lines: string[] = [];
	if (embed.title !== undefined) lines.push(`┌ ${text(embed.title)}`);
	if (embed.description !== undefined && embed.description !== '') {
		for (const line of text(embed.description).split('\n')) lines.push(`│ ${line}`);
	}
	for (const field of embed.fields ?? []) {
		lines.push(`│ ${text(field.name)}: ${text(field.value).replace(/\n/g, ' / ')}`);
	}
	if (embed.image !== undefined) lines.push(`│ [image: ${imageName(embed.image.url, attachments)}]`);
	if (embed.footer !== undefined) lines.push(`└ ${text(embed.footer.text)}`);
	return lines;
}

/**
 * Renders a message the bot sent (content, attached files, embeds, buttons) for the terminal, in the order Discord's
 * client shows them. Files are `📎` lines, with the pixel size of PNGs when `options.bytesOf` gives their bytes; an
 * embed's picture is `│ [image: stats.png]`. Buttons are numbered across rows: `[1] Next`, disabled `[1· Prev]`, and a
 * green (Success) button, which marks the right answer, gets a `✓`.
 */
export function renderMessage(
	message: {
		content?: string;
		attachments?: readonly APIAttachment[];
		embeds?: readonly APIEmbed[];
		components?: readonly APIMessageTopLevelComponent[];
		flags?: number;
	},
	names: MentionNames = NO_NAMES,
	options: RenderOptions = {},
): RenderedMessage {
	const zone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
	const text = (markdown: string): string => plain(markdown, names, zone);
	const lines: string[] = [];
	const attachments = message.attachments ?? [];
	if ((message.flags ?? 0) & MessageFlags.Ephemeral) lines.push('(only you can see this)');
	if (message.content) lines.push(text(message.content));
	for (const attachment of attachments) lines.push(renderAttachment(attachment, options.bytesOf));
	for (const embed of message.embeds ?? []) lines.push(...renderEmbed(embed, text, attachments));
	const buttons: NumberedButton[] = [];
	for (const row of message.components ?? []) {
		if (row.type !== ComponentType.ActionRow) continue;
		const labels: string[] = [];
		for (const component of row.components) {
			if (component.type !== ComponentType.Button || !('custom_id' in component)) continue;
			const number = buttons.length + 1;
			const label = component.label ?? '';
			const shown = component.style === ButtonStyle.Success ? `${label} ✓` : label;
			buttons.push({ number, label, customId: component.custom_id, disabled: component.disabled === true });
			labels.push(component.disabled === true ? `[${number}· ${shown}]` : `[${number}] ${shown}`);
		}
		if (labels.length > 0) lines.push(labels.join('  '));
	}
	return { text: lines.join('\n'), buttons };
}

/**
 * The line above a message shown from a channel: where it is, who sent it, and, as Discord's client shows above
 * command replies, who used which command (`student used /leaderboard`).
 */
export function channelHeader(
	message: Pick<APIMessage, 'author' | 'interaction' | 'interaction_metadata'>,
	channelName: string,
	edited: boolean,
): string {
	const parts = [`#${channelName}`, message.author.username];
	if (message.interaction !== undefined)
		parts.push(`${message.interaction.user.username} used /${message.interaction.name}`);
	else if (message.interaction_metadata !== undefined)
		parts.push(`reply to ${message.interaction_metadata.user.username}`);
	if (edited) parts.push('edited');
	return `── ${parts.join(' · ')}`;
}

/** The line above a direct message of the bot, shown as it arrives or by `:dm`: `── DM to minji · study-bot`. */
export function dmHeader(message: Pick<APIMessage, 'author'>, recipient: string, edited: boolean): string {
	const parts = [`DM to ${recipient}`, message.author.username];
	if (edited) parts.push('edited');
	return `── ${parts.join(' · ')}`;
}
