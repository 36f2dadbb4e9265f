/** 'YYYY-MM-DD' local calendar date. */
export type LocalDate = string;

/** A wall-clock time of day, 24-hour: hour 0–23, minute 0–59. */
export interface LocalTime {
	readonly hour: number;
	readonly minute: number;
}

const DAY_MS = 86_400_000;

/**
 * The shape of an IANA zone name ('Asia/Seoul', 'UTC', 'Etc/GMT+9', 'EST5EDT'). Checked before Intl because newer
 * JavaScript engines also accept offsets such as '+09:00', which are not zones: they never follow a region's DST.
 */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^(\d{1,2}):(\d{2})$/;

/** Keyed by the lower-cased zone name, as Intl looks zones up case-insensitively; only zones Intl accepted are kept. */
const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** The formatter that reads an instant as wall-clock parts in `zone`; throws RangeError unless it is an IANA zone. */
function partsFormatter(zone: string): Intl.DateTimeFormat {
	if (!IANA_NAME.test(zone)) throw new RangeError(`not an IANA time zone: ${JSON.stringify(zone)}`);
	const key = zone.toLowerCase();
	let formatter = partsFormatters.get(key);
	if (formatter === undefined) {
		// hourCycle 'h23', not hour12: false, which some ICU versions render as '24' at midnight.
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23',
		});
		partsFormatters.set(key, formatter);
	}
	return formatter;
}

interface WallParts {
	readonly year: number;
	readonly month: number;
	readonly day: number;
	readonly hour: number;
	readonly minute: number;
	readonly second: number;
}

function wallParts(instant: Date, zone: string): WallParts {
	if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
	const values: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
	for (const part of partsFormatter(zone).formatToParts(instant))
		if (part.type !== 'literal') values[part.type] = Number(part.value);
	return {
		year: values.year ?? Number.NaN,
		month: values.month ?? Number.NaN,
		day: values.day ?? Number.NaN,
		hour: values.hour ?? Number.NaN,
		minute: values.minute ?? Number.NaN,
		second: values.second ?? Number.NaN,
	};
}

/** The wall clock's reading written as if it were UTC, so wall times can be compared and subtracted as plain numbers. */
function wallMs(parts: WallParts): number {
	const date = new Date(0);
	date.setUTCFullYear(parts.year, parts.month - 1, parts.day);
	date.setUTCHours(parts.hour, parts.minute, parts.second, 0);
	return date.getTime();
}

/** How far the wall clock in `zone` is ahead of UTC at `epochMs` (negative west of Greenwich). */
function offsetMs(epochMs: number, zone: string): number {
	const wholeSecondMs = Math.floor(epochMs / 1000) * 1000;
	return wallMs(wallParts(new Date(wholeSecondMs), zone)) - wholeSecondMs;
}

function pad(value: number, width: number): string {
	return String(value).padStart(width, '0');
}

function formatDate(year: number, month: number, day: number): LocalDate {
	return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Splits a LocalDate; throws RangeError unless it is a real calendar day written 'YYYY-MM-DD'. */
function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } {
	const match = LOCAL_DATE.exec(date);
	if (match !== null) {
		const year = Number(match[1]);
		const month = Number(match[2]);
		const day = Number(match[3]);
		const probe = new Date(0);
		probe.setUTCFullYear(year, month - 1, day);
		if (probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day)
			return { year, month, day };
	}
	throw new RangeError(`not a calendar date 'YYYY-MM-DD': ${JSON.stringify(date)}`);
}

/** True if `time` is a real time of day: whole hours 0–23 and whole minutes 0–59. */
export function isLocalTime(time: LocalTime): boolean {
	return (
		Number.isInteger(time.hour) &&
		Number.isInteger(time.minute) &&
		time.hour >= 0 &&
		time.hour <= 23 &&
		time.minute >= 0 &&
		time.minute <= 59
	);
}

function assertLocalTime(time: LocalTime): void {
	if (!isLocalTime(time)) throw new RangeError(`not a time of day: ${JSON.stringify(time)}`);
}

/**
 * The name to store and show for `zone`, or null if it is not an IANA zone Intl knows.
 * Casing is corrected ('asia/seoul' → 'Asia/Seoul'). A correctly cased alias is kept as given, because ICU would
 * rename it to its legacy id ('Asia/Kathmandu' → 'Asia/Katmandu', 'Asia/Kolkata' → 'Asia/Calcutta'); an alias that is
 * miscased, whose proper casing ICU cannot tell us, becomes ICU's id for the same zone.
 */
export function canonicalTimeZone(zone: string): string | null {
	let resolved: string;
	try {
		resolved = partsFormatter(zone).resolvedOptions().timeZone;
	} catch {
		return null;
	}
	if (resolved.toLowerCase() === zone.toLowerCase()) return resolved;
	const casedLikeIana = zone.split('/').every((segment) => /^[A-Z]/.test(segment));
	return casedLikeIana ? zone : resolved;
}

/** True for IANA zone names Intl knows ('Asia/Seoul', 'UTC'), in any casing; false for abbreviations and offsets. */
export function isValidTimeZone(zone: string): boolean {
	return canonicalTimeZone(zone) !== null;
}

/** Reads 'HH:MM' or 'H:MM' on a 24-hour clock; null for anything else, including surrounding spaces. */
export function parseLocalTime(text: string): LocalTime | null {
	const match = LOCAL_TIME.exec(text);
	if (match === null) return null;
	const hour = Number(match[1]);
	const minute = Number(match[2]);
	if (hour > 23 || minute > 59) return null;
	return { hour, minute };
}

/** 'HH:MM', zero-padded: the form parseLocalTime reads back. */
export function formatLocalTime(time: LocalTime): string {
	assertLocalTime(time);
	return `${pad(time.hour, 2)}:${pad(time.minute, 2)}`;
}

/** The calendar date a wall clock in `zone` shows at `instant`. */
export function localDateOf(instant: Date, zone: string): LocalDate {
	const parts = wallParts(instant, zone);
	return formatDate(parts.year, parts.month, parts.day);
}

/** The time of day (to the minute, seconds dropped) a wall clock in `zone` shows at `instant`. */
export function localTimeOf(instant: Date, zone: string): LocalTime {
	const parts = wallParts(instant, zone);
	return { hour: parts.hour, minute: parts.minute };
}

/** The calendar date `days` later (earlier when negative); pure calendar arithmetic, no zone involved. */
export function addDays(date: LocalDate, days: number): LocalDate {
	if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
	const { year, month, day } = parseLocalDate(date);
	const shifted = new Date(0);
	shifted.setUTCFullYear(year, month - 1, day + days);
	return formatDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/**
 * The instant when the wall clock in `zone` shows `time` on `date`. In a spring-forward gap, the instant the wall
 * clock jumps over it maps to the same offset shift as Temporal's 'compatible' disambiguation (02:30 that does not
 * exist → 03:30); in a fall-back overlap, the earlier instant.
 */
export function zonedInstant(date: LocalDate, time: LocalTime, zone: string): Date {
	assertLocalTime(time);
	const { year, month, day } = parseLocalDate(date);
	const wall = wallMs({ year, month, day, hour: time.hour, minute: time.minute, second: 0 });
	// As in Temporal: the offsets a day either side bracket any transition near the wall time, and no zone has
	// changed its offset twice within two days.
	const offsetBefore = offsetMs(wall - DAY_MS, zone);
	const offsetAfter = offsetMs(wall + DAY_MS, zone);
	const candidates = [wall - offsetBefore, wall - offsetAfter]
		.filter((epochMs) => epochMs + offsetMs(epochMs, zone) === wall)
		.sort((a, b) => a - b);
	// No candidate: the wall time is in a gap. Reading it with the offset in force before the gap lands as far past
	// the jump as the wall time was past the gap's start, which is Temporal's 'compatible' choice.
	return new Date(candidates[0] ?? wall - offsetBefore);
}

/** ISO 8601 week id 'YYYY-Www': weeks start on Monday, and belong to the year that holds their Thursday. */
export function weekOf(date: LocalDate): string {
	const { year, month, day } = parseLocalDate(date);
	const thursday = new Date(0);
	thursday.setUTCFullYear(year, month - 1, day);
	const isoWeekday = thursday.getUTCDay() === 0 ? 7 : thursday.getUTCDay();
	thursday.setUTCDate(thursday.getUTCDate() + 4 - isoWeekday);
	const weekYear = thursday.getUTCFullYear();
	const januaryFirst = new Date(0);
	januaryFirst.setUTCFullYear(weekYear, 0, 1);
	const dayOfYear = Math.round((thursday.getTime() - januaryFirst.getTime()) / DAY_MS);
	return `${pad(weekYear, 4)}-W${pad(Math.floor(dayOfYear / 7) + 1, 2)}`;
}

/** 'YYYY-MM' of a calendar date. */
export function monthOf(date: LocalDate): string {
	const { year, month } = parseLocalDate(date);
	return `${pad(year, 4)}-${pad(month, 2)}`;
}

/** Human text for a zoned instant, e.g. '2026-12-01 09:00 (Asia/Seoul)'. */
export function formatZoned(instant: Date, zone: string): string {
	const parts = wallParts(instant, zone);
	const time = formatLocalTime({ hour: parts.hour, minute: parts.minute });
	return `${formatDate(parts.year, parts.month, parts.day)} ${time} (${zone})`;
}
