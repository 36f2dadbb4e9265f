import { LIMITS } from './text.ts';

/**
 * Buttons and menus carry `v1:<command>:<action>:<arg>…` in their `custom_id`. The version lets old messages keep
 * working after an upgrade (an unknown version is refused politely). A custom_id is only a pointer chosen by the bot:
 * it is never trusted for anything that awards points or grants rights.
 */
export const CUSTOM_ID_VERSION = 'v1';

export interface CustomId {
	readonly command: string;
	readonly action: string;
	readonly args: readonly string[];
}

const PART = /^[\w.~§-]*$/u;

/** Encodes a custom_id; throws when a part holds a separator or the result exceeds Discord's 100 characters. */
export function encodeCustomId(command: string, action: string, ...args: readonly (string | number)[]): string {
	const parts = [CUSTOM_ID_VERSION, command, action, ...args.map(String)];
	for (const part of parts) {
		if (!PART.test(part)) throw new Error(`custom-id: part "${part}" may not contain ':' or spaces`);
	}
	const id = parts.join(':');
	if (id.length > LIMITS.customId) throw new Error(`custom-id: "${id}" is longer than ${LIMITS.customId} characters`);
	return id;
}

/** Decodes a custom_id made by `encodeCustomId`; null for anything else (another version, forged or truncated ids). */
export function decodeCustomId(raw: string): CustomId | null {
	if (raw.length > LIMITS.customId) return null;
	const [version, command, action, ...args] = raw.split(':');
	if (version !== CUSTOM_ID_VERSION || command === undefined || action === undefined) return null;
	if (command === '' || action === '' || ![command, action, ...args].every((part) => PART.test(part))) return null;
	return { command, action, args };
}
