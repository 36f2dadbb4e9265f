import { randomInt } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	type APIApplicationCommand,
	type APIApplicationCommandOptionChoice,
	type APIGuild,
	type APIGuildMember,
	type APIMessage,
	type APIRole,
	type APITextChannel,
	type APIUser,
	GatewayDispatchEvents,
	GatewayIntentBits,
	type UserFlags,
} from 'discord-api-types/v10';
import { ATTACHMENTS_PATH } from './attachments.ts';
import { Core } from './core.ts';
import { DEFAULT_HEARTBEAT_INTERVAL_MS, PRIVILEGED_INTENTS, type SessionInfo } from './gateway.ts';
import type { FakeInteraction } from './interaction.ts';
import {
	type AutocompleteInput,
	type ButtonClickInput,
	InteractionFactory,
	type ModalSubmitInput,
	type SelectMenuInput,
	type SlashCommandInput,
} from './payloads.ts';
import { DEFAULT_GLOBAL_LIMIT_PER_SECOND, type RateLimitRule } from './rate-limit.ts';
import type { FailedInteraction, RecordedRequest, RejectedRequest } from './records.ts';
import { RestServer } from './rest.ts';
import type { RouteKey } from './routes.ts';
import type { GuildSeed, MemberSeed, RoleSeed, TextChannelSeed, UserSeed } from './state.ts';

/** Discord gives a bot 3 seconds to send the initial response to an interaction. */
export const CALLBACK_DEADLINE_MS = 3_000;
/** Interaction tokens (follow-ups, edits) stay valid for 15 minutes. */
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60 * 1000;
/** Largest upload a guild without boosts accepts. */
export const ATTACHMENT_SIZE_LIMIT_BYTES = 10 * 1024 * 1024;
/** Attachment bytes a fake keeps for its CDN by default; past it the oldest files go (their URLs answer 404). */
export const ATTACHMENT_STORE_LIMIT_BYTES = 256 * 1024 * 1024;
/** How long `waitFor*` helpers wait unless told otherwise. */
export const DEFAULT_WAIT_MS = 5_000;

/** How to start a fake. Everything is optional. */
export interface FakeDiscordOptions {
	/** The bot token the fake accepts (`Authorization: Bot <token>`, IDENTIFY). */
	readonly token?: string;
	/** The application id, which is also the bot user's id. Generated when left out. */
	readonly applicationId?: string;
	readonly botUsername?: string;
	/** Guilds the bot is in from the start (with their channels, roles and members). */
	readonly guilds?: readonly GuildSeed[];
	/** Time the bot has for an initial interaction response; default CALLBACK_DEADLINE_MS (3000). */
	readonly callbackDeadlineMs?: number;
	/** How long interaction webhooks accept follow-ups and edits; default 15 minutes. */
	readonly interactionTokenLifetimeMs?: number;
	/** Requests per second per bot token across routes (interaction endpoints exempt); default 50. */
	readonly globalLimitPerSecond?: number;
	/** Overrides of per-route buckets, e.g. `{ 'POST /channels/:channel_id/messages': { limit: 5, windowMs: 5000 } }`. */
	readonly routeLimits?: Partial<Record<RouteKey, RateLimitRule>>;
	/** HELLO's heartbeat interval; default Discord's 41250 ms. */
	readonly heartbeatIntervalMs?: number;
	/** Also validate request bodies against discord-api-spec's zod schemas (default true). */
	readonly validateWithSpec?: boolean;
	/** Privileged intents switched on for the app in the developer portal; default all of them. */
	readonly privilegedIntents?: number;
	/** Shard count `/gateway/bot` recommends; default 1. */
	readonly recommendedShards?: number;
	/** Port to listen on (127.0.0.1); default 0, a free one. */
	readonly port?: number;
	/** Total attachment bytes kept for the CDN before the oldest files are dropped; default 256 MiB. */
	readonly attachmentStoreLimitBytes?: number;
}

/** Counters and records a test can assert on. */
export interface FakeDiscordStats {
	/** REST requests answered, of any status. */
	readonly requests: number;
	/** Requests refused with a 4xx other than 429: what Discord would have refused too. */
	readonly rejected: readonly RejectedRequest[];
	/** 429 responses sent (real limits and forced ones). */
	readonly tooManyRequests: number;
	/** 401, 403 and 429 responses: Discord bans an IP for a while after 10,000 of these in 10 minutes. */
	readonly invalidRequests: number;
	/** 5xx responses forced by `failNext`. */
	readonly serverErrors: number;
	/** Interactions that got no valid initial response in time. */
	readonly failedInteractions: readonly FailedInteraction[];
	/** Bugs in the fake itself (answered 500); should always be empty. */
	readonly internalErrors: readonly Error[];
	readonly gateway: {
		readonly connections: number;
		readonly identifies: number;
		readonly resumes: number;
		readonly invalidSessions: number;
	};
}

/** A failure to force on upcoming requests. */
export interface ForcedFailureOptions {
	/** 429 (rate limited) or a 5xx. */
	readonly status: 429 | 500 | 502 | 503 | 504;
	/** How many of the next matching requests fail; default 1. */
	readonly count?: number;
	/** For 429: the `retry_after` to announce; default 100 ms. */
	readonly retryAfterMs?: number;
	/** For 429: a global limit rather than the route's; default false. */
	readonly global?: boolean;
}

/**
 * A Discord-compatible fake server on 127.0.0.1: REST under `apiUrl` and the gateway at `gatewayUrl`, enough for the
 * real discord.js `Client` to log in, register commands, receive interactions and answer them. It behaves like
 * Discord where bots tend to go wrong: the 3-second interaction deadline, double acknowledgements, body limits,
 * rate limits, gateway drops and resumes. Everything lives in memory; `close()` frees it all.
 *
 * @example
 * const fake = await FakeDiscord.start({ token: 'test-token', guilds: [{ name: 'Study', channels: [{ name: 'general' }] }] });
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
 * await client.login('test-token');
 */
export class FakeDiscord {
	/** The bot token the fake accepts. */
	readonly token: string;
	readonly applicationId: string;
	/** The bot's user (its id is the application id). */
	readonly botUser: APIUser;
	readonly #core: Core;
	readonly #server: http.Server;
	readonly #factory: InteractionFactory;
	#closing: Promise<void> | null = null;

	private constructor(core: Core, server: http.Server) {
		this.#core = core;
		this.#server = server;
		this.#factory = new InteractionFactory(core);
		this.token = core.config.token;
		this.applicationId = core.config.applicationId;
		this.botUser = core.config.botUser;
	}

	/** Starts a fake listening on a free loopback port. */
	static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
		const workerId = randomInt(32);
		const applicationId = options.applicationId ?? provisionalId(workerId);
		const botUser: APIUser = {
			id: applicationId,
			username: options.botUsername ?? 'study-bot',
			discriminator: '0',
			global_name: null,
			avatar: null,
			bot: true,
			verified: true,
			mfa_enabled: false,
			flags: 0 as UserFlags,
			public_flags: 0 as UserFlags,
		};
		const core = new Core({
			token: options.token ?? 'fake-discord-token',
			applicationId,
			botUser,
			callbackDeadlineMs: options.callbackDeadlineMs ?? CALLBACK_DEADLINE_MS,
			interactionTokenLifetimeMs: options.interactionTokenLifetimeMs ?? INTERACTION_TOKEN_LIFETIME_MS,
			attachmentSizeLimitBytes: ATTACHMENT_SIZE_LIMIT_BYTES,
			attachmentStoreLimitBytes: options.attachmentStoreLimitBytes ?? ATTACHMENT_STORE_LIMIT_BYTES,
			validateWithSpec: options.validateWithSpec ?? true,
			allowedIntents: options.privilegedIntents ?? PRIVILEGED_INTENTS,
			recommendedShards: options.recommendedShards ?? 1,
			heartbeatIntervalMs: options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
			globalLimitPerSecond: options.globalLimitPerSecond ?? DEFAULT_GLOBAL_LIMIT_PER_SECOND,
			routeLimits: options.routeLimits ?? {},
			workerId,
		});
		for (const guild of options.guilds ?? []) core.world.addGuild(guild);
		const rest = new RestServer(core);
		const server = http.createServer((req, res) => {
			// Attachment URLs are the CDN's, not the API's: no token, no rate limits, not recorded as requests.
			if ((req.url ?? '').startsWith(ATTACHMENTS_PATH)) core.attachments.serve(req, res);
			else rest.handle(req, res);
		});
		server.on('upgrade', (req, socket, head) => {
			if ((req.url ?? '').startsWith('/api')) {
				socket.destroy();
				return;
			}
			core.gateway.handleUpgrade(req, socket, head);
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port ?? 0, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		const { port } = server.address() as AddressInfo;
		core.baseUrl = `http://127.0.0.1:${port}`;
		return new FakeDiscord(core, server);
	}

	/** The REST base to give discord.js: `new Client({ rest: { api: fake.apiUrl } })`. */
	get apiUrl(): string {
		return `${this.#core.baseUrl}/api`;
	}

	/** The gateway URL `/gateway/bot` hands out. */
	get gatewayUrl(): string {
		return this.#core.baseUrl.replace(/^http/, 'ws');
	}

	// ----- the world -----

	/** Adds a guild the bot is in (sends GUILD_CREATE to connected sessions, as when a bot joins a guild). */
	addGuild(seed: GuildSeed): APIGuild {
		const guild = this.#core.world.addGuild(seed);
		this.#core.gateway.dispatch(
			{ t: GatewayDispatchEvents.GuildCreate, d: this.#core.world.toGuildCreate(guild.id, false) },
			{ guildId: guild.id, intent: GatewayIntentBits.Guilds },
		);
		this.#core.changed();
		return this.#core.world.toGuild(guild.id);
	}

	/** Adds a text channel (CHANNEL_CREATE to connected sessions). */
	addTextChannel(guildId: string, seed: TextChannelSeed): APITextChannel {
		const channel = this.#core.world.addTextChannel(guildId, seed);
		const api = this.#core.world.toChannel(channel.id) as APITextChannel;
		this.#core.gateway.dispatch(
			{ t: GatewayDispatchEvents.ChannelCreate, d: { ...api, guild_id: guildId } },
			{ guildId, intent: GatewayIntentBits.Guilds },
		);
		this.#core.changed();
		return api;
	}

	/**
	 * Adds a member (a new user unless `userId` names an existing one). `permissions` become a role of their own,
	 * since Discord grants permissions through roles. Returns the member with its `user`.
	 */
	addMember(guildId: string, seed: MemberSeed): APIGuildMember {
		const { member } = this.#core.world.addMember(guildId, seed);
		this.#core.gateway.dispatch(
			{ t: GatewayDispatchEvents.GuildMemberAdd, d: { ...member, guild_id: guildId } },
			{ guildId, intent: GatewayIntentBits.GuildMembers },
		);
		this.#core.changed();
		return member;
	}

	/** Adds a role (GUILD_ROLE_CREATE to connected sessions). */
	/** A per-command permission override: `userId` may use `/commandName` in the guild whatever its default permissions. */
	grantCommand(guildId: string, commandName: string, userId: string): void {
		this.#core.world.grantCommand(guildId, commandName, userId);
	}

	addRole(guildId: string, seed: RoleSeed): APIRole {
		const role = this.#core.world.addRole(guildId, seed);
		this.#core.gateway.dispatch(
			{ t: GatewayDispatchEvents.GuildRoleCreate, d: { guild_id: guildId, role } },
			{ guildId, intent: GatewayIntentBits.Guilds },
		);
		this.#core.changed();
		return structuredClone(role);
	}

	/** Adds a user who shares no guild with the bot (for DMs). */
	addUser(seed: UserSeed): APIUser {
		return structuredClone(this.#core.world.addUser(seed));
	}

	/** Guilds the bot is in, in creation order. */
	guilds(): APIGuild[] {
		return this.#core.world.guildIds().map((id) => this.#core.world.toGuild(id));
	}

	/** Text channels of a guild, in creation order. */
	channels(guildId: string): APITextChannel[] {
		const world = this.#core.world;
		return world.guild(guildId).channelIds.map((id) => world.toChannel(id) as APITextChannel);
	}

	/** Members of a guild (the owner and the bot included), each with its `user`. */
	members(guildId: string): APIGuildMember[] {
		return this.#core.members(guildId);
	}

	/** The DM channel between the bot and a user (created on first use). */
	dmChannelId(userId: string): string {
		return this.#core.world.dmChannel(userId).id;
	}

	/**
	 * The user stops accepting direct messages from the bot (DMs from server members turned off, or the bot blocked):
	 * opening the DM channel still works, as on Discord, but sending to it fails with 403 / 50007
	 * "Cannot send messages to this user". `openDms` undoes it.
	 */
	closeDms(userId: string): void {
		this.#core.world.user(userId);
		this.#core.world.closedDms.add(userId);
	}

	/** The user accepts direct messages from the bot again. */
	openDms(userId: string): void {
		this.#core.world.closedDms.delete(userId);
	}

	/** A user's effective permissions in a channel, as Discord computes them (bot: `fake.botUser.id`). */
	permissionsIn(channelId: string, userId: string): bigint {
		return this.#core.world.permissionsIn(channelId, userId);
	}

	// ----- gateway -----

	/** Resolves once a bot has identified and received READY and every GUILD_CREATE of its shard. */
	waitForReady(options: { timeoutMs?: number } = {}): Promise<void> {
		return this.#core
			.waitFor(
				() => (this.#core.gateway.hasReadySession() ? true : undefined),
				options.timeoutMs ?? DEFAULT_WAIT_MS,
				'a bot to identify on the gateway',
			)
			.then(() => undefined);
	}

	/** Gateway sessions so far (connected or not). */
	sessions(): SessionInfo[] {
		return this.#core.gateway.sessions();
	}

	/**
	 * Drops every gateway connection: closes with `how` (default 4000, resumable) or `'terminate'`s the socket
	 * (clients see 1006 and resume). Close codes after which Discord forbids resuming (1000, 4004, 4007, 4009–4014)
	 * also invalidate the sessions. Returns how many connections were dropped.
	 */
	dropGateway(how: number | 'terminate' = 4000): number {
		return this.#core.gateway.drop(how);
	}

	/**
	 * Sends INVALID_SESSION. `resumable: false` (default) forgets the sessions: clients must IDENTIFY again.
	 * Returns how many sessions were told.
	 */
	invalidateSessions(options: { resumable?: boolean } = {}): number {
		return this.#core.gateway.invalidateSessions(options.resumable ?? false);
	}

	/** Sends op 7 RECONNECT (Discord asks clients to reconnect and resume). */
	requestReconnect(): number {
		return this.#core.gateway.requestReconnect();
	}

	// ----- commands -----

	/** Registered commands: global ones, or a guild's when `guildId` is given. */
	commands(guildId?: string): APIApplicationCommand[] {
		return structuredClone(this.#core.world.commandsOf(guildId ?? null));
	}

	/** How many times commands were written (bulk overwrite, create, edit, delete). */
	get registrationCount(): number {
		return this.#core.registrationCount;
	}

	// ----- interactions -----

	/** A user runs a slash command; the bot gets INTERACTION_CREATE. The command must be registered. */
	async slashCommand(input: SlashCommandInput): Promise<FakeInteraction> {
		return this.#core.sendInteraction(this.#factory.slashCommand(input));
	}

	/** A user types into an autocomplete option; resolves with the bot's choices (rejects if it fails to answer). */
	async autocomplete(input: AutocompleteInput): Promise<APIApplicationCommandOptionChoice[]> {
		const interaction = await this.startAutocomplete(input);
		await interaction.response();
		return interaction.choices ?? [];
	}

	/** Like `autocomplete`, but returns the interaction to inspect. */
	async startAutocomplete(input: AutocompleteInput): Promise<FakeInteraction> {
		return this.#core.sendInteraction(this.#factory.autocomplete(input));
	}

	/** A user clicks a button on a stored message (one the bot sent). */
	async clickButton(input: ButtonClickInput): Promise<FakeInteraction> {
		return this.#core.sendInteraction(this.#factory.button(input));
	}

	/** A user picks values in a select menu on a stored message. */
	async selectMenu(input: SelectMenuInput): Promise<FakeInteraction> {
		return this.#core.sendInteraction(this.#factory.select(input));
	}

	/** The user submits the modal the bot opened in answer to `input.interaction`. */
	async submitModal(input: ModalSubmitInput): Promise<FakeInteraction> {
		const interaction = this.#core.sendInteraction(this.#factory.modalSubmit(input));
		this.#core.modalSources.set(interaction.id, input.interaction);
		return interaction;
	}

	/** Every interaction sent so far, oldest first. */
	interactions(): FakeInteraction[] {
		return [...this.#core.interactions.values()];
	}

	// ----- messages -----

	/**
	 * Messages in a channel, oldest first, as they stand now. Unlike Discord's REST API this includes ephemeral
	 * interaction responses (flags & 64), which only their user would see.
	 */
	messages(channelId: string): APIMessage[] {
		return this.#core.world.channelMessages(channelId).map((stored) => structuredClone(stored.message));
	}

	/** One stored message, or undefined (unknown or deleted). */
	message(messageId: string): APIMessage | undefined {
		return this.#core.message(messageId);
	}

	/**
	 * The bytes behind an attachment (an `APIAttachment`, a discord.js `Attachment`, or its URL), as `GET <url>` serves
	 * them. Throws for URLs this fake does not serve: unknown, deleted with their message or dropped by an edit, or
	 * evicted past `attachmentStoreLimitBytes`.
	 */
	attachmentBytes(attachment: { url: string } | string): Buffer {
		const url = typeof attachment === 'string' ? attachment : attachment.url;
		const prefix = `${this.#core.baseUrl}${ATTACHMENTS_PATH}`;
		const file = url.startsWith(prefix) ? this.#core.attachments.atPath(new URL(url).pathname) : undefined;
		if (file === undefined) {
			throw new Error(
				url.startsWith(prefix)
					? `FakeDiscord: no attachment at ${url} (unknown, deleted with its message or an edit, or evicted)`
					: `FakeDiscord: ${url} is not an attachment URL of this fake (expected ${prefix}<channel>/<id>/<filename>)`,
			);
		}
		return Buffer.from(file.bytes);
	}

	/** Waits until a channel holds at least `count` messages. */
	waitForMessages(channelId: string, count: number, options: { timeoutMs?: number } = {}): Promise<APIMessage[]> {
		return this.waitFor(
			() => {
				const messages = this.messages(channelId);
				return messages.length >= count ? messages : undefined;
			},
			{ timeoutMs: options.timeoutMs, description: `${count} message(s) in channel ${channelId}` },
		);
	}

	/** Resolves with `check()`'s first defined result; re-checks after every change to the fake (requests, events). */
	waitFor<T>(
		check: () => T | undefined,
		options: { timeoutMs?: number | undefined; description?: string } = {},
	): Promise<T> {
		return this.#core.waitFor(check, options.timeoutMs ?? DEFAULT_WAIT_MS, options.description ?? 'a condition');
	}

	// ----- failures and limits -----

	/**
	 * Makes the next `count` requests on `route` (`'*'`: any route) fail with `status`, before any other checks but
	 * after authentication. 429s carry `retry_after` and the usual headers, so discord.js waits and retries.
	 */
	failNext(route: RouteKey | '*', options: ForcedFailureOptions): void {
		this.#core.limiter.force({
			route,
			status: options.status,
			remaining: options.count ?? 1,
			retryAfterMs: options.retryAfterMs ?? 100,
			global: options.global ?? false,
		});
	}

	/** Changes a route's bucket from now on. */
	setRouteLimit(route: RouteKey, rule: RateLimitRule): void {
		this.#core.limiter.setRouteLimit(route, rule);
	}

	/** Changes the global limit from now on. */
	setGlobalLimit(perSecond: number): void {
		this.#core.limiter.setGlobalLimit(perSecond);
	}

	// ----- records -----

	get stats(): FakeDiscordStats {
		const core = this.#core;
		return {
			requests: core.requests.length,
			rejected: [...core.rejected],
			tooManyRequests: core.tooManyRequests,
			invalidRequests: core.invalidRequests,
			serverErrors: core.serverErrors,
			failedInteractions: core.failedInteractions.map((f) => ({ ...f })),
			internalErrors: [...core.internalErrors],
			gateway: { ...core.gateway.counters },
		};
	}

	/** Every REST request so far, oldest first. */
	get requests(): readonly RecordedRequest[] {
		return [...this.#core.requests];
	}

	/** Stops the server: closes gateway sockets and HTTP connections, cancels timers and pending waits. Idempotent. */
	close(): Promise<void> {
		this.#closing ??= (async () => {
			this.#core.close();
			await this.#core.gateway.close();
			this.#server.closeAllConnections();
			await new Promise<void>((resolve) => this.#server.close(() => resolve()));
		})();
		return this.#closing;
	}
}

/** A snowflake for the application id before the fake's factory exists (it must not collide with later ids). */
function provisionalId(workerId: number): string {
	const ms = BigInt(Date.now() - 1_420_070_400_000 - 1);
	return ((ms << 22n) | (BigInt(workerId) << 17n) | 4095n).toString();
}
