import {
	type APIAttachment,
	type APIEmbed,
	type APIGuildMember,
	type APIInteraction,
	type APIMessage,
	type APIMessageInteractionMetadata,
	type APIMessageTopLevelComponent,
	type APIUser,
	GatewayDispatchEvents,
	type GatewayGuildCreateDispatchData,
	GatewayIntentBits,
	InteractionType,
	MessageFlags,
	MessageType,
} from 'discord-api-types/v10';
import { ATTACHMENTS_PATH, AttachmentStore, type StoredFile } from './attachments.ts';
import { emptyMessage } from './errors.ts';
import { Gateway, type GatewayHost } from './gateway.ts';
import { FakeInteraction, type InteractionHost } from './interaction.ts';
import { RateLimiter } from './rate-limit.ts';
import type { FailedInteraction, RecordedRequest, RejectedRequest } from './records.ts';
import { SnowflakeFactory } from './snowflake.ts';
import { type StoredMessage, World } from './state.ts';
import { isEmptyMessage } from './validate.ts';

/** Settings the core runs with (resolved from FakeDiscord's options). */
export interface CoreConfig {
	readonly token: string;
	readonly applicationId: string;
	readonly botUser: APIUser;
	readonly callbackDeadlineMs: number;
	readonly interactionTokenLifetimeMs: number;
	readonly attachmentSizeLimitBytes: number;
	/** Total attachment bytes kept for the CDN before the oldest files go. */
	readonly attachmentStoreLimitBytes: number;
	readonly validateWithSpec: boolean;
	readonly allowedIntents: number;
	readonly recommendedShards: number;
	readonly heartbeatIntervalMs: number;
	readonly globalLimitPerSecond: number;
	readonly routeLimits: ConstructorParameters<typeof RateLimiter>[1];
	readonly workerId: number;
}

/** Message flags a bot may set when sending; the rest are Discord's to set. */
const SENDABLE_FLAGS =
	MessageFlags.SuppressEmbeds |
	MessageFlags.SuppressNotifications |
	MessageFlags.IsComponentsV2 |
	MessageFlags.Ephemeral;

/** An uploaded file, before it becomes an attachment. */
export interface Upload {
	/** The multipart field the file came in, e.g. `files[0]`. */
	readonly field?: string;
	readonly filename: string;
	/** Alt text, from the payload's `attachments` entry of the same index. */
	readonly description?: string;
	readonly size: number;
	readonly contentType: string;
	/** The file's bytes, served at the attachment's URL. */
	readonly bytes: Buffer;
}

/** What goes into a new message besides its body. */
export interface NewMessage {
	readonly channelId: string;
	readonly body: Record<string, unknown>;
	readonly uploads: readonly Upload[];
	readonly type: MessageType;
	/** Sent through an interaction's webhook: the interaction. */
	readonly interaction: FakeInteraction | null;
	/** Extra flags Discord sets itself (Loading for deferred replies). */
	readonly extraFlags?: number;
	/** Whether ephemeral is allowed (only interaction responses may be ephemeral). */
	readonly mayBeEphemeral: boolean;
	/** For follow-ups: the original response's id, for `interaction_metadata`. */
	readonly originalResponseId?: string;
}

type Waiter = () => void;

/**
 * The fake's shared state and the behaviours several routes share: storing and editing messages (with the gateway
 * events they cause), creating interactions and failing them at the deadline, request records, and waiting for
 * changes. FakeDiscord is its public face; the route handlers work on it.
 */
export class Core implements InteractionHost, GatewayHost {
	readonly ids: SnowflakeFactory;
	readonly world: World;
	readonly gateway: Gateway;
	readonly limiter: RateLimiter;
	/** The bytes behind attachment URLs (the fake's CDN). */
	readonly attachments: AttachmentStore;
	readonly interactions = new Map<string, FakeInteraction>();
	readonly interactionsByToken = new Map<string, FakeInteraction>();
	/** For modal submits: the interaction that opened the modal. */
	readonly modalSources = new Map<string, FakeInteraction>();
	readonly requests: RecordedRequest[] = [];
	readonly rejected: RejectedRequest[] = [];
	readonly failedInteractions: FailedInteraction[] = [];
	readonly internalErrors: Error[] = [];
	tooManyRequests = 0;
	/** 401, 403 and 429 responses: what Discord counts towards its Cloudflare ban (10,000 per 10 minutes). */
	invalidRequests = 0;
	serverErrors = 0;
	registrationCount = 0;
	baseUrl = '';
	#closed = false;
	readonly #waiters = new Set<Waiter>();

	constructor(readonly config: CoreConfig) {
		this.ids = new SnowflakeFactory(config.workerId);
		this.world = new World(this.ids, config.botUser);
		this.limiter = new RateLimiter(config.globalLimitPerSecond, config.routeLimits);
		this.attachments = new AttachmentStore(config.attachmentStoreLimitBytes);
		this.gateway = new Gateway(this, config.heartbeatIntervalMs, () => `${this.baseUrl.replace(/^http/, 'ws')}/resume`);
	}

	// ----- GatewayHost -----

	get token(): string {
		return this.config.token;
	}
	get applicationId(): string {
		return this.config.applicationId;
	}
	get botUser(): APIUser {
		return this.config.botUser;
	}
	get allowedIntents(): number {
		return this.config.allowedIntents;
	}
	guildIds(): string[] {
		return this.world.guildIds();
	}
	guildCreate(guildId: string, allMembers: boolean): GatewayGuildCreateDispatchData {
		return this.world.toGuildCreate(guildId, allMembers);
	}
	members(guildId: string): APIGuildMember[] {
		return [...this.world.guild(guildId).members.keys()].map((id) => this.world.toMember(guildId, id));
	}

	// ----- waiting -----

	/** Wakes everything waiting on the fake's state; call after every change. */
	changed(): void {
		for (const waiter of [...this.#waiters]) waiter();
	}

	waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			const waiter: Waiter = () => {
				if (this.#closed) {
					finish();
					reject(new Error(`FakeDiscord closed while waiting for ${what}`));
					return;
				}
				let value: T | undefined;
				try {
					value = check();
				} catch (error) {
					finish();
					reject(error);
					return;
				}
				if (value !== undefined) {
					finish();
					resolve(value);
				}
			};
			const timer = setTimeout(() => {
				finish();
				reject(new Error(`FakeDiscord: timed out after ${timeoutMs} ms waiting for ${what}`));
			}, timeoutMs);
			const finish = (): void => {
				clearTimeout(timer);
				this.#waiters.delete(waiter);
			};
			this.#waiters.add(waiter);
			waiter();
		});
	}

	// ----- messages -----

	/** A copy of a stored message, or undefined. */
	message(messageId: string): APIMessage | undefined {
		const stored = this.world.storedMessage(messageId);
		return stored === undefined ? undefined : structuredClone(stored.message);
	}

	/** Builds, stores and announces a message. The body must already be validated. */
	createMessage(spec: NewMessage): StoredMessage {
		const channel = this.world.channel(spec.channelId);
		const body = spec.body;
		let flags = (typeof body.flags === 'number' ? body.flags : 0) & SENDABLE_FLAGS;
		if (!spec.mayBeEphemeral) flags &= ~MessageFlags.Ephemeral;
		flags |= spec.extraFlags ?? 0;
		const interaction = spec.interaction;
		const attachments = this.#attachments(channel.id, [], spec.uploads);
		const message: APIMessage = {
			id: this.ids.next(),
			channel_id: channel.id,
			author: structuredClone(this.config.botUser),
			content: typeof body.content === 'string' ? body.content : '',
			timestamp: new Date().toISOString(),
			edited_timestamp: null,
			tts: body.tts === true,
			mention_everyone: false,
			mentions: [],
			mention_roles: [],
			attachments: attachments.list,
			embeds: normalizeEmbeds(body.embeds),
			components: numberComponents(body.components),
			pinned: false,
			type: spec.type,
			flags,
		};
		this.#applyMentions(message, channel.guildId);
		if (interaction !== null) {
			message.webhook_id = this.config.applicationId;
			message.application_id = this.config.applicationId;
			message.interaction_metadata = this.interactionMetadata(interaction, spec.originalResponseId);
			const legacy = this.#legacyInteraction(interaction);
			if (legacy !== undefined) message.interaction = legacy;
		}
		const reference = body.message_reference;
		if (typeof reference === 'object' && reference !== null && 'message_id' in reference) {
			const referenced = this.world.storedMessage(String(reference.message_id));
			if (referenced !== undefined) {
				message.type = MessageType.Reply;
				message.message_reference = {
					message_id: referenced.message.id,
					channel_id: referenced.message.channel_id,
					...(channel.guildId === null ? {} : { guild_id: channel.guildId }),
				};
				message.referenced_message = structuredClone(referenced.message);
			}
		}
		if (typeof body.nonce === 'string' || typeof body.nonce === 'number') message.nonce = body.nonce;
		const stored: StoredMessage = { message, guildId: channel.guildId, interactionId: interaction?.id ?? null };
		this.world.storeMessage(stored);
		this.#keepFiles(attachments.files);
		this.#announce(GatewayDispatchEvents.MessageCreate, stored);
		this.changed();
		return stored;
	}

	/**
	 * Applies an edit body to a stored message: fields present replace the old ones (null clears), Loading ends,
	 * attachments not listed are dropped. Rejects with 50006 when the result would be empty.
	 */
	editMessage(stored: StoredMessage, body: Record<string, unknown>, uploads: readonly Upload[]): void {
		const before = stored.message;
		const next: APIMessage = structuredClone(before);
		if ('content' in body) next.content = typeof body.content === 'string' ? body.content : '';
		if ('embeds' in body) next.embeds = normalizeEmbeds(body.embeds);
		if ('components' in body) next.components = numberComponents(body.components);
		let files: (readonly [string, StoredFile])[] = [];
		if ('attachments' in body || uploads.length > 0) {
			const keep = Array.isArray(body.attachments)
				? body.attachments
						.map((a: unknown) => (typeof a === 'object' && a !== null && 'id' in a ? String(a.id) : ''))
						.filter((id) => before.attachments.some((old) => old.id === id))
				: before.attachments.map((a) => a.id);
			const attachments = this.#attachments(
				before.channel_id,
				before.attachments.filter((a) => keep.includes(a.id)),
				uploads,
			);
			next.attachments = attachments.list;
			files = attachments.files;
		}
		const wasLoading = ((before.flags ?? 0) & MessageFlags.Loading) !== 0;
		let flags = (before.flags ?? 0) & ~MessageFlags.Loading;
		if (typeof body.flags === 'number') {
			// Only SUPPRESS_EMBEDS can be toggled; IS_COMPONENTS_V2 can be switched on, never off.
			flags = (flags & ~MessageFlags.SuppressEmbeds) | (body.flags & MessageFlags.SuppressEmbeds);
			flags |= body.flags & MessageFlags.IsComponentsV2;
		}
		next.flags = flags;
		if (
			isEmptyMessage({
				content: next.content,
				embeds: next.embeds,
				components: next.components,
				attachments: next.attachments,
				poll: next.poll,
			})
		) {
			throw emptyMessage();
		}
		// Replacing the "thinking…" placeholder is the reply's first content, not an edit.
		next.edited_timestamp = wasLoading ? null : new Date().toISOString();
		this.#applyMentions(next, stored.guildId);
		stored.message = next;
		this.#keepFiles(files);
		// Attachments an edit drops are deleted from the CDN, as on Discord.
		for (const old of before.attachments) {
			if (!next.attachments.some((a) => a.id === old.id)) this.attachments.delete(old.id);
		}
		this.#announce(GatewayDispatchEvents.MessageUpdate, stored);
		this.changed();
	}

	/** Deletes a stored message and announces it. */
	deleteMessage(stored: StoredMessage): void {
		this.world.deleteMessage(stored.message.id);
		for (const attachment of stored.message.attachments) this.attachments.delete(attachment.id);
		if (!isEphemeral(stored.message)) {
			const intent = stored.guildId === null ? GatewayIntentBits.DirectMessages : GatewayIntentBits.GuildMessages;
			this.gateway.dispatch(
				{
					t: GatewayDispatchEvents.MessageDelete,
					d: {
						id: stored.message.id,
						channel_id: stored.message.channel_id,
						...(stored.guildId === null ? {} : { guild_id: stored.guildId }),
					},
				},
				{ guildId: stored.guildId, intent },
			);
		}
		this.changed();
	}

	/** MESSAGE_CREATE / MESSAGE_UPDATE to sessions with the message intents; ephemeral messages stay private. */
	#announce(t: GatewayDispatchEvents.MessageCreate | GatewayDispatchEvents.MessageUpdate, stored: StoredMessage): void {
		if (isEphemeral(stored.message)) return;
		const intent = stored.guildId === null ? GatewayIntentBits.DirectMessages : GatewayIntentBits.GuildMessages;
		const message = structuredClone(stored.message);
		const extra =
			stored.guildId === null
				? {}
				: {
						guild_id: stored.guildId,
						...(message.webhook_id === undefined
							? { member: omitUser(this.world.toMember(stored.guildId, message.author.id)) }
							: {}),
					};
		if (t === GatewayDispatchEvents.MessageCreate) {
			this.gateway.dispatch({ t, d: { ...message, ...extra } }, { guildId: stored.guildId, intent });
		} else {
			this.gateway.dispatch({ t, d: { ...message, ...extra } }, { guildId: stored.guildId, intent });
		}
	}

	/**
	 * A message's attachments: the kept ones, then one per upload. `files` are the uploads' bytes by attachment id,
	 * for `#keepFiles` once the message is stored (a rejected edit must not leave bytes behind).
	 */
	#attachments(
		channelId: string,
		kept: readonly APIAttachment[],
		uploads: readonly Upload[],
	): { list: APIAttachment[]; files: (readonly [string, StoredFile])[] } {
		const files: (readonly [string, StoredFile])[] = [];
		const added = uploads.map((upload): APIAttachment => {
			const id = this.ids.next();
			const url = `${this.baseUrl}${ATTACHMENTS_PATH}${channelId}/${id}/${encodeURIComponent(upload.filename)}`;
			files.push([id, { channelId, filename: upload.filename, contentType: upload.contentType, bytes: upload.bytes }]);
			return {
				id,
				filename: upload.filename,
				size: upload.size,
				url,
				proxy_url: url,
				content_type: upload.contentType,
				...(upload.description === undefined ? {} : { description: upload.description }),
			};
		});
		return { list: [...kept.map((a) => structuredClone(a)), ...added], files };
	}

	#keepFiles(files: readonly (readonly [string, StoredFile])[]): void {
		for (const [id, file] of files) this.attachments.put(id, file);
	}

	/** Fills `mentions` and `mention_roles` from `<@id>` and `<@&id>` in the content, as Discord does. */
	#applyMentions(message: APIMessage, guildId: string | null): void {
		const users = new Map<string, APIUser>();
		for (const match of message.content.matchAll(/<@!?(\d{17,20})>/g)) {
			const user = this.world.users.get(match[1] ?? '');
			if (user !== undefined) users.set(user.id, structuredClone(user));
		}
		message.mentions = [...users.values()];
		const roles = new Set<string>();
		if (guildId !== null) {
			const guild = this.world.guild(guildId);
			for (const match of message.content.matchAll(/<@&(\d{17,20})>/g)) {
				if (guild.roles.has(match[1] ?? '')) roles.add(match[1] ?? '');
			}
		}
		message.mention_roles = [...roles];
	}

	/** `interaction_metadata` of a message created in answer to `interaction`. */
	interactionMetadata(interaction: FakeInteraction, originalResponseId?: string): APIMessageInteractionMetadata {
		const payload = interaction.payload;
		const user = interactionUser(payload);
		const base = {
			id: payload.id,
			user,
			authorizing_integration_owners: payload.authorizing_integration_owners,
			...(originalResponseId === undefined ? {} : { original_response_message_id: originalResponseId }),
		};
		if (payload.type === InteractionType.MessageComponent) {
			return { ...base, type: InteractionType.MessageComponent, interacted_message_id: payload.message.id };
		}
		if (payload.type === InteractionType.ModalSubmit) {
			const source = this.modalSources.get(payload.id);
			const triggering = source === undefined ? undefined : this.interactionMetadata(source);
			if (triggering !== undefined && triggering.type !== InteractionType.ModalSubmit) {
				return { ...base, type: InteractionType.ModalSubmit, triggering_interaction_metadata: triggering };
			}
		}
		return { ...base, type: InteractionType.ApplicationCommand };
	}

	/** The deprecated `interaction` field, which Discord still sends on command responses. */
	#legacyInteraction(interaction: FakeInteraction): APIMessage['interaction'] {
		const payload = interaction.payload;
		if (payload.type !== InteractionType.ApplicationCommand) return undefined;
		return { id: payload.id, type: payload.type, name: commandPath(payload), user: interactionUser(payload) };
	}

	// ----- interactions -----

	/** Registers an interaction, starts its deadline and sends INTERACTION_CREATE. */
	sendInteraction(payload: APIInteraction): FakeInteraction {
		const interaction = new FakeInteraction(payload, this.config.callbackDeadlineMs, this, (i) => this.#expire(i));
		this.interactions.set(interaction.id, interaction);
		this.interactionsByToken.set(interaction.token, interaction);
		interaction.deliveredTo = this.gateway.dispatch(
			{ t: GatewayDispatchEvents.InteractionCreate, d: payload },
			{ guildId: payload.guild_id ?? null },
		);
		this.changed();
		return interaction;
	}

	/**
	 * Fails an interaction whose deadline has passed without a valid response. Called by its timer and also when a
	 * callback arrives late, so a late answer is refused even if the timer has not fired yet.
	 * @returns whether the interaction is (now) failed
	 */
	expireIfLate(interaction: FakeInteraction): boolean {
		if (interaction.status === 'failed') return true;
		if (interaction.status === 'pending' && Date.now() - interaction.createdAtMs >= interaction.deadlineMs) {
			this.#expire(interaction);
			return true;
		}
		return false;
	}

	#expire(interaction: FakeInteraction): void {
		if (interaction.status !== 'pending' || this.#closed) return;
		interaction.fail();
		const payload = interaction.payload;
		this.failedInteractions.push({
			interactionId: interaction.id,
			type: interaction.type,
			name: interactionName(payload),
			userId: interactionUser(payload).id,
			channelId: payload.channel_id ?? null,
			deadlineMs: interaction.deadlineMs,
			rejected: [...interaction.rejected],
			lateResponseAfterMs: null,
		});
		this.changed();
	}

	/** Records that a failed interaction got an answer after all, and how late. */
	noteLateResponse(interaction: FakeInteraction): void {
		const failure = this.failedInteractions.find((f) => f.interactionId === interaction.id);
		if (failure !== undefined && failure.lateResponseAfterMs === null) {
			failure.lateResponseAfterMs = Date.now() - interaction.createdAtMs;
		}
	}

	/** Stops timers and wakes waiters with an error; the fake is shutting down. */
	close(): void {
		this.#closed = true;
		for (const interaction of this.interactions.values()) interaction.dispose();
		this.changed();
	}
}

/** The user behind an interaction (member.user in guilds, user in DMs). */
export function interactionUser(payload: APIInteraction): APIUser {
	const user = payload.member?.user ?? payload.user;
	if (user === undefined) throw new Error('FakeDiscord: interaction without a user');
	return user;
}

/** "notes search" for a subcommand, "notes" for a plain command; the custom id for components and modals. */
export function interactionName(payload: APIInteraction): string {
	if (
		payload.type === InteractionType.ApplicationCommand ||
		payload.type === InteractionType.ApplicationCommandAutocomplete
	) {
		return commandPath(payload);
	}
	if (payload.type === InteractionType.MessageComponent || payload.type === InteractionType.ModalSubmit) {
		return payload.data.custom_id;
	}
	return 'ping';
}

function commandPath(payload: APIInteraction): string {
	if (
		payload.type !== InteractionType.ApplicationCommand &&
		payload.type !== InteractionType.ApplicationCommandAutocomplete
	) {
		return '';
	}
	const parts = [payload.data.name];
	let options: unknown = 'options' in payload.data ? payload.data.options : undefined;
	while (Array.isArray(options) && options.length === 1) {
		const only: unknown = options[0];
		if (typeof only !== 'object' || only === null || !('type' in only) || !('name' in only)) break;
		if (only.type !== 1 && only.type !== 2) break;
		parts.push(String(only.name));
		options = 'options' in only ? only.options : undefined;
	}
	return parts.join(' ');
}

/** Whether only the interaction's user can see the message (flags & 64). */
export function isEphemeral(message: APIMessage): boolean {
	return ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

function omitUser(member: APIGuildMember): Omit<APIGuildMember, 'user'> {
	const { user: _user, ...rest } = member;
	return rest;
}

/** Embeds as Discord stores them: `type: 'rich'` unless given. */
function normalizeEmbeds(embeds: unknown): APIEmbed[] {
	if (!Array.isArray(embeds)) return [];
	return embeds.map((embed: unknown) => ({ type: 'rich', ...(structuredClone(embed) as APIEmbed) }) as APIEmbed);
}

/** Components as Discord stores them: every component gets a numeric `id` if it has none. */
function numberComponents(components: unknown): APIMessageTopLevelComponent[] {
	if (!Array.isArray(components)) return [];
	const copy = structuredClone(components) as Record<string, unknown>[];
	let next = 1;
	const used = new Set<number>();
	const collect = (c: unknown): void => {
		if (typeof c !== 'object' || c === null) return;
		const node = c as Record<string, unknown>;
		if (typeof node.id === 'number') used.add(node.id);
		if (Array.isArray(node.components)) node.components.forEach(collect);
		collect(node.accessory);
		collect(node.component);
	};
	const assign = (c: unknown): void => {
		if (typeof c !== 'object' || c === null) return;
		const node = c as Record<string, unknown>;
		if (typeof node.id !== 'number') {
			while (used.has(next)) next++;
			node.id = next;
			used.add(next);
		}
		if (Array.isArray(node.components)) node.components.forEach(assign);
		assign(node.accessory);
		assign(node.component);
	};
	copy.forEach(collect);
	copy.forEach(assign);
	return copy as unknown as APIMessageTopLevelComponent[];
}
