import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import type { LogLevel } from './config.ts';

const LEVEL_NAMES: Readonly<Record<number, string>> = {
	10: 'TRACE',
	20: 'DEBUG',
	30: 'INFO',
	40: 'WARN',
	50: 'ERROR',
	60: 'FATAL',
};

function formatValue(value: unknown): string {
	if (typeof value === 'string') return /[\s="]/.test(value) ? JSON.stringify(value) : value;
	if (value !== null && typeof value === 'object' && 'message' in value) {
		const error = value as { type?: string; message: unknown };
		return JSON.stringify(`${error.type ?? 'Error'}: ${String(error.message)}`);
	}
	return JSON.stringify(value);
}

/** Turns one pino JSON line into `HH:MM:SS LEVEL message key=value …`, for people reading a terminal. */
export function readableLine(json: string): string {
	const { time, level, msg, ...fields } = JSON.parse(json) as Record<string, unknown>;
	const clock = typeof time === 'number' ? new Date(time).toISOString().slice(11, 19) : '--:--:--';
	const name = (LEVEL_NAMES[Number(level)] ?? String(level)).padEnd(5);
	const pairs = Object.entries(fields).map(([key, value]) => `${key}=${formatValue(value)}`);
	return [clock, name, String(msg ?? ''), ...pairs].join(' ').trimEnd();
}

/** Interaction tokens in request URLs: each lets anyone answer as the bot for 15 minutes. */
const INTERACTION_TOKEN_IN_URL = /\/(interactions\/\d+|webhooks\/\d+)\/[^/?\s]+/g;

/** Logs errors as pino does, with interaction tokens cut out of the URLs that discord.js puts on its errors. */
function serializeError(error: unknown): unknown {
	const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
	if (typeof serialized.url === 'string') serialized.url = redactInteractionTokens(serialized.url);
	if (typeof serialized.message === 'string') serialized.message = redactInteractionTokens(serialized.message);
	if (typeof serialized.stack === 'string') serialized.stack = redactInteractionTokens(serialized.stack);
	return serialized;
}

export function redactInteractionTokens(text: string): string {
	return text.replace(INTERACTION_TOKEN_IN_URL, '/$1/[redacted]');
}

/**
 * Structured logs: JSON lines on stdout (for log collectors), or one readable line per event when `readable`
 * (a terminal in development). Secrets are redacted by key wherever they appear, and interaction tokens in URLs.
 */
export function createLogger(level: LogLevel, options: { readable: boolean }): Logger {
	const settings = {
		level,
		base: undefined,
		serializers: { err: serializeError },
		redact: {
			paths: ['token', '*.token', 'discordToken', '*.discordToken', 'headers.authorization'],
			censor: '[redacted]',
		},
	};
	if (!options.readable) return pino(settings);
	const terminal = new Writable({
		write(chunk, _encoding, done) {
			for (const line of String(chunk).split('\n')) if (line !== '') process.stdout.write(`${readableLine(line)}\n`);
			done();
		},
	});
	return pino(settings, terminal);
}

/**
 * For failures that repeat while something is down (a store retrying every 2 s): passes the first on at once, then at
 * most one per `intervalMs`, with how many were left out since the last one. `nowMs` is a monotonic clock.
 */
export function throttled<T>(
	intervalMs: number,
	nowMs: () => number,
	emit: (value: T, suppressed: number) => void,
): (value: T) => void {
	let lastMs = Number.NEGATIVE_INFINITY;
	let suppressed = 0;
	return (value) => {
		const now = nowMs();
		if (now - lastMs < intervalMs) {
			suppressed += 1;
			return;
		}
		emit(value, suppressed);
		suppressed = 0;
		lastMs = now;
	};
}
