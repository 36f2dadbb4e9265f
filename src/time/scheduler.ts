import { type Logger, type ScheduledTask, schedule, validate } from 'node-cron';
import { isLocalTime, isValidTimeZone, type LocalTime } from './zone.ts';

/** Runs named jobs on cron schedules read in IANA time zones. */
export interface Scheduler {
	/**
	 * Runs `run` whenever the cron expression matches in `zone` (IANA). Re-using a name replaces the earlier job.
	 * Errors from `run` are caught and reported to onError; overlapping runs of one job are skipped.
	 * Throws, leaving any earlier job of that name in place, if the expression or the zone is invalid.
	 */
	every(name: string, cron: string, zone: string, run: () => Promise<void>): void;
	/** Stops the job's future runs; a run in progress finishes. Unknown names are ignored. */
	cancel(name: string): void;
	/** The names of the scheduled jobs. */
	names(): readonly string[];
	/** Cancels every job. */
	stopAll(): void;
}

/**
 * How late a run may start and still happen, e.g. after the event loop was blocked; later runs are dropped and
 * reported as missed. node-cron's default of one second would silently lose a daily run to a single slow moment.
 */
const LATE_START_TOLERANCE_MS = 60_000;

/**
 * The Scheduler on node-cron. Wall-clock semantics in a DST change, as node-cron 4 implements them: a time that does
 * not exist that day (spring forward) is skipped until the next match, and a time that occurs twice (fall back) runs
 * once, at the earlier instant.
 */
export function cronScheduler(options: { onError(name: string, error: unknown): void }): Scheduler {
	const tasks = new Map<string, ScheduledTask>();
	// Kept per name rather than per task, so a replacement cannot start while the job it replaced is still running.
	const running = new Set<string>();

	const cancel = (name: string): void => {
		const task = tasks.get(name);
		if (task === undefined) return;
		tasks.delete(name);
		// destroy, not stop: node-cron also keeps every task in a process-wide registry until it is destroyed.
		void task.destroy();
	};

	return {
		every(name, cron, zone, run) {
			if (!validate(cron))
				throw new Error(`job ${JSON.stringify(name)}: not a cron expression: ${JSON.stringify(cron)}`);
			if (!isValidTimeZone(zone))
				throw new Error(`job ${JSON.stringify(name)}: not an IANA time zone: ${JSON.stringify(zone)}`);
			cancel(name);
			// node-cron logs to the console by default. Its own failures go to onError; of its warnings, a skipped overlap
			// is intended and a missed run is reported by the listener below.
			const logger: Logger = {
				info() {},
				warn() {},
				debug() {},
				error: (message, error) => options.onError(name, error ?? message),
			};
			const task = schedule(
				cron,
				async () => {
					if (running.has(name)) return;
					running.add(name);
					try {
						await run();
					} catch (error) {
						options.onError(name, error);
					} finally {
						running.delete(name);
					}
				},
				{
					name,
					timezone: zone,
					noOverlap: true,
					missedExecutionTolerance: LATE_START_TOLERANCE_MS,
					logger,
				},
			);
			task.on('execution:missed', (context) => {
				options.onError(name, new Error(`missed the run due at ${context.date.toISOString()}`));
			});
			tasks.set(name, task);
		},
		cancel,
		names: () => [...tasks.keys()],
		stopAll() {
			for (const name of [...tasks.keys()]) cancel(name);
		},
	};
}

/** Cron expression for a daily run at `time`: 'M H * * *'. */
export function dailyCron(time: LocalTime): string {
	if (!isLocalTime(time)) throw new RangeError(`not a time of day: ${JSON.stringify(time)}`);
	return `${time.minute} ${time.hour} * * *`;
}
