import {
	type APIActionRowComponent,
	type APIComponentInMessageActionRow,
	type APIEmbed,
	type APIMessage,
	DiscordAPIError,
	type REST,
	Routes,
} from 'discord.js';
import { fallbackMessages } from '../i18n/messages.ts';

/** A message the bot posts into a channel on its own (not as a reply): daily questions and results. */
export interface ChannelMessage {
	readonly content?: string;
	readonly embeds?: readonly APIEmbed[];
	readonly components?: readonly APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** Discord codes that mean the bot cannot post in the channel at all; retrying will not help. */
const NO_ACCESS_CODES = new Set([10003, 50001, 50013]);

/** Why the bot cannot post in a channel; a key of the `daily.problems` messages. */
export type ChannelProblem = 'channelGone' | 'noAccess' | 'noPermission';

/**
 * Discord refused for good (unknown channel, missing access or permissions): the reason is safe to show an admin.
 * `message` is the English text, `reason` names it in every language.
 */
export class ChannelAccessError extends Error {
	override readonly name = 'ChannelAccessError';

	constructor(readonly reason: ChannelProblem) {
		super(fallbackMessages().daily.problems[reason]);
	}
}

function classify(error: unknown): never {
	if (error instanceof DiscordAPIError && typeof error.code === 'number' && NO_ACCESS_CODES.has(error.code)) {
		throw new ChannelAccessError(
			error.code === 10003 ? 'channelGone' : error.code === 50001 ? 'noAccess' : 'noPermission',
		);
	}
	throw error;
}

/** Sends a message that never pings; returns its id. */
export async function sendToChannel(rest: REST, channelId: string, message: ChannelMessage): Promise<string> {
	try {
		const sent = (await rest.post(Routes.channelMessages(channelId), {
			body: { ...message, allowed_mentions: { parse: [] } },
		})) as APIMessage;
		return sent.id;
	} catch (error) {
		return classify(error);
	}
}

export async function editInChannel(
	rest: REST,
	channelId: string,
	messageId: string,
	message: ChannelMessage,
): Promise<void> {
	try {
		await rest.patch(Routes.channelMessage(channelId, messageId), {
			body: { ...message, allowed_mentions: { parse: [] } },
		});
	} catch (error) {
		classify(error);
	}
}

/** How far back the bot looks for a message it may have sent before a crash. */
export const RECOVERY_SCAN_MESSAGES = 50;

/**
 * The most recent message of the channel with a component whose custom_id is `customId`: finds a post the bot sent
 * but did not get to record. Only the bot can put components on a message, so the marker cannot be forged.
 */
export async function findByCustomId(rest: REST, channelId: string, customId: string): Promise<APIMessage | undefined> {
	let messages: APIMessage[];
	try {
		messages = (await rest.get(Routes.channelMessages(channelId), {
			query: new URLSearchParams({ limit: String(RECOVERY_SCAN_MESSAGES) }),
		})) as APIMessage[];
	} catch (error) {
		return classify(error);
	}
	return messages.find((message) =>
		(message.components ?? []).some(
			(row) => 'components' in row && row.components.some((c) => 'custom_id' in c && c.custom_id === customId),
		),
	);
}
