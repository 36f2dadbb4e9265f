import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_FILE_BYTES } from './notes/load.ts';

/** The project folder; relative paths in the configuration are resolved against it, so the bot behaves the same from any working directory. */
export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * How this process takes part in sharding (`SHARDS`):
 * - `single`: `SHARDS` unset; one process is the whole bot and schedules every server;
 * - `manager`: `SHARDS=auto|N`; this process runs discord.js's ShardingManager and no bot of its own: it spawns
 *   `count` shard processes (`auto`: as many as Discord recommends for the bot);
 * - `shard`: a shard process a manager spawned (discord.js marks it with `SHARDING_MANAGER` and puts its shard ids in
 *   `SHARDS`); it schedules only the servers of its shards.
 */
export type Sharding =
	| { readonly role: 'single' }
	| { readonly role: 'manager'; readonly count: number | 'auto' }
	| { readonly role: 'shard' };

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
	/** Whether this process is the whole bot, a shard manager or one shard (`SHARDS`, default unset: the whole bot). */
	readonly sharding: Sharding;
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
	const value = reader(env);

	const discordToken = readToken(value, options.requireToken, problems);

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

	const apiUrl = readApiUrl(value, problems);

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

	const logLevel = readLogLevel(value, problems);

	const sharding = readSharding(env, value('SHARDS'), problems);
	if (sharding.role === 'manager') {
		// Discord's global limit is per bot: shards that each pace themselves would exceed it together.
		if (value('DISCORD_API_URL') === undefined)
			problems.push(
				'SHARDS needs DISCORD_API_URL set to the REST proxy the shards share (`npm run rest-proxy`), e.g. http://127.0.0.1:8080/api',
			);
		// The shards write one store together; only Redis and Postgres coordinate writers in several processes.
		if (!/^(redis|rediss|postgres|postgresql):\/\//.test(storeUrl))
			problems.push(
				'SHARDS needs a store the shards share: STORE_URL redis:// or postgres:// (a SQLite file or memory:// serves one process)',
			);
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
		logLevel,
		sharding,
	});
}

/** Validated, frozen configuration of the REST proxy process (`npm run rest-proxy`). */
export interface RestProxyConfig {
	/** The bot token (`DISCORD_TOKEN`): the proxy relays requests made with it and refuses any other. Never logged. */
	readonly discordToken: string;
	/** Where requests are relayed to (`DISCORD_API_URL`, default Discord's `https://discord.com/api`). */
	readonly upstreamUrl: string;
	/** Port the proxy listens on, on every interface (`REST_PROXY_PORT`, default 8080; 0: any free port). */
	readonly port: number;
	/** pino level (`LOG_LEVEL`, default `info`). */
	readonly logLevel: LogLevel;
}

/** The REST proxy's port unless `REST_PROXY_PORT` says otherwise. */
export const DEFAULT_REST_PROXY_PORT = 8080;
const DISCORD_API_URL = 'https://discord.com/api';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '0.0.0.0']);

/** Reads and validates the REST proxy's configuration, in the same way and with the same messages as `loadConfig`. */
export function loadRestProxyConfig(env: Readonly<Record<string, string | undefined>>): RestProxyConfig {
	const problems: string[] = [];
	const value = reader(env);
	const discordToken = readToken(value, true, problems);
	const upstreamUrl = readApiUrl(value, problems) ?? DISCORD_API_URL;
	let port = DEFAULT_REST_PROXY_PORT;
	const rawPort = value('REST_PROXY_PORT');
	if (rawPort !== undefined) {
		if (!/^\d+$/.test(rawPort) || Number(rawPort) > 65_535) {
			problems.push(`REST_PROXY_PORT must be a port number from 0 to 65535, got "${rawPort}"`);
		} else {
			port = Number(rawPort);
		}
	}
	const upstream = new URL(upstreamUrl);
	const upstreamPort = Number(upstream.port || (upstream.protocol === 'https:' ? 443 : 80));
	if (LOOPBACK_HOSTS.has(upstream.hostname) && upstreamPort === port)
		problems.push(
			`DISCORD_API_URL is where the proxy relays to, and ${upstreamUrl} is the proxy itself; unset it (Discord) or name the upstream`,
		);
	const logLevel = readLogLevel(value, problems);
	if (problems.length > 0) throw new ConfigError(problems);
	return Object.freeze({ discordToken, upstreamUrl, port, logLevel });
}

/** A variable's value, trimmed; unset and blank are both undefined. */
type Reader = (name: string) => string | undefined;

function reader(env: Readonly<Record<string, string | undefined>>): Reader {
	return (name) => {
		const raw = env[name]?.trim();
		return raw === undefined || raw === '' ? undefined : raw;
	};
}

function readToken(value: Reader, required: boolean, problems: string[]): string {
	const discordToken = value('DISCORD_TOKEN') ?? '';
	if (required && discordToken === '') {
		problems.push('DISCORD_TOKEN is required: the bot token from the Discord developer portal (Bot → Reset Token)');
	} else if (discordToken !== '' && !TOKEN_SHAPE.test(discordToken)) {
		problems.push(
			'DISCORD_TOKEN does not look like a bot token (three dot-separated parts); check for quotes or a "Bot " prefix',
		);
	}
	return discordToken;
}

function readApiUrl(value: Reader, problems: string[]): string | null {
	const raw = value('DISCORD_API_URL');
	if (raw === undefined) return null;
	if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) {
		problems.push(`DISCORD_API_URL must be an http(s) URL such as http://127.0.0.1:5000/api, got "${raw}"`);
		return null;
	}
	return raw.replace(/\/+$/, '');
}

function readLogLevel(value: Reader, problems: string[]): LogLevel {
	const raw = value('LOG_LEVEL')?.toLowerCase() ?? 'info';
	const logLevel = LOG_LEVELS.find((level) => level === raw);
	if (logLevel === undefined) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
	return logLevel ?? 'info';
}

function readSharding(
	env: Readonly<Record<string, string | undefined>>,
	raw: string | undefined,
	problems: string[],
): Sharding {
	// In a shard process discord.js has replaced SHARDS with the shard's ids; the manager checked the original.
	if (env.SHARDING_MANAGER === 'true') return { role: 'shard' };
	if (raw === undefined) return { role: 'single' };
	if (raw.toLowerCase() === 'auto') return { role: 'manager', count: 'auto' };
	if (/^\d+$/.test(raw) && Number(raw) >= 1 && Number.isSafeInteger(Number(raw)))
		return { role: 'manager', count: Number(raw) };
	problems.push(`SHARDS must be auto or a positive whole number of shards, got "${raw}"`);
	return { role: 'single' };
}
