import { createHash } from 'node:crypto';
import type { RouteKey } from './routes.ts';

/** At most `limit` requests per `windowMs` milliseconds (a fixed window that opens with the first request). */
export interface RateLimitRule {
	readonly limit: number;
	readonly windowMs: number;
}

/**
 * Per-route buckets that resemble Discord's for the routes bots use most: 5 messages per 5 s per channel, and so on.
 * Discord does not publish exact numbers; these are the commonly observed ones. Routes missing here share
 * `FALLBACK_ROUTE_LIMIT`. Interaction callbacks have no bucket.
 */
export const DEFAULT_ROUTE_LIMITS: Readonly<Partial<Record<RouteKey, RateLimitRule>>> = {
	'POST /channels/:channel_id/messages': { limit: 5, windowMs: 5_000 },
	'PATCH /channels/:channel_id/messages/:message_id': { limit: 5, windowMs: 5_000 },
	'DELETE /channels/:channel_id/messages/:message_id': { limit: 5, windowMs: 1_000 },
	'POST /webhooks/:application_id/:interaction_token': { limit: 5, windowMs: 2_000 },
	'PATCH /webhooks/:application_id/:interaction_token/messages/:message_id': { limit: 5, windowMs: 2_000 },
	'PUT /applications/:application_id/commands': { limit: 10, windowMs: 20_000 },
	'PUT /applications/:application_id/guilds/:guild_id/commands': { limit: 10, windowMs: 20_000 },
};

/** The bucket of routes without an entry in the route limits. */
export const FALLBACK_ROUTE_LIMIT: RateLimitRule = { limit: 50, windowMs: 1_000 };

/** Discord's global limit for a bot token. */
export const DEFAULT_GLOBAL_LIMIT_PER_SECOND = 50;
const GLOBAL_WINDOW_MS = 1_000;

/** A failure a test asked for: the next `remaining` matching requests get `status`. */
export interface ForcedFailure {
	readonly route: RouteKey | '*';
	readonly status: number;
	remaining: number;
	readonly retryAfterMs: number;
	readonly global: boolean;
}

/** Outcome of counting a request against its bucket. */
export type BucketVerdict =
	| { readonly limited: false; readonly headers: Record<string, string> }
	| { readonly limited: true; readonly retryAfterMs: number; readonly headers: Record<string, string> };

interface Window {
	count: number;
	resetAtMs: number;
}

/**
 * Discord-style rate limiting: one global window per bot token and one window per (route bucket, major parameter),
 * plus failures a test forces. Time comes from `now` so tests of the limiter itself need no sleeping.
 */
export class RateLimiter {
	readonly #routeLimits: Map<RouteKey, RateLimitRule>;
	readonly #windows = new Map<string, Window>();
	readonly #forced: ForcedFailure[] = [];
	#global: Window = { count: 0, resetAtMs: 0 };

	constructor(
		private globalLimitPerSecond: number,
		routeLimits: Partial<Record<RouteKey, RateLimitRule>>,
		private readonly now: () => number = Date.now,
	) {
		this.#routeLimits = new Map(
			Object.entries({ ...DEFAULT_ROUTE_LIMITS, ...routeLimits }) as [RouteKey, RateLimitRule][],
		);
	}

	/** Changes the limit of one route from now on (existing windows keep counting). */
	setRouteLimit(route: RouteKey, rule: RateLimitRule): void {
		this.#routeLimits.set(route, rule);
	}

	setGlobalLimit(perSecond: number): void {
		this.globalLimitPerSecond = perSecond;
	}

	/** Queues `count` forced failures for `route` (`'*'`: any route). */
	force(failure: ForcedFailure): void {
		this.#forced.push(failure);
	}

	/** Takes one forced failure for this route, if a test queued one. */
	takeForced(route: RouteKey): ForcedFailure | null {
		const failure = this.#forced.find((f) => f.remaining > 0 && (f.route === '*' || f.route === route));
		if (failure === undefined) return null;
		failure.remaining--;
		if (failure.remaining === 0) this.#forced.splice(this.#forced.indexOf(failure), 1);
		return failure;
	}

	/** Forced failures not yet used up. */
	pendingForced(): readonly ForcedFailure[] {
		return this.#forced;
	}

	/** Counts a request against the global limit; returns how long to wait when over it. */
	takeGlobal(): { limited: false } | { limited: true; retryAfterMs: number } {
		const now = this.now();
		if (now >= this.#global.resetAtMs) this.#global = { count: 0, resetAtMs: now + GLOBAL_WINDOW_MS };
		if (this.#global.count >= this.globalLimitPerSecond) {
			return { limited: true, retryAfterMs: this.#global.resetAtMs - now };
		}
		this.#global.count++;
		return { limited: false };
	}

	/** Counts a request against its route bucket; the headers describe the bucket after this request. */
	takeRoute(route: RouteKey, major: string): BucketVerdict {
		const rule = this.#routeLimits.get(route) ?? FALLBACK_ROUTE_LIMIT;
		const bucket = bucketHash(route);
		const key = `${bucket}:${major}`;
		const now = this.now();
		let window = this.#windows.get(key);
		if (window === undefined || now >= window.resetAtMs) {
			window = { count: 0, resetAtMs: now + rule.windowMs };
			this.#windows.set(key, window);
		}
		const limited = window.count >= rule.limit;
		if (!limited) window.count++;
		const resetAfterMs = Math.max(0, window.resetAtMs - now);
		const headers = {
			'X-RateLimit-Limit': String(rule.limit),
			'X-RateLimit-Remaining': String(Math.max(0, rule.limit - window.count)),
			'X-RateLimit-Reset': (window.resetAtMs / 1000).toFixed(3),
			'X-RateLimit-Reset-After': (resetAfterMs / 1000).toFixed(3),
			'X-RateLimit-Bucket': bucket,
		};
		return limited ? { limited: true, retryAfterMs: resetAfterMs, headers } : { limited: false, headers };
	}
}

/** A stable opaque bucket id per route, like Discord's `X-RateLimit-Bucket` hashes. */
export function bucketHash(route: RouteKey): string {
	return createHash('sha1').update(route).digest('hex').slice(0, 32);
}
