import { describe, expect, it } from 'vitest';
import { forEachLimited, TaskLimit } from '../src/limit.ts';

/** A task that waits until the test lets it finish, so the test sees how many run at once. */
function gate(): { promise: Promise<void>; open: () => void } {
	let open = (): void => {};
	const promise = new Promise<void>((resolve) => {
		open = resolve;
	});
	return { promise, open };
}

describe('TaskLimit', () => {
	it('runs at most its limit at once, the others in arrival order', async () => {
		const limit = new TaskLimit(2);
		const gates = [gate(), gate(), gate(), gate()];
		const started: number[] = [];
		const runs = gates.map((g, i) =>
			limit.run(async () => {
				started.push(i);
				await g.promise;
				return i;
			}),
		);
		await Promise.resolve();
		expect(started).toEqual([0, 1]);
		gates[1]?.open();
		await runs[1];
		await Promise.resolve();
		expect(started).toEqual([0, 1, 2]);
		for (const g of gates) g.open();
		expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
		expect(started).toEqual([0, 1, 2, 3]);
	});
});

describe('forEachLimited', () => {
	it('runs every item, never more than the limit at once, and returns the failures in item order', async () => {
		let running = 0;
		let most = 0;
		const done: number[] = [];
		const failures = await forEachLimited([1, 2, 3, 4, 5, 6], 3, async (n) => {
			running++;
			most = Math.max(most, running);
			await new Promise((resolve) => setTimeout(resolve, 7 - n));
			running--;
			if (n % 2 === 0) throw new Error(`even ${n}`);
			done.push(n);
		});
		expect(most).toBe(3);
		expect(done.sort()).toEqual([1, 3, 5]);
		expect(failures.map(({ item, error }) => [item, (error as Error).message])).toEqual([
			[2, 'even 2'],
			[4, 'even 4'],
			[6, 'even 6'],
		]);
	});

	it('refuses a limit that is not a whole number of at least one', async () => {
		await expect(forEachLimited([1], 0, async () => {})).rejects.toThrow('limit must be a whole number ≥ 1, got 0');
		await expect(forEachLimited([1], 1.5, async () => {})).rejects.toThrow(RangeError);
	});
});
