import type { APIMessage } from 'discord-api-types/v10';
import { MessageFlags } from 'discord-api-types/v10';

/** A channel message to show, and whether it is shown again because it was edited. */
export interface ChannelUpdate {
	readonly message: APIMessage;
	readonly edited: boolean;
}

/**
 * Whether everyone in the channel (in a DM channel: the member) sees the message as something the bot posted on its
 * own: not an interaction response (those are shown as answers to the command or click) and not ephemeral.
 */
export function isChannelPost(message: APIMessage): boolean {
	return message.webhook_id === undefined && ((message.flags ?? 0) & MessageFlags.Ephemeral) === 0;
}

function byId(a: APIMessage, b: APIMessage): number {
	const left = BigInt(a.id);
	const right = BigInt(b.id);
	return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Follows the bot's own channel posts and direct messages: each is reported once when it appears and again after each
 * edit (a closed daily question gets its buttons disabled). Works on message lists, so it does not care where they
 * come from.
 */
export class ChannelWatch {
	/** Message id → the `edited_timestamp` last reported. */
	readonly #reported = new Map<string, string | null>();

	#isNew(message: APIMessage): boolean {
		if (!isChannelPost(message)) return false;
		return !this.#reported.has(message.id) || this.#reported.get(message.id) !== message.edited_timestamp;
	}

	/** Whether `take` would report anything. */
	pending(messages: readonly APIMessage[]): boolean {
		return messages.some((message) => this.#isNew(message));
	}

	/** The posts not reported yet or edited since, oldest first; they count as reported from now on. */
	take(messages: readonly APIMessage[]): ChannelUpdate[] {
		const updates = messages
			.filter((message) => this.#isNew(message))
			.sort(byId)
			.map((message) => ({ message, edited: this.#reported.has(message.id) }));
		this.markShown(updates.map((update) => update.message));
		return updates;
	}

	/** Counts messages shown some other way (`:channel`) as reported as they stand. */
	markShown(messages: readonly APIMessage[]): void {
		for (const message of messages) this.#reported.set(message.id, message.edited_timestamp);
	}
}
