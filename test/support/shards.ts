import { PROJECT_DIR } from '../../src/config.ts';
import { DAILY_SCHEDULE, type DailySchedule, dailyKeys, SCHEDULED_GUILDS } from '../../src/quiz/records.ts';
import { openKeyv } from '../../src/store/keyv.ts';
import { writeRecord } from '../../src/store/records.ts';
import { DISCORD_EPOCH_MS } from '../fakes/discord/snowflake.ts';
import type { BotProcess } from './bot-process.ts';

type LogLine = Record<string, unknown>;

/**
 * Guild ids that Discord's rule `(guild_id >> 22) % shardCount` spreads evenly over the shards: consecutive
 * milliseconds of a day ago, so they never meet an id the fake makes now.
 */
export function spreadGuildIds(count: number): string[] {
	const firstMs = BigInt(Date.now() - DISCORD_EPOCH_MS - 24 * 60 * 60 * 1000);
	return Array.from({ length: count }, (_, i) => (((firstMs + BigInt(i)) << 22n) | (31n << 17n)).toString());
}

/** The next whole minute at least `leadMs` from now: the time to schedule a post for, and its `HH:MM` in UTC. */
export function nextMinute(leadMs: number): { at: Date; time: string } {
	const at = new Date(Math.ceil((Date.now() + leadMs) / 60_000) * 60_000);
	return { at, time: at.toISOString().slice(11, 16) };
}

/**
 * Writes what `/daily setup` would have saved for each server (its schedule in UTC and the index of scheduled
 * servers), through the bot's own record kinds, before the bot starts: much faster than a thousand setups.
 */
export async function seedSchedules(
	storeUrl: string,
	servers: readonly { guildId: string; channelId: string }[],
	time: string,
	by: string,
): Promise<void> {
	const store = await openKeyv(storeUrl, PROJECT_DIR);
	try {
		const updatedAt = new Date().toISOString();
		await Promise.all(
			servers.map(({ guildId, channelId }) => {
				const schedule: DailySchedule = { channelId, time, zone: 'UTC', enabled: true, updatedBy: by, updatedAt };
				return writeRecord(store.keyv, dailyKeys.schedule(guildId), DAILY_SCHEDULE, schedule);
			}),
		);
		const guildIds = servers.map((server) => server.guildId);
		await writeRecord(store.keyv, dailyKeys.guilds(), SCHEDULED_GUILDS, { guildIds });
	} finally {
		await store.close();
	}
}

/** Resolves with the log lines once `count` of them match (a manager prints the lines of all its shards). */
export async function waitForLogs(
	process: BotProcess,
	matches: (line: LogLine) => boolean,
	count: number,
	timeoutMs: number,
): Promise<LogLine[]> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const found = process.logs.filter(matches);
		if (found.length >= count) return found;
		if (performance.now() > deadline)
			throw new Error(
				`${found.length} of ${count} matching log lines within ${timeoutMs} ms; output:\n${process.output()}`,
			);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** The port the REST proxy listens on, from its start-up line. */
export async function proxyPort(proxy: BotProcess): Promise<number> {
	const line = await proxy.waitForLog((l) => l.msg === 'rest proxy listening', 30_000);
	return Number(line.port);
}
