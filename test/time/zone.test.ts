import { describe, expect, it } from 'vitest';
import {
	addDays,
	canonicalTimeZone,
	formatLocalTime,
	formatZoned,
	isLocalTime,
	isValidTimeZone,
	localDateOf,
	localTimeOf,
	monthOf,
	parseLocalTime,
	weekOf,
	zonedInstant,
} from '../../src/time/zone.ts';

/** zonedInstant as an ISO string, for readable expectations. */
function instant(date: string, time: string, zone: string): string {
	const parsed = parseLocalTime(time);
	if (parsed === null) throw new Error(`bad time in test: ${time}`);
	return zonedInstant(date, parsed, zone).toISOString();
}

describe('zonedInstant', () => {
	it('reads a wall time in a zone without DST', () => {
		expect(instant('2026-12-01', '09:00', 'Asia/Seoul')).toBe('2026-12-01T00:00:00.000Z');
		expect(instant('2026-12-01', '00:00', 'Asia/Seoul')).toBe('2026-11-30T15:00:00.000Z');
		expect(instant('2026-12-01', '09:00', 'UTC')).toBe('2026-12-01T09:00:00.000Z');
	});

	it('uses the offset in force on that date', () => {
		expect(instant('2026-01-15', '09:00', 'America/New_York')).toBe('2026-01-15T14:00:00.000Z');
		expect(instant('2026-07-15', '09:00', 'America/New_York')).toBe('2026-07-15T13:00:00.000Z');
	});

	it('moves a wall time in the spring-forward gap past the jump, as Temporal does', () => {
		// New York jumps from 02:00 EST to 03:00 EDT: 02:30 does not exist and becomes 03:30 EDT.
		expect(instant('2026-03-08', '02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
		expect(instant('2026-03-08', '01:59', 'America/New_York')).toBe('2026-03-08T06:59:00.000Z');
		expect(instant('2026-03-08', '03:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
		// Berlin jumps from 02:00 CET to 03:00 CEST.
		expect(instant('2026-03-29', '02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
		expect(instant('2026-03-29', '02:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
	});

	it('takes the earlier instant of a wall time that occurs twice on fall-back day', () => {
		// 01:30 EDT (05:30Z), not 01:30 EST (06:30Z).
		expect(instant('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
		expect(instant('2026-11-01', '02:00', 'America/New_York')).toBe('2026-11-01T07:00:00.000Z');
		// 02:30 CEST (00:30Z), not 02:30 CET (01:30Z).
		expect(instant('2026-10-25', '02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
		expect(instant('2026-10-25', '03:00', 'Europe/Berlin')).toBe('2026-10-25T02:00:00.000Z');
	});

	it('handles half-hour DST in Lord Howe and the +12:45/+13:45 Chatham Islands', () => {
		// Lord Howe: 02:00 +10:30 → 02:30 +11 on 2026-10-04; 02:15 becomes 02:45 +11.
		expect(instant('2026-10-04', '02:15', 'Australia/Lord_Howe')).toBe('2026-10-03T15:45:00.000Z');
		expect(instant('2026-10-04', '02:30', 'Australia/Lord_Howe')).toBe('2026-10-03T15:30:00.000Z');
		// Lord Howe: 02:00 +11 → 01:30 +10:30 on 2026-04-05; 01:45 occurs twice, the earlier is at +11.
		expect(instant('2026-04-05', '01:45', 'Australia/Lord_Howe')).toBe('2026-04-04T14:45:00.000Z');
		expect(instant('2026-04-05', '02:00', 'Australia/Lord_Howe')).toBe('2026-04-04T15:30:00.000Z');
		// Chatham: 02:45 +12:45 → 03:45 +13:45 on 2026-09-27.
		expect(instant('2026-09-27', '02:50', 'Pacific/Chatham')).toBe('2026-09-26T14:05:00.000Z');
		// Chatham: 03:45 +13:45 → 02:45 +12:45 on 2026-04-05; the earlier 02:50 is at +13:45.
		expect(instant('2026-04-05', '02:50', 'Pacific/Chatham')).toBe('2026-04-04T13:05:00.000Z');
	});

	it('handles odd offsets and both sides of the date line', () => {
		expect(instant('2026-12-01', '09:00', 'Asia/Kathmandu')).toBe('2026-12-01T03:15:00.000Z');
		expect(instant('2026-12-01', '00:00', 'Pacific/Kiritimati')).toBe('2026-11-30T10:00:00.000Z');
		expect(instant('2026-12-01', '23:00', 'Pacific/Pago_Pago')).toBe('2026-12-02T10:00:00.000Z');
	});

	it('carries a day that a zone skipped entirely forward by that day', () => {
		// Samoa moved across the date line: 2011-12-29 23:59 −10 was followed by 2011-12-31 00:00 +14.
		expect(instant('2011-12-30', '12:00', 'Pacific/Apia')).toBe('2011-12-30T22:00:00.000Z');
	});

	it('refuses dates, times and zones that do not exist', () => {
		expect(() => zonedInstant('2026-02-29', { hour: 9, minute: 0 }, 'UTC')).toThrow(RangeError);
		expect(() => zonedInstant('2026-2-1', { hour: 9, minute: 0 }, 'UTC')).toThrow(RangeError);
		expect(() => zonedInstant('2026-12-01', { hour: 24, minute: 0 }, 'UTC')).toThrow(RangeError);
		expect(() => zonedInstant('2026-12-01', { hour: 9, minute: 0 }, 'Mars/Base')).toThrow(RangeError);
		expect(() => zonedInstant('2026-12-01', { hour: 9, minute: 0 }, '+09:00')).toThrow(RangeError);
	});
});

describe('localDateOf and localTimeOf', () => {
	it('read the wall clock near midnight in Seoul', () => {
		expect(localDateOf(new Date('2026-12-31T14:59:00Z'), 'Asia/Seoul')).toBe('2026-12-31');
		expect(localDateOf(new Date('2026-12-31T15:00:00Z'), 'Asia/Seoul')).toBe('2027-01-01');
		expect(localTimeOf(new Date('2026-12-31T15:00:00Z'), 'Asia/Seoul')).toEqual({ hour: 0, minute: 0 });
		expect(localTimeOf(new Date('2026-12-31T14:59:59.999Z'), 'Asia/Seoul')).toEqual({ hour: 23, minute: 59 });
	});

	it('put one instant on different dates on either side of the date line', () => {
		const moment = new Date('2026-12-01T10:30:00Z');
		expect(localDateOf(moment, 'Pacific/Kiritimati')).toBe('2026-12-02');
		expect(localTimeOf(moment, 'Pacific/Kiritimati')).toEqual({ hour: 0, minute: 30 });
		expect(localDateOf(moment, 'Pacific/Pago_Pago')).toBe('2026-11-30');
		expect(localTimeOf(moment, 'Pacific/Pago_Pago')).toEqual({ hour: 23, minute: 30 });
	});

	it('show 00:xx, never 24:xx, just after midnight', () => {
		expect(localTimeOf(new Date('2026-12-01T00:05:00Z'), 'UTC')).toEqual({ hour: 0, minute: 5 });
	});

	it('read a repeated hour by its offset', () => {
		expect(localTimeOf(new Date('2026-11-01T05:30:00Z'), 'America/New_York')).toEqual({ hour: 1, minute: 30 });
		expect(localTimeOf(new Date('2026-11-01T06:30:00Z'), 'America/New_York')).toEqual({ hour: 1, minute: 30 });
		expect(localTimeOf(new Date('2026-03-08T07:00:00Z'), 'America/New_York')).toEqual({ hour: 3, minute: 0 });
	});

	it('read Kathmandu at +05:45', () => {
		expect(localTimeOf(new Date('2026-12-01T18:14:00Z'), 'Asia/Kathmandu')).toEqual({ hour: 23, minute: 59 });
		expect(localDateOf(new Date('2026-12-01T18:15:00Z'), 'Asia/Kathmandu')).toBe('2026-12-02');
	});

	it('refuse an invalid instant', () => {
		expect(() => localDateOf(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
	});
});

describe('formatZoned', () => {
	it('writes the wall time with its zone', () => {
		expect(formatZoned(new Date('2026-12-01T00:00:00Z'), 'Asia/Seoul')).toBe('2026-12-01 09:00 (Asia/Seoul)');
		expect(formatZoned(new Date('2026-11-01T06:30:00Z'), 'America/New_York')).toBe(
			'2026-11-01 01:30 (America/New_York)',
		);
	});
});

describe('addDays', () => {
	it('crosses month and year ends', () => {
		expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(addDays('2026-12-01', 0)).toBe('2026-12-01');
		expect(addDays('2026-12-01', 365)).toBe('2027-12-01');
	});

	it('knows leap years', () => {
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2028-02-29', 1)).toBe('2028-03-01');
		expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
		expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
	});

	it('is not fooled by DST: a calendar day is a day', () => {
		expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
		expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
	});

	it('refuses malformed dates and fractional days', () => {
		expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
		expect(() => addDays('2026-04-31', 1)).toThrow(RangeError);
		expect(() => addDays('20261201', 1)).toThrow(RangeError);
		expect(() => addDays('2026-12-01', 0.5)).toThrow(RangeError);
	});
});

describe('weekOf and monthOf', () => {
	it('give ISO weeks, which belong to the year of their Thursday', () => {
		expect(weekOf('2026-12-31')).toBe('2026-W53');
		expect(weekOf('2027-01-01')).toBe('2026-W53');
		expect(weekOf('2027-01-03')).toBe('2026-W53');
		expect(weekOf('2027-01-04')).toBe('2027-W01');
		expect(weekOf('2021-01-03')).toBe('2020-W53');
		expect(weekOf('2021-01-04')).toBe('2021-W01');
		expect(weekOf('2024-12-30')).toBe('2025-W01');
		expect(weekOf('2024-12-29')).toBe('2024-W52');
	});

	it('start weeks on Monday', () => {
		expect(weekOf('2026-11-30')).toBe('2026-W49');
		expect(weekOf('2026-12-06')).toBe('2026-W49');
		expect(weekOf('2026-12-07')).toBe('2026-W50');
	});

	it('give the month', () => {
		expect(monthOf('2026-12-31')).toBe('2026-12');
		expect(monthOf('2027-01-01')).toBe('2027-01');
		expect(() => monthOf('2026-12')).toThrow(RangeError);
	});
});

describe('parseLocalTime and formatLocalTime', () => {
	it('read HH:MM and H:MM on a 24-hour clock', () => {
		expect(parseLocalTime('09:00')).toEqual({ hour: 9, minute: 0 });
		expect(parseLocalTime('9:00')).toEqual({ hour: 9, minute: 0 });
		expect(parseLocalTime('00:00')).toEqual({ hour: 0, minute: 0 });
		expect(parseLocalTime('23:59')).toEqual({ hour: 23, minute: 59 });
	});

	it('refuse anything else', () => {
		const refused = ['24:00', '9:5', '09:60', ' 9:00x', ' 9:00', '9:00 ', '', '09', '0900', '009:00', '-1:00', '9.00'];
		for (const text of refused) expect(parseLocalTime(text), text).toBeNull();
	});

	it('write zero-padded times that read back', () => {
		expect(formatLocalTime({ hour: 9, minute: 0 })).toBe('09:00');
		expect(formatLocalTime({ hour: 23, minute: 5 })).toBe('23:05');
		expect(parseLocalTime(formatLocalTime({ hour: 7, minute: 30 }))).toEqual({ hour: 7, minute: 30 });
		expect(() => formatLocalTime({ hour: 9.5, minute: 0 })).toThrow(RangeError);
	});

	it('tell real times of day apart', () => {
		expect(isLocalTime({ hour: 23, minute: 59 })).toBe(true);
		expect(isLocalTime({ hour: 24, minute: 0 })).toBe(false);
		expect(isLocalTime({ hour: 0, minute: -1 })).toBe(false);
	});
});

describe('isValidTimeZone and canonicalTimeZone', () => {
	it('accept IANA names', () => {
		for (const zone of ['Asia/Seoul', 'UTC', 'America/New_York', 'Australia/Lord_Howe', 'Etc/GMT+9', 'asia/seoul'])
			expect(isValidTimeZone(zone), zone).toBe(true);
	});

	it('refuse abbreviations, offsets, unknown and empty names', () => {
		for (const zone of ['', 'KST', 'Mars/Base', '+09:00', 'UTC+9', 'Asia/Seoul ', '/Asia/Seoul', 'Asia//Seoul'])
			expect(isValidTimeZone(zone), zone).toBe(false);
	});

	it('correct the casing', () => {
		expect(canonicalTimeZone('asia/seoul')).toBe('Asia/Seoul');
		expect(canonicalTimeZone('AMERICA/NEW_YORK')).toBe('America/New_York');
		expect(canonicalTimeZone('utc')).toBe('UTC');
		expect(canonicalTimeZone('Asia/Seoul')).toBe('Asia/Seoul');
		expect(canonicalTimeZone('KST')).toBeNull();
	});

	it('keep a correctly cased alias rather than take the legacy id ICU uses', () => {
		expect(canonicalTimeZone('Asia/Kathmandu')).toBe('Asia/Kathmandu');
		expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
		expect(canonicalTimeZone('Europe/Kyiv')).toBe('Europe/Kyiv');
		const miscased = canonicalTimeZone('asia/kathmandu');
		expect(miscased === null ? null : zonedInstant('2026-12-01', { hour: 9, minute: 0 }, miscased)).toEqual(
			new Date('2026-12-01T03:15:00Z'),
		);
	});
});
