import { Writable } from 'node:stream';
import { REST } from 'discord.js';
import Keyv from 'keyv';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import type { Context } from '../../src/context.ts';
import type { Library } from '../../src/library.ts';
import { LiveLibrary } from '../../src/notes/live.ts';
import { DailyService } from '../../src/quiz/daily.ts';
import { ReviewStore } from '../../src/review/store.ts';
import { ScoreStore } from '../../src/scores/store.ts';
import { GroupCommitter } from '../../src/store/commit.ts';
import type { StoreLock } from '../../src/store/lock.ts';
import type { Clock } from '../../src/time/clock.ts';
import { ManualScheduler } from './manual-scheduler.ts';

/** A clock that stays where a test puts it. */
export class ManualClock implements Clock {
	constructor(private current: Date) {}
	now(): Date {
		return new Date(this.current);
	}
	set(date: Date): void {
		this.current = new Date(date);
	}
	advance(ms: number): void {
		this.current = new Date(this.current.getTime() + ms);
	}
}

export interface TestContextOptions {
	/** Discord REST for the daily quiz's own posts; point it at a FakeDiscord. Default: a client with no token. */
	readonly rest?: REST;
	/** Default: an in-memory Keyv (the real implementation, without a file). */
	readonly store?: Keyv;
	/** The lock of the opened store (`OpenStore.lock`); default: within this process. */
	readonly lock?: StoreLock;
	readonly now?: Date;
	readonly owns?: (guildId: string) => boolean;
}

export interface TestContext {
	readonly ctx: Context;
	readonly logs: Record<string, unknown>[];
	readonly clock: ManualClock;
	readonly scheduler: ManualScheduler;
}

/**
 * A Context for handler tests, wired like `main.ts`: the given library (or live notes, which the test reloads), a
 * manual clock and scheduler, a real pino logger writing JSON lines into `logs`, and the real daily service and score
 * store on the given store.
 */
export function testContext(library: Library | LiveLibrary, options: TestContextOptions = {}): TestContext {
	const logs: Record<string, unknown>[] = [];
	const sink = new Writable({
		write(chunk, _encoding, done) {
			for (const line of String(chunk).split('\n'))
				if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
			done();
		},
	});
	const clock = new ManualClock(options.now ?? new Date('2026-11-30T00:00:00Z'));
	const scheduler = new ManualScheduler();
	const store = options.store ?? new Keyv();
	const logger = pino({ level: 'debug' }, sink);
	const config = loadConfig({}, { requireToken: false });
	const notes =
		library instanceof LiveLibrary ? library : new LiveLibrary(library, { notesDir: config.notesDir, clock, logger });
	const committer = new GroupCommitter(store, options.lock);
	const scores = new ScoreStore(store, committer);
	const review = new ReviewStore(store, committer);
	const daily = new DailyService({
		store,
		committer,
		scores,
		clock,
		logger,
		rest: options.rest ?? new REST(),
		scheduler,
		questions: () => notes.current().questions,
		review,
		termOf: (conceptId) => notes.current().index.get(conceptId)?.title ?? conceptId,
		owns: options.owns ?? (() => true),
	});
	const ctx: Context = {
		config,
		get library() {
			return notes.current();
		},
		notes,
		clock,
		logger,
		store,
		scheduler,
		daily,
		scores,
		review,
	};
	return { ctx, logs, clock, scheduler };
}
