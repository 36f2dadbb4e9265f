import type { APIEmbed, APIMessageTopLevelComponent } from 'discord-api-types/v10';
import { ComponentType } from 'discord-api-types/v10';

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

/** Discord Markdown as a terminal shows it: bold and italics kept as words, links as `text <url>`. */
function plain(markdown: string): string {
	return markdown
		.replace(/\*\*([^*]+)\*\*/g, '$1')
		.replace(/(^|\s)\*([^*\n]+)\*/g, '$1$2')
		.replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, '$1 <$2>')
		.replace(/\u200b/g, '');
}

function renderEmbed(embed: APIEmbed): string[] {
	const lines: string[] = [];
	if (embed.title !== undefined) lines.push(`┌ ${embed.title}`);
	for (const line of plain(embed.description ?? '').split('\n')) lines.push(`│ ${line}`);
	for (const field of embed.fields ?? []) lines.push(`│ ${field.name}: ${plain(field.value).replace(/\n/g, ' / ')}`);
	if (embed.footer !== undefined) lines.push(`└ ${embed.footer.text}`);
	return lines;
}

/** Renders a message the bot sent (content, embeds, buttons) for the terminal. */
export function renderMessage(message: {
	content?: string;
	embeds?: readonly APIEmbed[];
	components?: readonly APIMessageTopLevelComponent[];
	flags?: number;
}): RenderedMessage {
	const lines: string[] = [];
	if ((message.flags ?? 0) & 64) lines.push('(only you can see this)');
	if (message.content) lines.push(plain(message.content));
	for (const embed of message.embeds ?? []) lines.push(...renderEmbed(embed));
	const buttons: NumberedButton[] = [];
	for (const row of message.components ?? []) {
		if (row.type !== ComponentType.ActionRow) continue;
		const labels: string[] = [];
		for (const component of row.components) {
			if (component.type !== ComponentType.Button || !('custom_id' in component)) continue;
			const number = buttons.length + 1;
			const label = component.label ?? '';
			buttons.push({ number, label, customId: component.custom_id, disabled: component.disabled === true });
			labels.push(component.disabled === true ? `[${number}· ${label}]` : `[${number}] ${label}`);
		}
		if (labels.length > 0) lines.push(labels.join('  '));
	}
	return { text: lines.join('\n'), buttons };
}
