/** The one source of "now" for the bot; tests pass a manual clock instead. */
export interface Clock {
	now(): Date;
}

/** The machine's clock. The only place in the bot that reads the system time. */
export const systemClock: Clock = {
	now: () => new Date(Date.now()),
};

/** Milliseconds elapsed on a monotonic timer, for measuring durations (never for dates). */
export function monotonicMs(): number {
	return performance.now();
}
