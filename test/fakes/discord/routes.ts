/**
 * The REST routes the fake serves, named `METHOD /template` with Discord's parameter names. These keys are what
 * `failNext` and `routeLimits` take, and what `stats.rejected` / `requests` report.
 */
export const ROUTES = [
	'GET /gateway',
	'GET /gateway/bot',
	'GET /users/@me',
	'GET /users/@me/guilds',
	'POST /users/@me/channels',
	'GET /users/:user_id',
	'GET /applications/@me',
	'GET /applications/:application_id/commands',
	'PUT /applications/:application_id/commands',
	'POST /applications/:application_id/commands',
	'GET /applications/:application_id/commands/:command_id',
	'PATCH /applications/:application_id/commands/:command_id',
	'DELETE /applications/:application_id/commands/:command_id',
	'GET /applications/:application_id/guilds/:guild_id/commands',
	'PUT /applications/:application_id/guilds/:guild_id/commands',
	'POST /applications/:application_id/guilds/:guild_id/commands',
	'GET /applications/:application_id/guilds/:guild_id/commands/:command_id',
	'PATCH /applications/:application_id/guilds/:guild_id/commands/:command_id',
	'DELETE /applications/:application_id/guilds/:guild_id/commands/:command_id',
	'POST /interactions/:interaction_id/:interaction_token/callback',
	'POST /webhooks/:application_id/:interaction_token',
	'GET /webhooks/:application_id/:interaction_token/messages/:message_id',
	'PATCH /webhooks/:application_id/:interaction_token/messages/:message_id',
	'DELETE /webhooks/:application_id/:interaction_token/messages/:message_id',
	'GET /channels/:channel_id',
	'GET /channels/:channel_id/messages',
	'POST /channels/:channel_id/messages',
	'GET /channels/:channel_id/messages/:message_id',
	'PATCH /channels/:channel_id/messages/:message_id',
	'DELETE /channels/:channel_id/messages/:message_id',
	'POST /channels/:channel_id/typing',
	'GET /guilds/:guild_id',
	'GET /guilds/:guild_id/channels',
	'GET /guilds/:guild_id/roles',
	'GET /guilds/:guild_id/members/:user_id',
] as const;

/** One REST route of the fake, e.g. `'POST /channels/:channel_id/messages'`. */
export type RouteKey = (typeof ROUTES)[number];

/** A request matched to its route, with the path parameters filled in. */
export interface MatchedRoute {
	readonly key: RouteKey;
	readonly params: Readonly<Record<string, string>>;
}

interface CompiledRoute {
	readonly key: RouteKey;
	readonly method: string;
	readonly segments: readonly string[];
	readonly literals: number;
}

const COMPILED: readonly CompiledRoute[] = ROUTES.map((key) => {
	const [method = '', template = ''] = key.split(' ');
	const segments = template.split('/').filter((s) => s !== '');
	return { key, method, segments, literals: segments.filter((s) => !s.startsWith(':')).length };
});

/**
 * Finds the route for `method` and `path` (the part after `/api/v10`). When several templates fit (`/users/@me` and
 * `/users/:user_id`), the one with more literal segments wins, as on Discord.
 */
export function matchRoute(method: string, path: string): MatchedRoute | null {
	const parts = path
		.split('/')
		.filter((s) => s !== '')
		.map(decodeSegment);
	let best: { route: CompiledRoute; params: Record<string, string> } | null = null;
	for (const route of COMPILED) {
		if (route.method !== method || route.segments.length !== parts.length) continue;
		const params: Record<string, string> = {};
		let fits = true;
		route.segments.forEach((segment, i) => {
			const part = parts[i] ?? '';
			if (segment.startsWith(':')) params[segment.slice(1)] = part;
			else if (segment !== part) fits = false;
		});
		if (fits && (best === null || route.literals > best.route.literals)) best = { route, params };
	}
	return best === null ? null : { key: best.route.key, params: best.params };
}

/** A path segment with %-escapes decoded; a malformed one is kept as it is (and matches nothing special). */
function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/**
 * The resource a rate-limit bucket is counted per (Discord's "major parameter"): the channel, the guild, or the
 * webhook id + token; `'global'` for everything else.
 */
export function majorParameter(route: MatchedRoute): string {
	const { params } = route;
	if (route.key.startsWith('POST /interactions/')) return 'interaction';
	if (route.key.includes('/webhooks/')) return `${params.application_id}/${params.interaction_token}`;
	if (params.channel_id !== undefined) return params.channel_id;
	if (params.guild_id !== undefined && route.key.includes(' /guilds/')) return params.guild_id;
	return 'global';
}

/** Interaction endpoints (callbacks and interaction webhooks) need no bot token and skip the global limit. */
export function isInteractionRoute(key: RouteKey): boolean {
	return key.startsWith('POST /interactions/') || key.includes(' /webhooks/');
}

/** Routes Discord serves without a bot token. */
export function needsBotToken(key: RouteKey): boolean {
	return key !== 'GET /gateway' && !isInteractionRoute(key);
}
