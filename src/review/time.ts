const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * How far away `ms` from now is, in words of `locale` (`in 3 days`, `3일 후`, `tomorrow`, `내일`): whole days from a
 * day on, else whole hours, else whole minutes (at least one). `now` names a moment that has come.
 */
export function relativeTime(locale: string, ms: number, now: string): string {
	if (ms <= 0) return now;
	const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
	if (ms >= DAY_MS) return format.format(Math.round(ms / DAY_MS), 'day');
	if (ms >= HOUR_MS) return format.format(Math.round(ms / HOUR_MS), 'hour');
	return format.format(Math.max(1, Math.round(ms / MINUTE_MS)), 'minute');
}

/** Discord's timestamp markup, shown in the reader's own zone and language (`<t:1764633600:f>`). */
export function discordTime(at: Date, style: 'f' | 'R' | 'D' = 'f'): string {
	return `<t:${Math.floor(at.getTime() / 1000)}:${style}>`;
}
