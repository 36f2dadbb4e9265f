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
	const failures: { index: number; item: T; error: unknown }[] = [];
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length) {
			const index = next++;
			const item = items[index] as T;
			try {
				await task(item);
			} catch (error) {
				failures.push({ index, item, error });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return failures.sort((a, b) => a.index - b.index).map(({ item, error }) => ({ item, error }));
}
