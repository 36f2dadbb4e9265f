import type { InteractionType, RESTErrorData } from 'discord-api-types/v10';
import type { RouteKey } from './routes.ts';

/** One REST request the fake answered. */
export interface RecordedRequest {
	readonly method: string;
	/** Path after `/api/v10`, without the query string. */
	readonly path: string;
	/** The matched route, or null when the fake does not serve it (answered 404). */
	readonly route: RouteKey | null;
	readonly query: Readonly<Record<string, string>>;
	/** The JSON body (for multipart requests, `payload_json`). */
	readonly body: unknown;
	readonly status: number;
	/** Discord's JSON error code for error responses. */
	readonly code: number | null;
	/** Milliseconds since the Unix epoch when the request arrived. */
	readonly atMs: number;
}

/** A request the fake refused with a 4xx other than 429: what Discord would have refused too. */
export interface RejectedRequest {
	readonly method: string;
	readonly path: string;
	readonly route: RouteKey | null;
	readonly status: number;
	/** Discord's JSON error code (50035, 40060, 10062, …; 0 for plain 401/404). */
	readonly code: number;
	readonly message: string;
	/** Discord's nested `errors` object of a 50035. */
	readonly errors?: RESTErrorData;
	/** `errors` flattened to `path: CODE message` lines. */
	readonly details: readonly string[];
	readonly body: unknown;
	/** The interaction the request was about, if any. */
	readonly interactionId: string | null;
	readonly atMs: number;
}

/** An interaction that got no valid initial response in time: the user saw "The application did not respond". */
export interface FailedInteraction {
	readonly interactionId: string;
	readonly type: InteractionType;
	/** Command name or component custom id. */
	readonly name: string;
	readonly userId: string;
	readonly channelId: string | null;
	readonly deadlineMs: number;
	/** Attempts the fake rejected before the deadline (e.g. a 50035 on the callback). */
	readonly rejected: readonly RejectedRequest[];
	/** Set when the bot answered after the deadline: how late (ms since the interaction was sent). */
	lateResponseAfterMs: number | null;
}
