import type Keyv from 'keyv';
import { type RecordKind, readRecord, writeRecord } from './records.ts';

/**
 * What a change decides: `write` is the record to store after this change (often the draft it was given, changed in
 * place), or `null` to leave the key as it is; `result` goes back to whoever asked for the change.
 */
export interface ChangeOutcome<T, R> {
	readonly write: T | null;
	readonly result: R;
}

/**
 * A read-modify-write of one record. It receives the current value (a private copy it may change in place) and must
 * throw, if at all, before it changes anything: a throwing change is refused on its own and the others of its batch
 * still commit.
 */
export type Change<T, R> = (draft: T | undefined) => ChangeOutcome<T, R>;

interface Pending {
	readonly apply: (draft: object | undefined) => ChangeOutcome<object, unknown>;
	readonly resolve: (result: unknown) => void;
	readonly reject: (error: unknown) => void;
}

interface Lane {
	readonly kind: RecordKind<object>;
	queue: Pending[];
	running: boolean;
}

/**
 * Keyv has no transactions or atomic increments, so every read-modify-write of a shared record goes through here.
 * Changes to one key never interleave (no lost update), and changes that arrive while a batch is being written are
 * committed together as the next batch: one read and one write however many members clicked at once. A change's
 * promise settles only after its batch is stored, so a reply that says "recorded" is never ahead of the store.
 *
 * This serialises within one process; the guild's owner process is the only writer of its records.
 */
export class GroupCommitter {
	readonly #store: Keyv;
	readonly #lanes = new Map<string, Lane>();

	constructor(store: Keyv) {
		this.#store = store;
	}

	update<T extends object, R>(key: string, kind: RecordKind<T>, change: Change<T, R>): Promise<R> {
		return new Promise<R>((resolve, reject) => {
			let lane = this.#lanes.get(key);
			if (lane === undefined) {
				lane = { kind: kind as RecordKind<object>, queue: [], running: false };
				this.#lanes.set(key, lane);
			} else if (lane.kind.name !== kind.name) {
				reject(new Error(`store: ${key} is a ${lane.kind.name}, not a ${kind.name}`));
				return;
			}
			lane.queue.push({
				apply: change as Pending['apply'],
				resolve: resolve as Pending['resolve'],
				reject,
			});
			if (!lane.running) void this.#drain(key, lane);
		});
	}

	/** Whether any change is queued or being written (for a graceful shutdown). */
	get idle(): boolean {
		return this.#lanes.size === 0;
	}

	async #drain(key: string, lane: Lane): Promise<void> {
		lane.running = true;
		while (lane.queue.length > 0) {
			const batch = lane.queue;
			lane.queue = [];
			const settled: { pending: Pending; result: unknown }[] = [];
			try {
				const stored = await readRecord(this.#store, key, lane.kind);
				let current: object | undefined = stored === undefined ? undefined : structuredClone(stored);
				let dirty = false;
				for (const pending of batch) {
					try {
						const outcome = pending.apply(current);
						if (outcome.write !== null) {
							current = outcome.write;
							dirty = true;
						}
						settled.push({ pending, result: outcome.result });
					} catch (error) {
						pending.reject(error);
					}
				}
				if (dirty && current !== undefined) await writeRecord(this.#store, key, lane.kind, current);
				for (const { pending, result } of settled) pending.resolve(result);
			} catch (error) {
				// Settling twice is a no-op, so changes refused on their own keep their own reason.
				for (const pending of batch) pending.reject(error);
			}
		}
		lane.running = false;
		this.#lanes.delete(key);
	}
}
