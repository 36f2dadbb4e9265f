import { setTimeout as sleep } from 'node:timers/promises';
import type { RESTOptions } from 'discord.js';
import { monotonicMs } from '../time/clock.ts';

/** How discord.js's REST sends one request; wrapped here, so every retry of a request is spaced too. */
export type MakeRequest = RESTOptions['makeRequest'];

/** Discord's global limit: requests a second made with one bot's token, whichever process makes them. */
export const GLOBAL_REQUESTS_PER_SECOND = 50;

/**
 * The least time between two requests made with the bot's token: 21 ms, 47.6 a second, about what discord.js's own
 * limiter allows (50 per 1,050 ms). The millisecond above 1000 / 50 absorbs a little latency jitter.
 */
export const GLOBAL_REQUEST_SPACING_MS = 1_000 / GLOBAL_REQUESTS_PER_SECOND + 1;

function hasAuthorization(headers: unknown): boolean {
	if (headers instanceof Headers) return headers.has('authorization');
	if (Array.isArray(headers)) return headers.some((entry) => String(entry[0]).toLowerCase() === 'authorization');
	if (headers === null || typeof headers !== 'object') return false;
	return Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
}

/**
 * Sends the requests that count against Discord's global limit at least `spacingMs` apart, in the order they come.
 * discord.js counts the limit in one-second windows that open when it sends a request, and sends a window's requests
 * at once; Discord's window opens when the first request arrives. Latency differs from request to request, so a
 * burst can land in Discord's previous window and be refused whole: a fan-out of 1,000 posts drew 50 429s at once,
 * one window's worth. Evenly spaced requests keep every one-second window under the limit, however the windows line
 * up. Requests without the bot's token (interaction callbacks and webhooks: exempt from the global limit, and due
 * within 3 seconds) are never held. A request aborted while it waits (discord.js's timeout) is not sent.
 */
export function spacedRequests(send: MakeRequest, spacingMs = GLOBAL_REQUEST_SPACING_MS): MakeRequest {
	// Each request waits for the one before it to be sent, then until `spacingMs` after that send: the spacing holds
	// between actual sends, also when a timer fires late on a busy process.
	let queue: Promise<void> = Promise.resolve();
	let lastSentMs = Number.NEGATIVE_INFINITY;
	return async (url, init) => {
		if (!hasAuthorization(init.headers)) return send(url, init);
		const turn = queue.then(async () => {
			// A timer may fire up to a millisecond early: waiting goes on until the spacing has really passed.
			for (
				let waitMs = lastSentMs + spacingMs - monotonicMs();
				waitMs > 0;
				waitMs = lastSentMs + spacingMs - monotonicMs()
			)
				await sleep(Math.ceil(waitMs), undefined, init.signal === null ? {} : { signal: init.signal });
			init.signal?.throwIfAborted();
			lastSentMs = monotonicMs();
		});
		queue = turn.catch(() => undefined);
		await turn;
		return send(url, init);
	};
}
