import type { ChildProcess } from 'node:child_process';
import { REST, Routes, type Shard, ShardClientUtil, ShardingManager } from 'discord.js';
import type { Logger } from 'pino';

/** discord.js forks every shard with plain `node`; the entry point is TypeScript, so the shard loads tsx first. */
const SHARD_EXEC_ARGV = ['--import', import.meta.resolve('tsx')];

/** How long a shard may take from being forked to its gateway READY (notes indexed, store opened, logged in). */
const SHARD_READY_TIMEOUT_MS = 90_000;

/** How long the manager waits for a shard to exit after passing on a shutdown signal: its own grace and a margin. */
const SHARD_EXIT_WAIT_MS = 10_000;

/**
 * How long a shard waits for an answer from the REST proxy. Requests queue there for the bot-wide limits, so an answer
 * can take longer than discord.js's default of 15 s. discord.js sends a timed-out request again, and the proxy would
 * still relay the first one: a daily question posted twice. The proxy's own timeout towards Discord stays 15 s.
 */
export const SHARD_REST_TIMEOUT_MS = 120_000;

/** Discord's recommended shard count for the bot (`GET /gateway/bot`), asked through `apiUrl` (the REST proxy). */
export async function recommendedShardCount(token: string, apiUrl: string | null): Promise<number> {
	const rest = new REST(apiUrl === null ? {} : { api: apiUrl }).setToken(token);
	const { shards } = (await rest.get(Routes.gatewayBot())) as { shards: number };
	if (!Number.isInteger(shards) || shards < 1) throw new Error(`shards: Discord recommended ${shards} shards`);
	return shards;
}

/**
 * The shard ids of this process, as discord.js passes them to a shard it spawns (`SHARDS`, a JSON number or array);
 * the ShardingManager gives each process exactly one.
 */
export function shardIdsOfProcess(env: Readonly<Record<string, string | undefined>>): number[] {
	const parsed: unknown = JSON.parse(env.SHARDS ?? '[]');
	const ids = Array.isArray(parsed) ? parsed : [parsed];
	if (!ids.every((id) => Number.isInteger(id) && id >= 0))
		throw new Error(`shards: SHARDS holds no shard ids: ${env.SHARDS}`);
	return ids as number[];
}

/**
 * Whether this process schedules a server: every server when it is not a shard, else the servers whose events Discord
 * sends to one of its shards (`(guild_id >> 22) % shard_count`). Each server then has exactly one owner.
 */
export function ownsGuild(shard: ShardClientUtil | null): (guildId: string) => boolean {
	if (shard === null) return () => true;
	const ids = new Set(shard.ids);
	const { count } = shard;
	return (guildId) => ids.has(ShardClientUtil.shardIdForGuildId(guildId, count));
}

/** Commands are the bot's, not a shard's: the process holding shard 0 (or the only process) registers them. */
export function registersCommands(shard: ShardClientUtil | null): boolean {
	return shard === null || shard.ids.includes(0);
}

export interface ShardManagerOptions {
	/** The bot's entry point; each shard runs it again, and discord.js tells it which shard it is. */
	readonly entry: string;
	readonly token: string;
	/** `SHARDS`: a number, or `auto` for Discord's recommendation. */
	readonly count: number | 'auto';
	/** The REST base (the REST proxy), for the recommendation; the shards inherit `DISCORD_API_URL` themselves. */
	readonly apiUrl: string | null;
	readonly logger: Logger;
}

/**
 * Runs the bot as discord.js's ShardingManager: one process per shard, spawned 5.5 s apart as Discord's IDENTIFY limit
 * asks, each respawned when it dies. The shards inherit this process's environment and its stdout/stderr, so their log
 * lines (each with its `shard`) come out here. SIGINT/SIGTERM are passed on to every shard, which then finishes what it
 * is doing and exits; this process exits once they have (0), or after SHARD_EXIT_WAIT_MS with the stragglers killed.
 */
export async function runShardManager(options: ShardManagerOptions): Promise<void> {
	const { logger } = options;
	const count = options.count === 'auto' ? await recommendedShardCount(options.token, options.apiUrl) : options.count;
	const manager = new ShardingManager(options.entry, {
		totalShards: count,
		token: options.token,
		mode: 'process',
		respawn: true,
		execArgv: SHARD_EXEC_ARGV,
	});
	const children = new Map<number, ChildProcess>();
	let stopping = false;

	manager.on('shardCreate', (shard: Shard) => {
		shard.on('spawn', (child) => {
			if (!('pid' in child)) return;
			children.set(shard.id, child);
			logger.info({ shard: shard.id, pid: child.pid }, 'shard spawned');
			if (stopping) child.kill('SIGTERM');
		});
		shard.on('ready', () => logger.info({ shard: shard.id }, 'shard ready'));
		shard.on('death', (child) => {
			children.delete(shard.id);
			const exitCode = 'exitCode' in child ? child.exitCode : null;
			if (stopping) logger.info({ shard: shard.id, exitCode }, 'shard stopped');
			else logger.error({ shard: shard.id, exitCode }, 'shard exited; respawning it');
		});
		shard.on('error', (error) => logger.error({ err: error, shard: shard.id }, 'shard error'));
	});

	const stop = async (signal: string): Promise<void> => {
		if (stopping) return;
		stopping = true;
		manager.respawn = false;
		logger.info({ signal, shards: children.size }, 'shard manager: stopping the shards');
		await Promise.all(
			[...children.values()].map(
				(child) =>
					new Promise<void>((resolve) => {
						if (child.exitCode !== null || child.signalCode !== null) return resolve();
						const killer = setTimeout(() => child.kill('SIGKILL'), SHARD_EXIT_WAIT_MS);
						child.once('exit', () => {
							clearTimeout(killer);
							resolve();
						});
						child.kill('SIGTERM');
					}),
			),
		);
		process.exit(0);
	};
	process.once('SIGINT', () => void stop('SIGINT'));
	process.once('SIGTERM', () => void stop('SIGTERM'));

	logger.info({ shards: count, requested: options.count }, 'shard manager: spawning shards');
	await manager.spawn({ amount: count, timeout: SHARD_READY_TIMEOUT_MS });
	logger.info({ shards: count }, 'shard manager: every shard is ready');
}

/** A shard's logger: every line says which shard wrote it (`shard`), since the manager prints all shards' lines. */
export function shardLogger(logger: Logger, env: Readonly<Record<string, string | undefined>>): Logger {
	const ids = shardIdsOfProcess(env);
	return logger.child({ shard: ids.length === 1 ? ids[0] : ids });
}
