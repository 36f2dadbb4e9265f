import type Keyv from 'keyv';
import { StoreLockTimeoutError } from './errors.ts';
import { localLock, type StoreLock } from './lock.ts';
import { type RecordKind, readRecord, writeRecord } from './records.ts';

/**
 * A batch is written only while its lock's lease has at least this long left, so the write lands before another
 * process can take the lock over (a lease runs for 10 s; writing a record of a few MB takes well under a second).
 */
export const WRITE_MARGIN_MS = 2_000;

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
 * Each batch also holds the store's lock on its key (`StoreLock`) from its read to its write, so processes sharing a
 * Redis or Postgres store never interleave read-modify-writes of one record either. A batch that cannot get the lock
 * or reach the store is rejected whole (a `StoreUnavailableError`), and nothing of it is written.
 */
export class GroupCommitter {
	readonly #store: Keyv;
	readonly #lock: StoreLock;
	readonly #lanes = new Map<string, Lane>();

	/** @param lock the opened store's lock (`OpenStore.lock`); the default serialises within this process only. */
	constructor(store: Keyv, lock: StoreLock = localLock()) {
		this.#store = store;
		this.#lock = lock;
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
				await this.#lock.withLock(key, async (lease) => {
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
					if (!dirty || current === undefined) return;
					if (lease.remainingMs() < WRITE_MARGIN_MS)
						throw new StoreLockTimeoutError(
							`store: the lock on ${key} ran out before its batch was written; nothing was written`,
						);
					await writeRecord(this.#store, key, lane.kind, current);
				});
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
