import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/quiz/question.ts';
import {
	closesAtFor,
	dueDate,
	MISSED_POST_GRACE_MS,
	nextPostAt,
	pickQuestion,
	scheduledAt,
} from '../../src/quiz/schedule.ts';

const SEOUL = { time: '09:00', zone: 'Asia/Seoul' };
const NEW_YORK_0230 = { time: '02:30', zone: 'America/New_York' };
const LONG_AGO = new Date('2020-01-01T00:00:00Z');
const at = (iso: string) => new Date(iso);

describe('dueDate', () => {
	it('is due from the scheduled minute in the server zone, not in UTC', () => {
		expect(dueDate(SEOUL, at('2026-11-30T23:59:00Z'), LONG_AGO)).toBeNull();
		expect(dueDate(SEOUL, at('2026-12-01T00:00:00Z'), LONG_AGO)).toBe('2026-12-01');
		expect(dueDate(SEOUL, at('2026-12-01T00:00:30Z'), LONG_AGO)).toBe('2026-12-01');
	});

	it('counts a timer firing a few seconds early as on time, for the right local date', () => {
		const midnight = { time: '00:00', zone: 'Asia/Seoul' };
		expect(dueDate(midnight, at('2026-11-30T14:59:58Z'), LONG_AGO)).toBe('2026-12-01');
		expect(dueDate(midnight, at('2026-11-30T14:59:50Z'), LONG_AGO)).toBeNull();
	});

	it('makes a missed post within the grace period and skips it after', () => {
		const scheduled = scheduledAt('2026-12-01', SEOUL).getTime();
		expect(dueDate(SEOUL, new Date(scheduled + MISSED_POST_GRACE_MS - 1), LONG_AGO)).toBe('2026-12-01');
		expect(dueDate(SEOUL, new Date(scheduled + MISSED_POST_GRACE_MS), LONG_AGO)).toBeNull();
	});

	it('finds yesterday when the bot comes back after local midnight within the grace period', () => {
		const late = { time: '23:30', zone: 'Asia/Seoul' };
		expect(dueDate(late, at('2026-12-01T15:10:00Z'), LONG_AGO)).toBe('2026-12-01');
	});

	it('does not post for minutes before the schedule was set', () => {
		expect(dueDate(SEOUL, at('2026-12-01T05:00:00Z'), at('2026-12-01T04:00:00Z'))).toBeNull();
		expect(dueDate(SEOUL, at('2026-12-02T00:00:00Z'), at('2026-12-01T04:00:00Z'))).toBe('2026-12-02');
	});

	it('posts on spring-forward day at the first minute after the gap (02:30 → 03:30 EDT)', () => {
		expect(scheduledAt('2026-03-08', NEW_YORK_0230).toISOString()).toBe('2026-03-08T07:30:00.000Z');
		expect(dueDate(NEW_YORK_0230, at('2026-03-08T07:25:00Z'), LONG_AGO)).toBeNull();
		expect(dueDate(NEW_YORK_0230, at('2026-03-08T07:30:00Z'), LONG_AGO)).toBe('2026-03-08');
	});

	it('posts once on fall-back day, at the first of the two 01:30s', () => {
		const oneThirty = { time: '01:30', zone: 'America/New_York' };
		expect(scheduledAt('2026-11-01', oneThirty).toISOString()).toBe('2026-11-01T05:30:00.000Z');
		expect(dueDate(oneThirty, at('2026-11-01T06:30:00Z'), LONG_AGO)).toBe('2026-11-01');
	});
});

describe('closesAtFor and nextPostAt', () => {
	it('closes at the next day’s post, 23 hours later across spring forward', () => {
		const nine = { time: '09:00', zone: 'Europe/Berlin' };
		expect(closesAtFor('2026-03-28', nine).toISOString()).toBe('2026-03-29T07:00:00.000Z');
		expect(closesAtFor('2026-03-28', nine).getTime() - scheduledAt('2026-03-28', nine).getTime()).toBe(23 * 3600_000);
	});

	it('skips dates that already have a post', () => {
		const now = at('2026-12-01T00:30:00Z');
		expect(nextPostAt(SEOUL, now, () => false).toISOString()).toBe('2026-12-02T00:00:00.000Z');
		expect(nextPostAt(SEOUL, at('2026-11-30T23:00:00Z'), (d) => d === '2026-12-01').toISOString()).toBe(
			'2026-12-02T00:00:00.000Z',
		);
	});
});

function question(id: string): Question {
	return {
		id,
		kind: 'term',
		conceptId: `c#${id}`,
		stem: id,
		options: ['a', 'b', 'c', 'd'],
		answer: 0,
		explanation: '',
		source: { file: 'f.md', headingPath: [], line: 1 },
		topic: 't',
	};
}

describe('pickQuestion', () => {
	const pool = ['q1', 'q2', 'q3'].map(question);

	it('never repeats a question until the pool is used up, then starts a new cycle', () => {
		const used: string[] = [];
		for (let day = 1; day <= 3; day++) {
			const pick = pickQuestion(pool, used, `guild:2026-12-0${day}`);
			expect(pick?.newCycle).toBe(false);
			used.push(pick?.question.id ?? '');
		}
		expect([...used].sort()).toEqual(['q1', 'q2', 'q3']);
		const next = pickQuestion(pool, used, 'guild:2026-12-04');
		expect(next?.newCycle).toBe(true);
		expect(next?.question.id).not.toBe(used.at(-1));
	});

	it('is decided by the seed alone', () => {
		expect(pickQuestion(pool, [], 'g:2026-12-01')?.question.id).toBe(
			pickQuestion(pool, [], 'g:2026-12-01')?.question.id,
		);
		expect(pickQuestion([], [], 'x')).toBeNull();
	});
});
