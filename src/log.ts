import pino, { type Logger } from 'pino';
import type { LogLevel } from './config.ts';

/** Structured JSON logs on stdout; secrets are redacted by key wherever they appear. */
export function createLogger(level: LogLevel): Logger {
	return pino({
		level,
		base: undefined,
		redact: {
			paths: ['token', '*.token', 'discordToken', '*.discordToken', 'headers.authorization'],
			censor: '[redacted]',
		},
	});
}
