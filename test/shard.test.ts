import type { ShardClientUtil } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { ownsGuild, registersCommands, shardIdsOfProcess } from '../src/shard.ts';

/** The two fields of discord.js's ShardClientUtil that ownership reads. */
function shard(ids: number[], count: number): ShardClientUtil {
	return { ids, count } as unknown as ShardClientUtil;
}

/** A guild id whose creation millisecond is `ms`: Discord routes it to shard `ms % count`. */
function guildCreatedAt(ms: number): string {
	return (BigInt(ms) << 22n).toString();
}

describe('ownsGuild', () => {
	it('owns every server when the bot is not sharded', () => {
		expect(ownsGuild(null)(guildCreatedAt(7))).toBe(true);
	});

	it("owns exactly the servers of the process's shards, by Discord's (guild_id >> 22) % shard_count", () => {
		const first = ownsGuild(shard([0], 2));
		const second = ownsGuild(shard([1], 2));
		for (let ms = 1_000; ms < 1_010; ms++) {
			const id = guildCreatedAt(ms);
			expect(first(id)).toBe(ms % 2 === 0);
			expect(second(id)).toBe(ms % 2 === 1);
		}
		expect(ownsGuild(shard([0, 2], 3))(guildCreatedAt(5))).toBe(true);
	});
});

describe('registersCommands', () => {
	it('registers from the only process, or from the one holding shard 0', () => {
		expect(registersCommands(null)).toBe(true);
		expect(registersCommands(shard([0], 2))).toBe(true);
		expect(registersCommands(shard([1], 2))).toBe(false);
	});
});

describe('shardIdsOfProcess', () => {
	it('reads the ids discord.js passes a shard in SHARDS', () => {
		expect(shardIdsOfProcess({ SHARDS: '1' })).toEqual([1]);
		expect(shardIdsOfProcess({ SHARDS: '[0,2]' })).toEqual([0, 2]);
		expect(() => shardIdsOfProcess({ SHARDS: '"auto"' })).toThrow('SHARDS holds no shard ids');
	});
});
