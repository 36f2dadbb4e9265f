/**
 * `npm run rest-proxy`: the one process that sends every shard's REST requests to Discord. Discord's global rate limit
 * (50 requests per second) is per bot, not per process, and so are its per-route buckets; shards that each paced
 * themselves would exceed them together. Here one discord.js REST instance (through @discordjs/proxy) keeps both for
 * all shards. Shards set `DISCORD_API_URL=http://<this host>:<REST_PROXY_PORT>/api`.
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { proxyRequests } from '@discordjs/proxy';
import { DefaultRestOptions, REST } from 'discord.js';
import { ConfigError, loadRestProxyConfig } from './config.ts';
import { GLOBAL_REQUESTS_PER_SECOND, type MakeRequest, spacedRequests } from './discord/pacing.ts';
import { loadDotEnv } from './env.ts';
import { createLogger } from './log.ts';

/** How long requests in flight may take to finish once a shutdown signal arrives. */
const SHUTDOWN_GRACE_MS = 5_000;

/**
 * @discordjs/proxy hands REST the incoming request stream as the body, and REST sends the same body again when it
 * retries (after a 429 or a 5xx). A stream can be read only once: the retry went out empty, Discord refused it (400),
 * and the message was lost. A stream body is therefore read into memory on the first attempt, and that copy goes out
 * on every attempt.
 */
function replayingBodies(send: MakeRequest): MakeRequest {
	const copies = new WeakMap<Readable, Promise<Buffer>>();
	return async (url, init) => {
		const body = init.body;
		if (!(body instanceof Readable)) return send(url, init);
		let copy = copies.get(body);
		if (copy === undefined) {
			copy = buffer(body);
			copies.set(body, copy);
		}
		return send(url, { ...init, body: await copy });
	};
}

/** The route of a request path without interaction tokens, which are secrets until they expire. */
function loggableRoute(pathname: string): string {
	return pathname.replace(/\/(interactions|webhooks)\/(\d+)\/[^/]+/, '/$1/$2/:token');
}

function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

async function main(): Promise<void> {
	loadDotEnv();
	const config = loadRestProxyConfig(process.env);
	const logger = createLogger(config.logLevel, {
		readable: process.stdout.isTTY === true && process.env.NODE_ENV !== 'production',
	}).child({ service: 'rest-proxy' });

	// No token of its own: @discordjs/proxy forwards each request's Authorization header (checked below). Every
	// request made with the bot's token counts against the one global limit, whichever shard sent it.
	const rest = new REST({
		api: config.upstreamUrl,
		globalRequestsPerSecond: GLOBAL_REQUESTS_PER_SECOND,
		makeRequest: replayingBodies(spacedRequests(DefaultRestOptions.makeRequest)),
	});
	rest.on('response', (request, response) => {
		if (response.status === 429)
			logger.warn(
				{ method: request.method, route: request.route, global: response.headers.get('x-ratelimit-global') !== null },
				'rest proxy: Discord answered 429; retrying after its Retry-After',
			);
	});
	const relay = proxyRequests(rest);
	const authorization = `Bot ${config.discordToken}`;

	const server = http.createServer((req, res) => {
		const startedMs = performance.now();
		const { pathname } = new URL(req.url ?? '/', 'http://proxy');
		res.once('finish', () =>
			logger.debug(
				{
					method: req.method,
					route: loggableRoute(pathname),
					status: res.statusCode,
					ms: Math.round(performance.now() - startedMs),
				},
				'rest proxy: request',
			),
		);
		if (pathname === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
			res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
			return;
		}
		if (!pathname.startsWith('/api/')) {
			res
				.writeHead(404, { 'Content-Type': 'application/json' })
				.end(JSON.stringify({ message: 'not a Discord API path' }));
			return;
		}
		// One proxy keeps one bot's limits; a request with another bot's token would be counted against this bot.
		// Interaction callbacks and webhooks carry no Authorization header and are relayed as they are.
		const given = req.headers.authorization;
		if (given !== undefined && !sameSecret(given, authorization)) {
			logger.warn(
				{ method: req.method, route: loggableRoute(pathname) },
				'rest proxy: refused a request with another token',
			);
			res
				.writeHead(401, { 'Content-Type': 'application/json' })
				.end(JSON.stringify({ message: '401: Unauthorized', code: 0 }));
			return;
		}
		Promise.resolve(relay(req, res)).catch((error: unknown) => {
			logger.error({ err: error, method: req.method, route: loggableRoute(pathname) }, 'rest proxy: relaying failed');
			if (!res.headersSent) res.writeHead(502);
			res.end();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	logger.info(
		{ port, upstream: config.upstreamUrl, globalRequestsPerSecond: GLOBAL_REQUESTS_PER_SECOND },
		'rest proxy listening',
	);

	let stopping = false;
	const stop = async (signal: string): Promise<void> => {
		if (stopping) return;
		stopping = true;
		logger.info({ signal }, 'rest proxy: shutting down');
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		server.closeIdleConnections();
		await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS))]);
		server.closeAllConnections();
		process.exit(0);
	};
	process.once('SIGINT', () => void stop('SIGINT'));
	process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
	if (error instanceof ConfigError) console.error(error.message);
	else console.error('rest-proxy: start-up failed:', error instanceof Error ? error.message : error);
	process.exit(1);
});
