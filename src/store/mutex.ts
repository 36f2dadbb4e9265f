/**
 * Runs tasks one at a time per key, in arrival order, within this process. Used for jobs that span several records
 * and Discord calls (posting, closing, scoring a daily question), so a cron tick and an admin's `/daily post` never
 * interleave for one server.
 */
export class KeyedMutex {
	readonly #tails = new Map<string, Promise<unknown>>();

	run<T>(key: string, task: () => Promise<T>): Promise<T> {
		const before = this.#tails.get(key) ?? Promise.resolve();
		const result = before.then(task, task);
		const tail = result.then(
			() => undefined,
			() => undefined,
		);
		this.#tails.set(key, tail);
		void tail.then(() => {
			if (this.#tails.get(key) === tail) this.#tails.delete(key);
		});
		return result;
	}
}
