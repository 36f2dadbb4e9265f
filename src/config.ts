import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_FILE_BYTES } from './notes/load.ts';

/** The project folder; relative paths in the configuration are resolved against it, so the bot behaves the same from any working directory. */
export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Validated, frozen configuration of one bot process. */
export interface Config {
	/** Bot token (`DISCORD_TOKEN`). Never logged. Empty for offline tools such as the CLI. */
	readonly discordToken: string;
	/** Application id (`DISCORD_APPLICATION_ID`); null: taken from the gateway's READY. */
	readonly applicationId: string | null;
	/** Register commands in this guild only (`DISCORD_GUILD_ID`), for development; null: global commands. */
	readonly guildId: string | null;
	/** REST base handed to discord.js as `rest.api` (`DISCORD_API_URL`); null: Discord's own. */
	readonly apiUrl: string | null;
	/** Absolute path of the notes folder (`NOTES_DIR`, default `data/notes`). */
	readonly notesDir: string;
	/** Note files larger than this are skipped with a warning (`NOTES_MAX_FILE_BYTES`, default 1 MiB). */
	readonly notesMaxFileBytes: number;
	/** Where scores live (`STORE_URL`, default `sqlite://data/study.sqlite`). */
	readonly storeUrl: string;
	/** pino level (`LOG_LEVEL`, default `info`). */
	readonly logLevel: LogLevel;
}

/** The environment is wrong; the message lists every wrong variable, one per line. */
export class ConfigError extends Error {
	override readonly name = 'ConfigError';
	constructor(readonly problems: readonly string[]) {
		super(
			`config: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
		);
	}
}

const SNOWFLAKE = /^\d{17,20}$/;
const TOKEN_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

export interface ConfigOptions {
	/** The bot needs a token; offline tools do not. */
	readonly requireToken: boolean;
}

/** Reads and validates the configuration from environment variables (already merged with `.env` by the caller). */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, options: ConfigOptions): Config {
	const problems: string[] = [];
	const value = (name: string): string | undefined => {
		const raw = env[name]?.trim();
		return raw === undefined || raw === '' ? undefined : raw;
	};

	const discordToken = value('DISCORD_TOKEN') ?? '';
	if (options.requireToken && discordToken === '') {
		problems.push('DISCORD_TOKEN is required: the bot token from the Discord developer portal (Bot → Reset Token)');
	} else if (discordToken !== '' && !TOKEN_SHAPE.test(discordToken)) {
		problems.push(
			'DISCORD_TOKEN does not look like a bot token (three dot-separated parts); check for quotes or a "Bot " prefix',
		);
	}

	const snowflake = (name: string): string | null => {
		const raw = value(name);
		if (raw === undefined) return null;
		if (!SNOWFLAKE.test(raw)) {
			problems.push(`${name} must be a Discord id (17 to 20 digits), got "${raw}"`);
			return null;
		}
		return raw;
	};
	const applicationId = snowflake('DISCORD_APPLICATION_ID');
	const guildId = snowflake('DISCORD_GUILD_ID');

	let apiUrl: string | null = null;
	const rawApiUrl = value('DISCORD_API_URL');
	if (rawApiUrl !== undefined) {
		if (!URL.canParse(rawApiUrl) || !/^https?:$/.test(new URL(rawApiUrl).protocol)) {
			problems.push(`DISCORD_API_URL must be an http(s) URL such as http://127.0.0.1:5000/api, got "${rawApiUrl}"`);
		} else {
			apiUrl = rawApiUrl.replace(/\/+$/, '');
		}
	}

	const notesDir = path.resolve(PROJECT_DIR, value('NOTES_DIR') ?? 'data/notes');

	let notesMaxFileBytes = DEFAULT_MAX_FILE_BYTES;
	const rawMax = value('NOTES_MAX_FILE_BYTES');
	if (rawMax !== undefined) {
		if (!/^\d+$/.test(rawMax) || Number(rawMax) < 1) {
			problems.push(`NOTES_MAX_FILE_BYTES must be a positive whole number of bytes, got "${rawMax}"`);
		} else {
			notesMaxFileBytes = Number(rawMax);
		}
	}

	const storeUrl = value('STORE_URL') ?? 'sqlite://data/study.sqlite';
	if (!/^(sqlite|redis|rediss|postgres|postgresql|memory):\/\//.test(storeUrl)) {
		problems.push(`STORE_URL must start with sqlite://, redis://, postgres:// or memory://, got "${storeUrl}"`);
	}

	const rawLevel = value('LOG_LEVEL')?.toLowerCase() ?? 'info';
	const logLevel = LOG_LEVELS.find((level) => level === rawLevel);
	if (logLevel === undefined) {
		problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${rawLevel}"`);
	}

	if (problems.length > 0) throw new ConfigError(problems);
	return Object.freeze({
		discordToken,
		applicationId,
		guildId,
		apiUrl,
		notesDir,
		notesMaxFileBytes,
		storeUrl,
		logLevel: logLevel ?? 'info',
	});
}
