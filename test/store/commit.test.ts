import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { GroupCommitter } from '../../src/store/commit.ts';
import { COUNTER, type Counter } from '../support/counter.ts';

/** A Keyv that counts the writes reaching it, to see batching. */
function countingStore(): { store: Keyv; writes: () => number } {
	const store = new Keyv();
	let writes = 0;
	const set = store.set.bind(store);
	store.set = ((key: string, value: unknown, ttl?: number) => {
		writes += 1;
		return set(key, value, ttl);
	}) as typeof store.set;
	return { store, writes: () => writes };
}

describe('GroupCommitter', () => {
	it('loses no update when many changes to one key arrive at once, and writes them in few batches', async () => {
		const { store, writes } = countingStore();
		const committer = new GroupCommitter(store);
		const results = await Promise.all(
			Array.from({ length: 500 }, (_, i) =>
				committer.update('counter', COUNTER, (draft) => {
					const value = draft ?? { n: 0, seen: [] };
					value.n += 1;
					value.seen.push(String(i));
					return { write: value, result: value.n };
				}),
			),
		);
		expect(new Set(results).size).toBe(500);
		const stored = (await store.get('counter')) as Counter & { v: number };
		expect(stored.v).toBe(1);
		expect(stored.n).toBe(500);
		expect(new Set(stored.seen).size).toBe(500);
		expect(writes()).toBeLessThanOrEqual(2);
	});

	it('refuses a throwing change on its own and commits the others of its batch', async () => {
		const committer = new GroupCommitter(new Keyv());
		const add = (draft: Counter | undefined) => {
			const value = draft ?? { n: 0, seen: [] };
			value.n += 1;
			return { write: value, result: value.n };
		};
		const outcomes = await Promise.allSettled([
			committer.update('c', COUNTER, add),
			committer.update('c', COUNTER, () => {
				throw new Error('no');
			}),
			committer.update('c', COUNTER, add),
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(await committer.update('c', COUNTER, (draft) => ({ write: null, result: draft?.n }))).toBe(2);
	});

	it('rejects every change of a batch whose write fails, and recovers for the next', async () => {
		const store = new Keyv();
		const set = store.set.bind(store);
		let fail = true;
		store.set = ((key: string, value: unknown, ttl?: number) => {
			if (fail) return Promise.reject(new Error('store went away'));
			return set(key, value, ttl);
		}) as typeof store.set;
		const committer = new GroupCommitter(store);
		const bump = (draft: Counter | undefined) => ({ write: { n: (draft?.n ?? 0) + 1, seen: [] }, result: true });
		await expect(committer.update('c', COUNTER, bump)).rejects.toThrow('store went away');
		fail = false;
		await committer.update('c', COUNTER, bump);
		expect(((await store.get('c')) as Counter).n).toBe(1);
		expect(committer.idle).toBe(true);
	});
});
