/** Runs at most `limit` tasks at once, the others in arrival order as places free up. */
export class TaskLimit {
	#running = 0;
	readonly #waiting: (() => void)[] = [];

	constructor(private readonly limit: number) {}

	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.#running >= this.limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
		else this.#running++;
		try {
			return await task();
		} finally {
			const next = this.#waiting.shift();
			// The place passes straight to the next task, so a newcomer cannot take it in between.
			if (next === undefined) this.#running--;
			else next();
		}
	}
}

/**
 * Runs `task` for every item with at most `limit` running at once, and waits for all of them. A task that throws
 * does not stop the others; the errors are returned with their items, in item order.
 */
export async function forEachLimited<T>(
	items: readonly T[],
	limit: number,
	task: (item: T) => Promise<void>,
): Promise<{ item: T; error: unknown }[]> {
	if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number ≥ 1, got ${limit}`);
	const places = new TaskLimit(limit);
	const outcomes = await Promise.allSettled(items.map((item) => places.run(() => task(item))));
	return outcomes.flatMap((outcome, index) =>
		outcome.status === 'rejected' ? [{ item: items[index] as T, error: outcome.reason as unknown }] : [],
	);
}
