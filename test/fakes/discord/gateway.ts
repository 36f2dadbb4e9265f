import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import zlib from 'node:zlib';
import {
	type APIGuildMember,
	type APIUser,
	type ApplicationFlags,
	GatewayCloseCodes,
	GatewayDispatchEvents,
	type GatewayDispatchPayload,
	type GatewayGuildCreateDispatchData,
	type GatewayIdentifyData,
	GatewayIntentBits,
	GatewayOpcodes,
	type GatewayReceivePayload,
	type GatewayRequestGuildMembersData,
	type GatewayResumeData,
} from 'discord-api-types/v10';
import { type WebSocket, WebSocketServer } from 'ws';
import { randomHex } from './snowflake.ts';

/** Discord's heartbeat interval. */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 41_250;
/** How many dispatches a session keeps for RESUME; older ones make a resume fail with INVALID_SESSION. */
const REPLAY_BUFFER_EVENTS = 1_000;
/** Intents Discord makes apps switch on in the developer portal. */
export const PRIVILEGED_INTENTS =
	GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
/** Every intent bit Discord defines. */
const ALL_INTENTS = Object.values(GatewayIntentBits)
	.filter((v): v is number => typeof v === 'number')
	.reduce((all, bit) => all | bit, 0);

/** A dispatch without its sequence number: the event name and its data, typed per event. */
export type DispatchEvent = GatewayDispatchPayload extends infer P
	? P extends { t: infer T; d: infer D }
		? { t: T; d: D }
		: never
	: never;

/** What the gateway needs from the rest of the fake. */
export interface GatewayHost {
	readonly token: string;
	readonly applicationId: string;
	readonly botUser: APIUser;
	/** Intents apps may use without Discord's approval plus the privileged ones enabled for this app. */
	readonly allowedIntents: number;
	guildIds(): string[];
	guildCreate(guildId: string, allMembers: boolean): GatewayGuildCreateDispatchData;
	members(guildId: string): APIGuildMember[];
	/** Called after every change a test might wait for (READY sent, a resume, a connection closing). */
	changed(): void;
}

/** Who should receive a dispatch. */
export interface DispatchTarget {
	/** The guild the event belongs to (decides the shard); `null` for DMs (shard 0). */
	readonly guildId: string | null;
	/** An intent the session must have identified with; omit for events every session gets (INTERACTION_CREATE). */
	readonly intent?: number;
}

/** A gateway session as tests can see it. */
export interface SessionInfo {
	readonly id: string;
	readonly shard: readonly [number, number];
	readonly intents: number;
	readonly seq: number;
	readonly connected: boolean;
	readonly ready: boolean;
	readonly resumable: boolean;
}

interface Session {
	readonly id: string;
	readonly shard: [number, number];
	readonly intents: number;
	seq: number;
	readonly events: { s: number; t: string; d: unknown }[];
	connection: Connection | null;
	/** READY and every GUILD_CREATE have been sent. */
	ready: boolean;
	/** An invalidated session can no longer be resumed (client closed with 1000/1001, or a test invalidated it). */
	invalid: boolean;
}

interface Connection {
	readonly ws: WebSocket;
	readonly viaResumeUrl: boolean;
	readonly zlibStream: zlib.Deflate | null;
	identifyCompress: boolean;
	session: Session | null;
	/** Sends go through one chain so compressed frames keep their order. */
	sendChain: Promise<void>;
}

/** Counters the fake reports in `stats`. */
export interface GatewayCounters {
	connections: number;
	identifies: number;
	resumes: number;
	invalidSessions: number;
}

/** Close codes after which Discord will not let the session resume. */
const NON_RESUMABLE_CLOSE_CODES: ReadonlySet<number> = new Set([
	1000,
	1001,
	GatewayCloseCodes.AuthenticationFailed,
	GatewayCloseCodes.InvalidSeq,
	GatewayCloseCodes.SessionTimedOut,
	GatewayCloseCodes.InvalidShard,
	GatewayCloseCodes.ShardingRequired,
	GatewayCloseCodes.InvalidAPIVersion,
	GatewayCloseCodes.InvalidIntents,
	GatewayCloseCodes.DisallowedIntents,
]);

/**
 * Discord's gateway for one application: HELLO → IDENTIFY → READY + GUILD_CREATEs, heartbeats, sequence numbers,
 * RESUME with replay of what a session missed, INVALID_SESSION, RECONNECT, and the close codes Discord uses.
 * JSON encoding only; `compress=zlib-stream` and identify compression are supported.
 */
export class Gateway {
	readonly #wss = new WebSocketServer({ noServer: true });
	readonly #sessions = new Map<string, Session>();
	readonly #connections = new Set<Connection>();
	readonly counters: GatewayCounters = { connections: 0, identifies: 0, resumes: 0, invalidSessions: 0 };
	/** IDENTIFYs left today, as `/gateway/bot` reports them. */
	sessionStartsRemaining = 1000;

	constructor(
		private readonly host: GatewayHost,
		private readonly heartbeatIntervalMs: number,
		private readonly resumeUrl: () => string,
	) {}

	/** Takes over an HTTP upgrade request aimed at the gateway. */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
		const url = new URL(request.url ?? '/', 'http://localhost');
		this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws, url));
	}

	#accept(ws: WebSocket, url: URL): void {
		this.counters.connections++;
		const compress = url.searchParams.get('compress');
		const connection: Connection = {
			ws,
			viaResumeUrl: url.pathname === '/resume',
			zlibStream: compress === 'zlib-stream' ? zlib.createDeflate({ chunkSize: 65_535 }) : null,
			identifyCompress: false,
			session: null,
			sendChain: Promise.resolve(),
		};
		this.#connections.add(connection);
		ws.on('message', (data, isBinary) => this.#onMessage(connection, data, isBinary));
		ws.on('close', (code) => this.#onClose(connection, code));
		ws.on('error', () => {
			// The close event follows; nothing else to do.
		});
		const version = url.searchParams.get('v');
		if (version !== null && version !== '10') {
			ws.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
			return;
		}
		const encoding = url.searchParams.get('encoding') ?? 'json';
		if (encoding !== 'json') {
			ws.close(GatewayCloseCodes.DecodeError, 'This fake only speaks encoding=json');
			return;
		}
		if (compress !== null && compress !== 'zlib-stream') {
			ws.close(GatewayCloseCodes.DecodeError, 'Unsupported compression');
			return;
		}
		this.#send(connection, {
			op: GatewayOpcodes.Hello,
			d: { heartbeat_interval: this.heartbeatIntervalMs },
			s: null,
			t: null,
		});
	}

	#onMessage(connection: Connection, data: unknown, isBinary: boolean): void {
		if (isBinary) {
			connection.ws.close(GatewayCloseCodes.DecodeError, 'Binary payloads are not supported');
			return;
		}
		let payload: { op?: unknown; d?: unknown };
		try {
			payload = JSON.parse(String(data)) as { op?: unknown; d?: unknown };
		} catch {
			connection.ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload');
			return;
		}
		switch (payload.op) {
			case GatewayOpcodes.Heartbeat:
				this.#send(connection, { op: GatewayOpcodes.HeartbeatAck, d: undefined, s: null, t: null });
				return;
			case GatewayOpcodes.Identify:
				this.#identify(connection, payload.d as GatewayIdentifyData);
				return;
			case GatewayOpcodes.Resume:
				this.#resume(connection, payload.d as GatewayResumeData);
				return;
			case GatewayOpcodes.RequestGuildMembers:
				if (connection.session === null) break;
				this.#requestMembers(connection.session, payload.d as GatewayRequestGuildMembersData);
				return;
			case GatewayOpcodes.PresenceUpdate:
			case GatewayOpcodes.VoiceStateUpdate:
			case GatewayOpcodes.RequestSoundboardSounds:
				if (connection.session === null) break;
				return;
			default:
				connection.ws.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode');
				return;
		}
		connection.ws.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated');
	}

	/** IDENTIFY and RESUME both need an unauthenticated connection and the bot's token; closes the socket otherwise. */
	#admit(connection: Connection, token: string | undefined): boolean {
		if (connection.session !== null) {
			connection.ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated');
			return false;
		}
		if (token !== this.host.token && token !== `Bot ${this.host.token}`) {
			connection.ws.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed');
			return false;
		}
		return true;
	}

	#identify(connection: Connection, data: GatewayIdentifyData): void {
		if (!this.#admit(connection, data?.token)) return;
		const [shardId, shardCount] = data.shard ?? [0, 1];
		if (!(shardCount >= 1 && shardId >= 0 && shardId < shardCount)) {
			connection.ws.close(GatewayCloseCodes.InvalidShard, 'Invalid shard');
			return;
		}
		const intents = data.intents;
		if (typeof intents !== 'number' || (intents & ~ALL_INTENTS) !== 0) {
			connection.ws.close(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s)');
			return;
		}
		if ((intents & PRIVILEGED_INTENTS & ~this.host.allowedIntents) !== 0) {
			connection.ws.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s)');
			return;
		}
		this.counters.identifies++;
		this.sessionStartsRemaining = Math.max(0, this.sessionStartsRemaining - 1);
		connection.identifyCompress = data.compress === true;
		const session: Session = {
			id: randomHex(16),
			shard: [shardId, shardCount],
			intents,
			seq: 0,
			events: [],
			connection,
			ready: false,
			invalid: false,
		};
		this.#sessions.set(session.id, session);
		connection.session = session;
		const guildIds = this.host.guildIds().filter((id) => shardOf(id, shardCount) === shardId);
		this.#dispatchTo(session, {
			t: GatewayDispatchEvents.Ready,
			d: {
				v: 10,
				user: structuredClone(this.host.botUser),
				guilds: guildIds.map((id) => ({ id, unavailable: true })),
				session_id: session.id,
				resume_gateway_url: this.resumeUrl(),
				shard: [shardId, shardCount],
				application: { id: this.host.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
			},
		});
		const allMembers = (intents & GatewayIntentBits.GuildMembers) !== 0;
		for (const id of guildIds) {
			this.#dispatchTo(session, { t: GatewayDispatchEvents.GuildCreate, d: this.host.guildCreate(id, allMembers) });
		}
		session.ready = true;
		this.host.changed();
	}

	#resume(connection: Connection, data: GatewayResumeData): void {
		if (!this.#admit(connection, data?.token)) return;
		const session = this.#sessions.get(data.session_id);
		const oldest = session?.events[0]?.s ?? (session?.seq ?? 0) + 1;
		if (session === undefined || session.invalid || data.seq < oldest - 1) {
			// Discord answers an unknown or expired session with INVALID_SESSION (d: false): identify anew.
			this.counters.invalidSessions++;
			this.#send(connection, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
			return;
		}
		if (data.seq > session.seq) {
			connection.ws.close(GatewayCloseCodes.InvalidSeq, 'Invalid seq');
			return;
		}
		if (session.connection !== null && session.connection !== connection) {
			// A session lives on one connection; a resume elsewhere replaces the old one.
			const old = session.connection;
			old.session = null;
			old.ws.terminate();
		}
		this.counters.resumes++;
		session.connection = connection;
		connection.session = session;
		for (const event of session.events) {
			if (event.s > data.seq)
				this.#send(connection, { op: GatewayOpcodes.Dispatch, ...event } as GatewayReceivePayload);
		}
		this.#dispatchTo(session, { t: GatewayDispatchEvents.Resumed, d: {} as never });
		this.host.changed();
	}

	#requestMembers(session: Session, data: GatewayRequestGuildMembersData): void {
		const guildIds = Array.isArray(data.guild_id) ? data.guild_id : [data.guild_id];
		for (const guildId of guildIds) {
			let members = this.host.members(guildId);
			if ('user_ids' in data && data.user_ids !== undefined) {
				const wanted = new Set(Array.isArray(data.user_ids) ? data.user_ids : [data.user_ids]);
				members = members.filter((m) => wanted.has(m.user.id));
			} else if ('query' in data && typeof data.query === 'string') {
				const query = data.query.toLowerCase();
				members = members.filter((m) => m.user.username.toLowerCase().startsWith(query));
				if (data.limit > 0) members = members.slice(0, data.limit);
			}
			this.#dispatchTo(session, {
				t: GatewayDispatchEvents.GuildMembersChunk,
				d: {
					guild_id: guildId,
					members,
					chunk_index: 0,
					chunk_count: 1,
					...(data.nonce === undefined ? {} : { nonce: data.nonce }),
				},
			});
		}
	}

	#onClose(connection: Connection, code: number): void {
		this.#connections.delete(connection);
		connection.zlibStream?.close();
		const session = connection.session;
		if (session !== null && session.connection === connection) {
			session.connection = null;
			if (NON_RESUMABLE_CLOSE_CODES.has(code)) session.invalid = true;
		}
		this.host.changed();
	}

	/**
	 * Sends an event to every live session it concerns (right shard, right intents). Sessions that are disconnected
	 * but resumable buffer it, so a RESUME replays it, as Discord does.
	 * @returns how many sessions got or will get it on resume
	 */
	dispatch(event: DispatchEvent, target: DispatchTarget): number {
		let delivered = 0;
		for (const session of this.#sessions.values()) {
			if (session.invalid || !session.ready) continue;
			const [shardId, shardCount] = session.shard;
			const shard = target.guildId === null ? 0 : shardOf(target.guildId, shardCount);
			if (shard !== shardId) continue;
			if (target.intent !== undefined && (session.intents & target.intent) === 0) continue;
			this.#dispatchTo(session, structuredClone(event));
			delivered++;
		}
		return delivered;
	}

	#dispatchTo(session: Session, event: DispatchEvent): void {
		session.seq++;
		const entry = { s: session.seq, t: event.t, d: event.d as unknown };
		session.events.push(entry);
		if (session.events.length > REPLAY_BUFFER_EVENTS) session.events.shift();
		if (session.connection !== null) {
			this.#send(session.connection, { op: GatewayOpcodes.Dispatch, ...entry } as GatewayReceivePayload);
		}
	}

	#send(connection: Connection, payload: GatewayReceivePayload): void {
		const json = JSON.stringify(payload);
		connection.sendChain = connection.sendChain
			.then(async () => {
				if (connection.ws.readyState !== connection.ws.OPEN) return;
				if (connection.zlibStream !== null) connection.ws.send(await deflateChunk(connection.zlibStream, json));
				else if (connection.identifyCompress && payload.op === GatewayOpcodes.Dispatch) {
					connection.ws.send(zlib.deflateSync(json));
				} else connection.ws.send(json);
			})
			.catch(() => {
				// A socket that died mid-send closes; its close handler does the bookkeeping.
			});
	}

	/**
	 * Drops every gateway connection. `code` closes with that code (default 4000, after which clients resume);
	 * `'terminate'` cuts the TCP connection without a close frame (clients see 1006 and resume).
	 * @returns how many connections were dropped
	 */
	drop(how: number | 'terminate' = GatewayCloseCodes.UnknownError): number {
		const connections = [...this.#connections];
		for (const connection of connections) {
			if (how === 'terminate') connection.ws.terminate();
			else {
				if (NON_RESUMABLE_CLOSE_CODES.has(how) && connection.session !== null) connection.session.invalid = true;
				connection.ws.close(how, 'Dropped by FakeDiscord');
			}
		}
		return connections.length;
	}

	/**
	 * Sends INVALID_SESSION to every connected session. With `resumable: false` the sessions are forgotten, so
	 * clients must identify again; with `true` they may resume on the same connection.
	 */
	invalidateSessions(resumable: boolean): number {
		let count = 0;
		for (const session of this.#sessions.values()) {
			if (session.invalid || session.connection === null) continue;
			if (!resumable) session.invalid = true;
			const connection = session.connection;
			if (resumable) {
				// The client answers with RESUME on this connection; detach so that RESUME is accepted.
				session.connection = null;
				connection.session = null;
			}
			this.counters.invalidSessions++;
			this.#send(connection, { op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null });
			count++;
		}
		return count;
	}

	/** Sends op 7 RECONNECT to every connection; clients close and resume. */
	requestReconnect(): number {
		let count = 0;
		for (const connection of this.#connections) {
			if (connection.session === null) continue;
			this.#send(connection, { op: GatewayOpcodes.Reconnect, d: undefined, s: null, t: null });
			count++;
		}
		return count;
	}

	/** Every session ever identified, newest last. */
	sessions(): SessionInfo[] {
		return [...this.#sessions.values()].map((s) => ({
			id: s.id,
			shard: [...s.shard] as const,
			intents: s.intents,
			seq: s.seq,
			connected: s.connection !== null,
			ready: s.ready,
			resumable: !s.invalid,
		}));
	}

	/** Whether some session is connected and has had READY and its GUILD_CREATEs. */
	hasReadySession(): boolean {
		for (const session of this.#sessions.values()) {
			if (session.ready && !session.invalid && session.connection !== null) return true;
		}
		return false;
	}

	/** Closes every connection and stops accepting new ones. */
	async close(): Promise<void> {
		for (const connection of this.#connections) {
			connection.ws.terminate();
			connection.zlibStream?.close();
		}
		this.#connections.clear();
		await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
	}
}

/** The shard a guild's events go to: `(guild_id >> 22) % shard_count`, Discord's formula. */
export function shardOf(guildId: string, shardCount: number): number {
	return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Compresses one payload into the connection's zlib stream and returns the bytes up to a sync flush. */
function deflateChunk(deflate: zlib.Deflate, json: string): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		const onData = (chunk: Buffer): void => {
			chunks.push(chunk);
		};
		deflate.on('data', onData);
		deflate.once('error', reject);
		deflate.write(json);
		deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
			deflate.off('data', onData);
			deflate.off('error', reject);
			resolve(Buffer.concat(chunks));
		});
	});
}
