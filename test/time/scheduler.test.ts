import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/time/clock.ts';
import { cronScheduler, dailyCron, type Scheduler } from '../../src/time/scheduler.ts';
import { ManualScheduler } from '../support/manual-scheduler.ts';

const EVERY_SECOND = '* * * * * *';
/** Long enough for an every-second job to have run at least once, whatever the phase of the second it started in. */
const FIRST_RUN_TIMEOUT_MS = 2_500;
/** Long enough for an every-second job that still runs to be seen running again. */
const QUIET_MS = 1_300;

interface Recorded {
	readonly scheduler: Scheduler;
	readonly errors: { name: string; error: unknown }[];
}

function recordingScheduler(): Recorded {
	const errors: { name: string; error: unknown }[] = [];
	return { scheduler: cronScheduler({ onError: (name, error) => errors.push({ name, error }) }), errors };
}

describe('dailyCron', () => {
	it('writes minute and hour fields', () => {
		expect(dailyCron({ hour: 9, minute: 0 })).toBe('0 9 * * *');
		expect(dailyCron({ hour: 23, minute: 5 })).toBe('5 23 * * *');
		expect(dailyCron({ hour: 0, minute: 0 })).toBe('0 0 * * *');
	});

	it('refuses times of day that do not exist', () => {
		expect(() => dailyCron({ hour: 24, minute: 0 })).toThrow(RangeError);
		expect(() => dailyCron({ hour: 9, minute: 60 })).toThrow(RangeError);
		expect(() => dailyCron({ hour: 9.5, minute: 0 })).toThrow(RangeError);
	});
});

describe('cronScheduler on node-cron, in simulated time', () => {
	let recorded: Recorded;
	/** When each job ran, as ISO instants. */
	let runs: Record<string, string[]>;

	function record(name: string): () => Promise<void> {
		return async () => {
			runs[name] = [...(runs[name] ?? []), systemClock.now().toISOString()];
		};
	}

	beforeEach(() => {
		vi.useFakeTimers();
		recorded = recordingScheduler();
		runs = {};
	});

	afterEach(() => {
		recorded.scheduler.stopAll();
		vi.useRealTimers();
	});

	it('reads the cron expression in the given zone', async () => {
		vi.setSystemTime(new Date('2026-11-30T23:59:00Z'));
		recorded.scheduler.every('seoul', dailyCron({ hour: 9, minute: 0 }), 'Asia/Seoul', record('seoul'));
		recorded.scheduler.every('utc', dailyCron({ hour: 9, minute: 0 }), 'UTC', record('utc'));
		await vi.advanceTimersByTimeAsync(10 * 60 * 60 * 1000);
		expect(runs).toEqual({ seoul: ['2026-12-01T00:00:00.000Z'], utc: ['2026-12-01T09:00:00.000Z'] });
		expect(recorded.errors).toEqual([]);
	});

	it('skips a daily run whose wall time does not exist on spring-forward day', async () => {
		vi.setSystemTime(new Date('2026-03-07T12:00:00Z'));
		recorded.scheduler.every('ny', dailyCron({ hour: 2, minute: 30 }), 'America/New_York', record('ny'));
		await vi.advanceTimersByTimeAsync(3 * 24 * 60 * 60 * 1000);
		// No run on 2026-03-08: 02:00 EST jumps to 03:00 EDT.
		expect(runs.ny).toEqual(['2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z']);
	});

	it('runs a daily job once, at the earlier instant, when its wall time occurs twice on fall-back day', async () => {
		vi.setSystemTime(new Date('2026-10-31T12:00:00Z'));
		recorded.scheduler.every('ny', dailyCron({ hour: 1, minute: 30 }), 'America/New_York', record('ny'));
		await vi.advanceTimersByTimeAsync(2 * 24 * 60 * 60 * 1000);
		// 01:30 EDT on 2026-11-01, not again at 01:30 EST an hour later; then 01:30 EST the next day.
		expect(runs.ny).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
	});

	it('skips, for an hourly job, the repeated hour of fall-back day', async () => {
		vi.setSystemTime(new Date('2026-11-01T04:30:00Z'));
		recorded.scheduler.every('ny', '0 * * * *', 'America/New_York', record('ny'));
		await vi.advanceTimersByTimeAsync(4 * 60 * 60 * 1000);
		// 00:00 EDT, 01:00 EDT, then 02:00 EST: 01:00 EST (06:00Z) does not run.
		expect(runs.ny).toEqual(['2026-11-01T05:00:00.000Z', '2026-11-01T07:00:00.000Z', '2026-11-01T08:00:00.000Z']);
	});

	it('starts a run up to a minute late, and reports a run missed by more', async () => {
		vi.setSystemTime(new Date('2026-11-30T23:59:00Z'));
		recorded.scheduler.every('seoul', dailyCron({ hour: 9, minute: 0 }), 'Asia/Seoul', record('seoul'));
		// The wall clock jumps as after a suspended machine: the timer still waits its full minute.
		vi.setSystemTime(new Date('2026-11-30T23:59:30Z'));
		await vi.advanceTimersByTimeAsync(61_000);
		expect(runs.seoul).toEqual(['2026-12-01T00:00:30.000Z']);

		vi.setSystemTime(new Date('2026-12-01T23:59:00Z'));
		recorded.scheduler.every('seoul', dailyCron({ hour: 9, minute: 0 }), 'Asia/Seoul', record('seoul'));
		vi.setSystemTime(new Date('2026-12-02T00:01:00Z'));
		await vi.advanceTimersByTimeAsync(61_000);
		expect(runs.seoul).toHaveLength(1);
		expect(recorded.errors).toEqual([
			{ name: 'seoul', error: new Error('missed the run due at 2026-12-02T00:00:00.000Z') },
		]);
	});

	it('skips runs while the previous run of the job is still going, also across a replacement', async () => {
		vi.setSystemTime(new Date('2026-12-01T00:00:00.500Z'));
		let starts = 0;
		let finish = (): void => {};
		const slow = () => {
			starts++;
			return new Promise<void>((resolve) => {
				finish = resolve;
			});
		};
		recorded.scheduler.every('slow', EVERY_SECOND, 'UTC', slow);
		await vi.advanceTimersByTimeAsync(3_000);
		expect(starts).toBe(1);

		recorded.scheduler.every('slow', EVERY_SECOND, 'UTC', slow);
		await vi.advanceTimersByTimeAsync(3_000);
		expect(starts).toBe(1);

		finish();
		await vi.advanceTimersByTimeAsync(1_000);
		expect(starts).toBe(2);
		expect(recorded.errors).toEqual([]);
	});

	it('refuses an invalid zone or expression and keeps the job it would have replaced', async () => {
		vi.setSystemTime(new Date('2026-12-01T00:00:00.500Z'));
		const { scheduler } = recorded;
		scheduler.every('job', EVERY_SECOND, 'UTC', record('job'));
		expect(() => scheduler.every('job', EVERY_SECOND, 'Mars/Base', record('job'))).toThrow(
			new Error('job "job": not an IANA time zone: "Mars/Base"'),
		);
		expect(() => scheduler.every('job', EVERY_SECOND, '+09:00', record('job'))).toThrow(/not an IANA time zone/);
		expect(() => scheduler.every('job', EVERY_SECOND, 'KST', record('job'))).toThrow(/not an IANA time zone/);
		expect(() => scheduler.every('job', '61 * * * *', 'UTC', record('job'))).toThrow(
			new Error('job "job": not a cron expression: "61 * * * *"'),
		);
		expect(() => scheduler.every('job', 'every day', 'UTC', record('job'))).toThrow(/not a cron expression/);
		expect(scheduler.names()).toEqual(['job']);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(runs.job).toEqual(['2026-12-01T00:00:01.000Z']);
	});
});

describe.concurrent('cronScheduler on node-cron, in real time', () => {
	it('runs a job until it is cancelled', async ({ expect, onTestFinished }) => {
		const { scheduler, errors } = recordingScheduler();
		onTestFinished(() => scheduler.stopAll());
		let count = 0;
		scheduler.every('tick', EVERY_SECOND, 'Asia/Seoul', async () => {
			count++;
		});
		expect(scheduler.names()).toEqual(['tick']);
		await vi.waitFor(() => expect(count).toBeGreaterThan(0), { timeout: FIRST_RUN_TIMEOUT_MS });

		scheduler.cancel('tick');
		const atCancel = count;
		expect(scheduler.names()).toEqual([]);
		await sleep(QUIET_MS);
		expect(count).toBe(atCancel);
		expect(errors).toEqual([]);
	});

	it('stops every job on stopAll', async ({ expect, onTestFinished }) => {
		const { scheduler } = recordingScheduler();
		onTestFinished(() => scheduler.stopAll());
		const counts = { a: 0, b: 0 };
		scheduler.every('a', EVERY_SECOND, 'UTC', async () => {
			counts.a++;
		});
		scheduler.every('b', EVERY_SECOND, 'America/New_York', async () => {
			counts.b++;
		});
		expect(scheduler.names()).toEqual(['a', 'b']);
		await vi.waitFor(() => expect(Math.min(counts.a, counts.b)).toBeGreaterThan(0), { timeout: FIRST_RUN_TIMEOUT_MS });

		scheduler.stopAll();
		const atStop = { ...counts };
		expect(scheduler.names()).toEqual([]);
		await sleep(QUIET_MS);
		expect(counts).toEqual(atStop);
	});

	it('reports a failing run to onError and keeps the job', async ({ expect, onTestFinished }) => {
		const { scheduler, errors } = recordingScheduler();
		onTestFinished(() => scheduler.stopAll());
		const failure = new Error('store unavailable');
		scheduler.every('failing', EVERY_SECOND, 'UTC', async () => {
			throw failure;
		});
		await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0), { timeout: FIRST_RUN_TIMEOUT_MS });
		expect(errors[0]).toEqual({ name: 'failing', error: failure });
		expect(scheduler.names()).toEqual(['failing']);
	});

	it('replaces a job scheduled again under the same name', async ({ expect, onTestFinished }) => {
		const { scheduler } = recordingScheduler();
		onTestFinished(() => scheduler.stopAll());
		const counts = { first: 0, second: 0 };
		scheduler.every('job', EVERY_SECOND, 'UTC', async () => {
			counts.first++;
		});
		scheduler.every('job', EVERY_SECOND, 'Europe/Berlin', async () => {
			counts.second++;
		});
		expect(scheduler.names()).toEqual(['job']);
		await vi.waitFor(() => expect(counts.second).toBeGreaterThan(0), { timeout: FIRST_RUN_TIMEOUT_MS });
		expect(counts.first).toBe(0);
	});
});

describe('ManualScheduler', () => {
	it('records jobs and runs one only when fired', async () => {
		const scheduler = new ManualScheduler();
		let runs = 0;
		scheduler.every('digest', dailyCron({ hour: 9, minute: 0 }), 'Asia/Seoul', async () => {
			runs++;
		});
		scheduler.every('weekly', '0 9 * * 1', 'UTC', async () => {});
		expect(scheduler.jobs()).toEqual([
			{ name: 'digest', cron: '0 9 * * *', zone: 'Asia/Seoul' },
			{ name: 'weekly', cron: '0 9 * * 1', zone: 'UTC' },
		]);
		expect(runs).toBe(0);
		await scheduler.fire('digest');
		expect(runs).toBe(1);
	});

	it('replaces, cancels and stops like the real scheduler', async () => {
		const scheduler = new ManualScheduler();
		const ran: string[] = [];
		scheduler.every('a', '* * * * *', 'UTC', async () => {
			ran.push('first');
		});
		scheduler.every('a', '0 * * * *', 'UTC', async () => {
			ran.push('second');
		});
		await scheduler.fire('a');
		expect(ran).toEqual(['second']);
		expect(scheduler.jobs()).toEqual([{ name: 'a', cron: '0 * * * *', zone: 'UTC' }]);

		scheduler.every('b', '* * * * *', 'UTC', async () => {});
		scheduler.cancel('a');
		expect(scheduler.names()).toEqual(['b']);
		scheduler.stopAll();
		expect(scheduler.names()).toEqual([]);
		await expect(scheduler.fire('a')).rejects.toThrow('no job named "a"');
	});

	it("passes a run's error to the test that fired it, and refuses zones the real one refuses", async () => {
		const scheduler = new ManualScheduler();
		scheduler.every('failing', '* * * * *', 'UTC', async () => {
			throw new Error('boom');
		});
		await expect(scheduler.fire('failing')).rejects.toThrow('boom');
		expect(() => scheduler.every('x', '* * * * *', 'KST', async () => {})).toThrow(/not an IANA time zone/);
	});
});
