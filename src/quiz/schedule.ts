import { fnv1a32 } from '../hash.ts';
import { addDays, type LocalDate, localDateOf, parseLocalTime, zonedInstant } from '../time/zone.ts';
import type { Question } from './question.ts';

/**
 * A post missed while the bot was down is still made when the bot is back within this long after its scheduled
 * minute; later than that the day is skipped, so nobody gets a "daily" question in the middle of the night.
 */
export const MISSED_POST_GRACE_MS = 6 * 60 * 60 * 1000;

/** Timers may fire a little before the minute they were set for; a run this early still counts as on time. */
export const EARLY_RUN_TOLERANCE_MS = 5_000;

export interface ScheduleTime {
	readonly time: string;
	readonly zone: string;
}

/** The instant of the scheduled post on a local date (DST gaps and overlaps resolved as in `zonedInstant`). */
export function scheduledAt(date: LocalDate, schedule: ScheduleTime): Date {
	const time = parseLocalTime(schedule.time);
	if (time === null) throw new Error(`daily: stored time "${schedule.time}" is not HH:MM`);
	return zonedInstant(date, time, schedule.zone);
}

/** A post stays open until the next day's scheduled post. */
export function closesAtFor(date: LocalDate, schedule: ScheduleTime): Date {
	return scheduledAt(addDays(date, 1), schedule);
}

/**
 * The local date whose post should be made at `now`: the latest date whose scheduled minute has come (allowing
 * for timers firing slightly early) and is less than the grace period ago; null when no post is due.
 * Minutes before `since` (when the schedule was set) never count: setting up at 14:00 for 09:00 starts tomorrow.
 */
export function dueDate(schedule: ScheduleTime, now: Date, since: Date): LocalDate | null {
	const today = localDateOf(now, schedule.zone);
	for (const date of [addDays(today, 1), today, addDays(today, -1)]) {
		const at = scheduledAt(date, schedule).getTime();
		if (at < since.getTime()) continue;
		if (at - EARLY_RUN_TOLERANCE_MS <= now.getTime() && now.getTime() < at + MISSED_POST_GRACE_MS) return date;
	}
	return null;
}

/** The next scheduled post strictly after `now`, skipping dates that already have a post. */
export function nextPostAt(schedule: ScheduleTime, now: Date, hasPost: (date: LocalDate) => boolean): Date {
	let date = addDays(localDateOf(now, schedule.zone), -1);
	for (;;) {
		const at = scheduledAt(date, schedule);
		if (at.getTime() > now.getTime() && !hasPost(date)) return at;
		date = addDays(date, 1);
	}
}

/**
 * Today's question for a server: one not used in the current cycle, chosen by a seed (server and date) so the
 * choice does not depend on timing. When every question was used, a new cycle starts (avoiding the last one).
 */
export function pickQuestion(
	questions: readonly Question[],
	used: readonly string[],
	seed: string,
): { question: Question; newCycle: boolean } | null {
	if (questions.length === 0) return null;
	const usedSet = new Set(used);
	let candidates = questions.filter((question) => !usedSet.has(question.id));
	let newCycle = false;
	if (candidates.length === 0) {
		newCycle = true;
		const last = used.at(-1);
		candidates = questions.length > 1 ? questions.filter((question) => question.id !== last) : [...questions];
	}
	const question = candidates[fnv1a32(seed) % candidates.length];
	return question === undefined ? null : { question, newCycle };
}
