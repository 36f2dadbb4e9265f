import type Keyv from 'keyv';

/**
 * A kind of persisted value. Every value is written as `{ v: version, ...fields }`; reading a newer version
 * than this bot knows fails with a precise message instead of misreading it.
 */
export interface RecordKind<T extends object> {
	/** Names the kind in error messages, e.g. `CommandRegistration`. */
	readonly name: string;
	readonly version: number;
	/** Checks the fields of a record of `version` and returns them typed; throws on anything malformed. */
	parse(fields: Record<string, unknown>): T;
}

/** A persisted value that does not match its kind. */
export class RecordError extends Error {
	override readonly name = 'RecordError';
}

export async function readRecord<T extends object>(
	keyv: Keyv,
	key: string,
	kind: RecordKind<T>,
): Promise<T | undefined> {
	const raw: unknown = await keyv.get(key);
	if (raw === undefined || raw === null) return undefined;
	if (typeof raw !== 'object' || Array.isArray(raw))
		throw new RecordError(`${kind.name}: record ${key} is not an object`);
	const { v, ...fields } = raw as Record<string, unknown>;
	if (typeof v !== 'number') throw new RecordError(`${kind.name}: record ${key} has no version`);
	if (v > kind.version)
		throw new RecordError(`${kind.name}: record version ${v} is newer than this bot (${kind.version})`);
	if (v < kind.version)
		throw new RecordError(`${kind.name}: record version ${v} is older than this bot reads (${kind.version})`);
	return kind.parse(fields);
}

export async function writeRecord<T extends object>(
	keyv: Keyv,
	key: string,
	kind: RecordKind<T>,
	value: T,
): Promise<void> {
	await keyv.set(key, { v: kind.version, ...value });
}
