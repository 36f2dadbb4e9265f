import type { Scheduler } from '../../src/time/scheduler.ts';
import { isValidTimeZone } from '../../src/time/zone.ts';

/** A job as a test sees it: what was asked for, without the function. */
export interface ManualJob {
	readonly name: string;
	readonly cron: string;
	readonly zone: string;
}

/**
 * A Scheduler that only records jobs; nothing runs until a test calls `fire`. Like the real adapter it refuses a zone
 * that is not IANA; unlike it, it takes any cron text (checking it needs node-cron) and lets a run's error reach the
 * test that fired it.
 */
export class ManualScheduler implements Scheduler {
	private readonly registered = new Map<string, ManualJob & { readonly run: () => Promise<void> }>();

	every(name: string, cron: string, zone: string, run: () => Promise<void>): void {
		if (!isValidTimeZone(zone))
			throw new Error(`job ${JSON.stringify(name)}: not an IANA time zone: ${JSON.stringify(zone)}`);
		this.registered.delete(name);
		this.registered.set(name, { name, cron, zone, run });
	}

	cancel(name: string): void {
		this.registered.delete(name);
	}

	names(): readonly string[] {
		return [...this.registered.keys()];
	}

	stopAll(): void {
		this.registered.clear();
	}

	/** The scheduled jobs, in the order they were (last) scheduled. */
	jobs(): readonly ManualJob[] {
		return [...this.registered.values()].map(({ name, cron, zone }) => ({ name, cron, zone }));
	}

	/** Runs the job once and waits for it; throws if no job has that name. */
	async fire(name: string): Promise<void> {
		const job = this.registered.get(name);
		if (job === undefined)
			throw new Error(`no job named ${JSON.stringify(name)}; scheduled: ${this.names().join(', ')}`);
		await job.run();
	}
}
