import type { IncomingMessage, ServerResponse } from 'node:http';
import { type RESTError, RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { Core, Upload } from './core.ts';
import { DiscordHttpError, describeErrors, entityTooLarge, notFound, unauthorized } from './errors.ts';
import { createHandlers, type Handler, type RestRequest, type RestResult } from './handlers.ts';
import type { FakeInteraction } from './interaction.ts';
import type { RejectedRequest } from './records.ts';
import { isInteractionRoute, majorParameter, matchRoute, needsBotToken, type RouteKey } from './routes.ts';

/** The API version prefix discord.js uses (`rest.api` + `/v10`). */
const API_PREFIX = '/api/v10';
/** Discord refuses request bodies above this (multipart uploads included). */
const MAX_REQUEST_BYTES = 25 * 1024 * 1024;

interface Reply {
	status: number;
	body?: unknown;
	headers: Record<string, string>;
}

/**
 * The REST half of the fake: parses requests (JSON and multipart), checks the bot token, applies forced failures,
 * the global limit and per-route buckets, runs the route handler, and records every request and rejection.
 */
export class RestServer {
	readonly #handlers: Record<RouteKey, Handler>;

	constructor(private readonly core: Core) {
		this.#handlers = createHandlers(core);
	}

	/** Node's request listener. Never throws; a bug in the fake becomes a 500 recorded in `internalErrors`. */
	handle(req: IncomingMessage, res: ServerResponse): void {
		this.#handle(req, res).catch((error: unknown) => {
			this.core.internalErrors.push(error instanceof Error ? error : new Error(String(error)));
			if (!res.headersSent) {
				res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ message: '500: Internal Server Error', code: 0 }));
			}
		});
	}

	async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const atMs = Date.now();
		const url = new URL(req.url ?? '/', 'http://localhost');
		const method = (req.method ?? 'GET').toUpperCase();
		const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
		const route = url.pathname.startsWith(API_PREFIX) ? matchRoute(method, path) : null;
		let body: unknown;
		let request: RestRequest | null = null;
		let reply: Reply;
		try {
			const raw = await readBody(req);
			const parsed = await parseBody(raw, req.headers['content-type'] ?? '');
			body = parsed.body;
			request = {
				method,
				path,
				params: route?.params ?? {},
				query: url.searchParams,
				body,
				uploads: parsed.uploads,
				interaction: null,
			};
			reply = this.#route(route, request, req.headers.authorization);
		} catch (error) {
			reply = errorReply(error);
		}
		this.#record(method, path, route?.key ?? null, url.searchParams, body, reply, atMs, request?.interaction ?? null);
		send(res, reply);
	}

	#route(route: ReturnType<typeof matchRoute>, request: RestRequest, authorization: string | undefined): Reply {
		if (route === null) throw notFound();
		const headers: Record<string, string> = {};
		const authorized = authorization === `Bot ${this.core.config.token}`;
		if (needsBotToken(route.key) && !authorized) throw unauthorized();
		const limiter = this.core.limiter;

		const forced = limiter.takeForced(route.key);
		if (forced !== null) {
			if (forced.status === 429) return this.#tooManyRequests(forced.retryAfterMs, forced.global, {});
			this.core.serverErrors++;
			return {
				status: forced.status,
				body: { message: `${forced.status}: Forced by FakeDiscord.failNext`, code: 0 },
				headers,
			};
		}
		// Interaction endpoints are not bound to the bot's global limit; unauthenticated requests count per IP,
		// which the fake does not model.
		if (authorized && !isInteractionRoute(route.key)) {
			const global = limiter.takeGlobal();
			if (global.limited) return this.#tooManyRequests(global.retryAfterMs, true, {});
		}
		if (!route.key.startsWith('POST /interactions/')) {
			const bucket = limiter.takeRoute(route.key, majorParameter(route));
			Object.assign(headers, bucket.headers);
			if (bucket.limited) return this.#tooManyRequests(bucket.retryAfterMs, false, bucket.headers);
		}
		try {
			if (request.uploads.some((upload) => upload.size > this.core.config.attachmentSizeLimitBytes)) {
				throw entityTooLarge();
			}
			const result: RestResult = this.#handlers[route.key](request);
			return { status: result.status, body: result.body, headers };
		} catch (error) {
			const reply = errorReply(error);
			Object.assign(reply.headers, headers);
			return reply;
		}
	}

	#tooManyRequests(retryAfterMs: number, global: boolean, headers: Record<string, string>): Reply {
		this.core.tooManyRequests++;
		const seconds = Math.max(retryAfterMs, 1) / 1000;
		return {
			status: 429,
			body: { message: 'You are being rate limited.', retry_after: Number(seconds.toFixed(3)), global },
			headers: {
				...headers,
				// Discord rounds this header up to whole seconds; the fake sends the exact value so tests stay fast.
				'Retry-After': seconds.toFixed(3),
				'X-RateLimit-Scope': global ? 'global' : 'user',
				...(global ? { 'X-RateLimit-Global': 'true' } : {}),
			},
		};
	}

	#record(
		method: string,
		path: string,
		route: RouteKey | null,
		query: URLSearchParams,
		body: unknown,
		reply: Reply,
		atMs: number,
		interaction: FakeInteraction | null,
	): void {
		const error = isRestError(reply.body) && reply.status >= 400 ? reply.body : null;
		this.core.requests.push({
			method,
			path,
			route,
			query: Object.fromEntries(query),
			body,
			status: reply.status,
			code: error?.code ?? null,
			atMs,
		});
		if (reply.status === 401 || reply.status === 403 || reply.status === 429) this.core.invalidRequests++;
		if (reply.status >= 400 && reply.status < 500 && reply.status !== 429) {
			const rejected: RejectedRequest = {
				method,
				path,
				route,
				status: reply.status,
				code: error?.code ?? RESTJSONErrorCodes.GeneralError,
				message: error?.message ?? '',
				...(error?.errors === undefined ? {} : { errors: error.errors }),
				details: [
					...describeErrors(error?.errors),
					...(route === null ? [`${method} ${path} is not a route FakeDiscord serves`] : []),
				],
				body,
				interactionId: interaction?.id ?? null,
				atMs,
			};
			this.core.rejected.push(rejected);
			interaction?.addRejected(rejected);
		}
		this.core.changed();
	}
}

function errorReply(error: unknown): Reply {
	if (error instanceof DiscordHttpError)
		return { status: error.status, body: error.body, headers: { ...error.headers } };
	throw error;
}

function isRestError(body: unknown): body is RESTError {
	return typeof body === 'object' && body !== null && 'code' in body && 'message' in body;
}

function send(res: ServerResponse, reply: Reply): void {
	if (reply.status === 204 || reply.body === undefined) {
		res.writeHead(reply.status, reply.headers);
		res.end();
		return;
	}
	const json = JSON.stringify(reply.body);
	res.writeHead(reply.status, {
		...reply.headers,
		'Content-Type': 'application/json',
		'Content-Length': String(Buffer.byteLength(json)),
	});
	res.end(json);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > MAX_REQUEST_BYTES) throw entityTooLarge();
		chunks.push(buffer);
	}
	return Buffer.concat(chunks);
}

/** JSON bodies as they are; multipart bodies as `payload_json` plus the uploaded files. */
async function parseBody(raw: Buffer, contentType: string): Promise<{ body: unknown; uploads: Upload[] }> {
	if (raw.length === 0) return { body: undefined, uploads: [] };
	if (contentType.startsWith('multipart/form-data')) {
		const form = await new Response(raw, { headers: { 'Content-Type': contentType } }).formData();
		const uploads: Upload[] = [];
		let body: unknown;
		for (const [key, value] of form.entries()) {
			if (key === 'payload_json' && typeof value === 'string') body = parseJson(value);
			else if (typeof value !== 'string') {
				uploads.push({
					field: key,
					filename: value.name,
					size: value.size,
					contentType: value.type || 'application/octet-stream',
					bytes: Buffer.from(await value.arrayBuffer()),
				});
			}
		}
		// `files[n]` is described by the payload's attachment with id n (its alt text, `description`).
		const described = new Map<string, string>();
		const listed = (body as { attachments?: unknown } | undefined)?.attachments;
		for (const entry of Array.isArray(listed) ? listed : [])
			if (typeof entry?.description === 'string') described.set(`files[${String(entry.id)}]`, entry.description);
		for (const [index, upload] of uploads.entries()) {
			const description = described.get(upload.field ?? '');
			if (description !== undefined) uploads[index] = { ...upload, description };
		}
		// Discord takes files without `payload_json` (a message of attachments only).
		return { body: body ?? (uploads.length > 0 ? {} : undefined), uploads };
	}
	return { body: parseJson(raw.toString('utf8')), uploads: [] };
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		throw new DiscordHttpError(400, { code: RESTJSONErrorCodes.GeneralError, message: '400: Bad Request' });
	}
}
