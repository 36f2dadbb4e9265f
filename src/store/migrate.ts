import { createHash } from 'node:crypto';
import type Keyv from 'keyv';
import { PROBE_KEY } from './keyv.ts';

/** The copy was refused or did not check out; nothing of the source was changed. */
export class MigrationError extends Error {
	override readonly name = 'MigrationError';
}

export interface MigrationOptions {
	/** Replace whatever the target's namespace holds; without it a non-empty target is refused. */
	readonly force: boolean;
	/** Labels of both stores (URLs without credentials), for messages. */
	readonly from: string;
	readonly to: string;
}

export interface MigrationReport {
	/** Keys copied, every one read back from the target and compared. */
	readonly keys: number;
	/** Size of the copied values as JSON, in bytes. */
	readonly bytes: number;
	/** Keys the target's namespace held before and that `force` removed. */
	readonly replaced: number;
	/** Keys per family (the first two parts of a key: `daily:post`, `scores:book`), sorted by family. */
	readonly families: readonly (readonly [family: string, keys: number])[];
}

/** `daily:post:123:2026-12-01` → `daily:post`. */
export function keyFamily(key: string): string {
	return key.split(':').slice(0, 2).join(':');
}

function digest(value: unknown): { readonly hash: string; readonly bytes: number } {
	const json = JSON.stringify(value);
	return { hash: createHash('sha256').update(json).digest('hex'), bytes: Buffer.byteLength(json) };
}

/** Every entry of the store's namespace, through the adapter's iterator. */
async function* entries(keyv: Keyv, label: string): AsyncGenerator<[string, unknown]> {
	const iterate = keyv.iterator;
	if (iterate === undefined) throw new MigrationError(`migrate-store: ${label} cannot list its keys`);
	for await (const [key, value] of iterate(keyv.namespace) as AsyncIterable<[string, unknown]>)
		if (key !== PROBE_KEY) yield [key, value];
}

async function holdsAny(keyv: Keyv, label: string): Promise<boolean> {
	for await (const _ of entries(keyv, label)) return true;
	return false;
}

/** Every key of the store's namespace with the digest of its value. */
async function inventory(keyv: Keyv, label: string): Promise<Map<string, string>> {
	const found = new Map<string, string>();
	for await (const [key, value] of entries(keyv, label)) found.set(key, digest(value).hash);
	return found;
}

/**
 * Copies every key of `source`'s namespace into `target` (opened with the same namespace) through the adapters'
 * iterators (SQLite and Postgres page through their table, Redis SCANs), values as they are stored: versioned records
 * are not reinterpreted, so a record of any version survives. Then lists the target again and compares every key and
 * value with what was read, so a short or damaged copy is reported, not trusted.
 *
 * A target whose namespace already holds keys is refused unless `force`, which clears that namespace first (only
 * that namespace): the target ends up an exact copy. The bot must not run against either store meanwhile.
 * Failures of either store reject with a `StoreUnavailableError`; a refusal or a mismatch with a `MigrationError`.
 */
export async function migrateStore(source: Keyv, target: Keyv, options: MigrationOptions): Promise<MigrationReport> {
	if (!(await holdsAny(source, options.from)))
		throw new MigrationError(
			`migrate-store: ${options.from} holds no keys in namespace ${source.namespace}; nothing was copied (check the URL and --namespace)`,
		);
	const before = await inventory(target, options.to);
	if (before.size > 0 && !options.force)
		throw new MigrationError(
			`migrate-store: ${options.to} already holds ${before.size} keys in namespace ${target.namespace}; nothing was copied (--force replaces them)`,
		);
	if (before.size > 0) await target.clear();

	const copied = new Map<string, string>();
	const families = new Map<string, number>();
	let bytes = 0;
	for await (const [key, value] of entries(source, options.from)) {
		await target.set(key, value);
		const { hash, bytes: size } = digest(value);
		copied.set(key, hash);
		bytes += size;
		families.set(keyFamily(key), (families.get(keyFamily(key)) ?? 0) + 1);
	}

	const after = await inventory(target, options.to);
	const wrong = [...copied].filter(([key, hash]) => after.get(key) !== hash).map(([key]) => key);
	const extra = [...after.keys()].filter((key) => !copied.has(key));
	if (wrong.length > 0 || extra.length > 0 || after.size !== copied.size) {
		const sample = [...wrong, ...extra].slice(0, 5).join(', ');
		throw new MigrationError(
			`migrate-store: ${options.to} holds ${after.size} keys after copying ${copied.size} from ${options.from}; missing or different: ${wrong.length}, unexpected: ${extra.length} (${sample})`,
		);
	}
	return {
		keys: copied.size,
		bytes,
		replaced: before.size,
		families: [...families].sort(([a], [b]) => a.localeCompare(b)),
	};
}
