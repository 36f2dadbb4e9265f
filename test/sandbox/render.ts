import type { APIEmbed, APIMessage, APIMessageTopLevelComponent } from 'discord-api-types/v10';
import { ButtonStyle, ComponentType, MessageFlags } from 'discord-api-types/v10';

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

/**
 * Discord Markdown as a terminal shows it: bold, italics, inline code and subtext (`-# `) kept as words, links as
 * `text <url>`, mentions as names. Mentions are resolved before zero-width spaces are dropped, so a neutralised
 * `<@\u200bid>` stays literal text, as it does in Discord.
 */
function plain(markdown: string, names: MentionNames): string {
	return markdown
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

function renderEmbed(embed: APIEmbed, names: MentionNames): string[] {
	const lines: string[] = [];
	if (embed.title !== undefined) lines.push(`┌ ${plain(embed.title, names)}`);
	if (embed.description !== undefined && embed.description !== '') {
		for (const line of plain(embed.description, names).split('\n')) lines.push(`│ ${line}`);
	}
	for (const field of embed.fields ?? []) {
		lines.push(`│ ${plain(field.name, names)}: ${plain(field.value, names).replace(/\n/g, ' / ')}`);
	}
	if (embed.footer !== undefined) lines.push(`└ ${plain(embed.footer.text, names)}`);
	return lines;
}

/**
 * Renders a message the bot sent (content, embeds, buttons) for the terminal. Buttons are numbered across rows:
 * `[1] Next`, disabled `[1· Prev]`, and a green (Success) button, which marks the right answer, gets a `✓`.
 */
export function renderMessage(
	message: {
		content?: string;
		embeds?: readonly APIEmbed[];
		components?: readonly APIMessageTopLevelComponent[];
		flags?: number;
	},
	names: MentionNames = NO_NAMES,
): RenderedMessage {
	const lines: string[] = [];
	if ((message.flags ?? 0) & MessageFlags.Ephemeral) lines.push('(only you can see this)');
	if (message.content) lines.push(plain(message.content, names));
	for (const embed of message.embeds ?? []) lines.push(...renderEmbed(embed, names));
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
