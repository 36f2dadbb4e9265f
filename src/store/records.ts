import type Keyv from 'keyv';
import { describeCause, StoreUnavailableError } from './errors.ts';

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

/**
 * A failure of the store itself, as a `StoreUnavailableError`. Stores opened by `openKeyv` throw one already; this
 * covers any other Keyv, so that no caller mistakes a failed read for a missing record.
 */
function unavailable(action: string, key: string, error: unknown): StoreUnavailableError {
	if (error instanceof StoreUnavailableError) return error;
	return new StoreUnavailableError(`store: ${action} ${key} failed (${describeCause(error)})`, { cause: error });
}

/**
 * The record at `key`, or `undefined` when there is none. Rejects with a `StoreUnavailableError` when the store
 * cannot answer, and with a `RecordError` when the record is damaged or of a version this bot does not read.
 */
export async function readRecord<T extends object>(
	keyv: Keyv,
	key: string,
	kind: RecordKind<T>,
): Promise<T | undefined> {
	let raw: unknown;
	try {
		raw = await keyv.get(key);
	} catch (error) {
		if (error instanceof SyntaxError) throw new RecordError(`${kind.name}: record ${key} is not valid JSON`);
		throw unavailable('reading', key, error);
	}
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

/** Stores `value` as a record of `kind`; rejects with a `StoreUnavailableError` when the store does not take it. */
export async function writeRecord<T extends object>(
	keyv: Keyv,
	key: string,
	kind: RecordKind<T>,
	value: T,
): Promise<void> {
	let stored: boolean;
	try {
		stored = await keyv.set(key, { v: kind.version, ...value });
	} catch (error) {
		throw unavailable('writing', key, error);
	}
	// Keyv without `throwOnErrors` reports a failed write only by resolving false.
	if (!stored) throw new StoreUnavailableError(`store: writing ${key} failed (the store refused it)`);
}
