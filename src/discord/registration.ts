import { createHash } from 'node:crypto';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type Keyv from 'keyv';
import { type RecordKind, readRecord, writeRecord } from '../store/records.ts';

/** What was last registered, per scope (`global` or a guild id), so a restart with the same commands registers nothing. */
interface CommandRegistration {
	readonly hash: string;
	readonly registeredAt: string;
}

const COMMAND_REGISTRATION: RecordKind<CommandRegistration> = {
	name: 'CommandRegistration',
	version: 1,
	parse(fields) {
		if (typeof fields.hash !== 'string' || typeof fields.registeredAt !== 'string') {
			throw new Error('CommandRegistration: hash and registeredAt must be strings');
		}
		return { hash: fields.hash, registeredAt: fields.registeredAt };
	},
};

/** A stable digest of the command JSON: key order inside objects does not matter, array order does. */
export function commandsHash(body: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[]): string {
	const canonical = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(canonical);
		if (value !== null && typeof value === 'object') {
			return Object.fromEntries(
				Object.entries(value as Record<string, unknown>)
					.filter(([, field]) => field !== undefined)
					.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
					.map(([key, field]) => [key, canonical(field)]),
			);
		}
		return value;
	};
	return createHash('sha256')
		.update(JSON.stringify(canonical(body)))
		.digest('hex');
}

export interface RegistrationOutcome {
	readonly registered: boolean;
	readonly hash: string;
}

/**
 * Registers the commands (through `register`, a bulk overwrite) only when their JSON differs from what was last
 * registered in this scope; records the new digest only after Discord accepted it, so a failed attempt is retried.
 */
export async function registerIfChanged(
	keyv: Keyv,
	scope: string,
	body: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
	register: () => Promise<unknown>,
	now: Date,
): Promise<RegistrationOutcome> {
	const hash = commandsHash(body);
	const key = `commands:registration:${scope}`;
	const last = await readRecord(keyv, key, COMMAND_REGISTRATION).catch(() => undefined);
	if (last?.hash === hash) return { registered: false, hash };
	await register();
	await writeRecord(keyv, key, COMMAND_REGISTRATION, { hash, registeredAt: now.toISOString() });
	return { registered: true, hash };
}
