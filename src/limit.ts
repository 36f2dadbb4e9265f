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
