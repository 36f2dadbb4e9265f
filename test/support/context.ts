import { Writable } from 'node:stream';
import Keyv from 'keyv';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import type { Context } from '../../src/context.ts';
import type { Library } from '../../src/library.ts';
import type { Clock } from '../../src/time/clock.ts';

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

/** A Context for handler tests: the given library, a manual clock, and a real pino logger writing JSON lines into `logs`. */
export function testContext(library: Library): { ctx: Context; logs: Record<string, unknown>[] } {
	// An in-memory Keyv: the real store implementation, without a file.
	const logs: Record<string, unknown>[] = [];
	const sink = new Writable({
		write(chunk, _encoding, done) {
			for (const line of String(chunk).split('\n'))
				if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
			done();
		},
	});
	const ctx: Context = {
		config: loadConfig({}, { requireToken: false }),
		library,
		clock: new ManualClock(new Date('2026-11-30T00:00:00Z')),
		logger: pino({ level: 'debug' }, sink),
		store: new Keyv(),
	};
	return { ctx, logs };
}
