import { describe, expect, it } from 'vitest';
import { readableLine, redactInteractionTokens, throttled } from '../src/log.ts';

describe('readableLine', () => {
	it('renders time, level, message and fields on one line', () => {
		const line = JSON.stringify({
			level: 30,
			time: Date.UTC(2026, 10, 30, 9, 5, 7),
			msg: 'notes indexed',
			concepts: 25,
			notesDir: '/srv/my notes',
		});
		expect(readableLine(line)).toBe('09:05:07 INFO  notes indexed concepts=25 notesDir="/srv/my notes"');
	});

	it('shows an error by its type and message', () => {
		const line = JSON.stringify({
			level: 50,
			time: 0,
			msg: 'interaction failed',
			errorId: 'ab12cd34',
			err: { type: 'TypeError', message: 'x is undefined', stack: '…' },
		});
		expect(readableLine(line)).toBe(
			'00:00:00 ERROR interaction failed errorId=ab12cd34 err="TypeError: x is undefined"',
		);
	});
});

describe('redactInteractionTokens', () => {
	it('cuts interaction tokens out of callback and webhook URLs, keeping the ids', () => {
		expect(
			redactInteractionTokens(
				'POST http://127.0.0.1:1/api/v10/interactions/123/aW50ZXJhY3Rpb246MTIz.abc/callback and /webhooks/456/tok_en-1/messages/@original?wait=true',
			),
		).toBe(
			'POST http://127.0.0.1:1/api/v10/interactions/123/[redacted]/callback and /webhooks/456/[redacted]/messages/@original?wait=true',
		);
	});
});

describe('throttled', () => {
	it('passes the first failure at once, then one per interval with the count left out', () => {
		let now = 0;
		const emitted: [string, number][] = [];
		const log = throttled<string>(
			60_000,
			() => now,
			(value, suppressed) => emitted.push([value, suppressed]),
		);
		log('a');
		now = 2_000;
		log('b');
		now = 4_000;
		log('c');
		now = 61_000;
		log('d');
		now = 62_000;
		log('e');
		expect(emitted).toEqual([
			['a', 0],
			['d', 2],
		]);
	});
});
