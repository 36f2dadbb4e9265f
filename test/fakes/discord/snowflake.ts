import { randomBytes } from 'node:crypto';
import type { Snowflake } from 'discord-api-types/globals';

/** Discord's epoch (2015-01-01T00:00:00Z); snowflake timestamps count milliseconds from it. */
export const DISCORD_EPOCH_MS = 1_420_070_400_000;

/** Snowflakes carry a 12-bit per-millisecond increment. */
const INCREMENT_LIMIT = 4096;

/**
 * Makes real-looking, strictly increasing snowflakes (timestamp << 22 | worker | increment).
 *
 * They must look real: discord.js derives `createdAt` from them and @discordjs/rest only recognises 17–19 digit ids
 * as the major parameter of a rate-limit bucket. One factory per fake, so several fakes never share state.
 */
export class SnowflakeFactory {
	#lastMs = 0;
	#increment = 0;

	constructor(private readonly workerId = 1) {}

	/** A new snowflake, later than every one this factory made before. */
	next(): Snowflake {
		let ms = Date.now();
		if (ms <= this.#lastMs) {
			ms = this.#lastMs;
			this.#increment++;
			if (this.#increment >= INCREMENT_LIMIT) {
				// More than 4096 ids in one millisecond: borrow the next millisecond rather than repeat an id.
				ms++;
				this.#increment = 0;
			}
		} else {
			this.#increment = 0;
		}
		this.#lastMs = ms;
		const id = (BigInt(ms - DISCORD_EPOCH_MS) << 22n) | (BigInt(this.workerId & 0x1f) << 17n) | BigInt(this.#increment);
		return id.toString();
	}
}

/** The creation time of a snowflake, in ms since the Unix epoch. */
export function snowflakeTimestampMs(id: Snowflake): number {
	return Number(BigInt(id) >> 22n) + DISCORD_EPOCH_MS;
}

/** A random URL-safe token (interaction tokens, session ids), `bytes` bytes of entropy. */
export function randomToken(bytes = 48): string {
	return randomBytes(bytes).toString('base64url');
}

/** A random lowercase hex string of `bytes` bytes (Discord's gateway session ids look like this). */
export function randomHex(bytes = 16): string {
	return randomBytes(bytes).toString('hex');
}
