import * as spec from 'discord-api-spec/zod';
import {
	type APIApplication,
	type APIApplicationCommand,
	type APIApplicationCommandOption,
	type APIInteractionResponse,
	ApplicationCommandOptionType,
	ApplicationCommandType,
	type ApplicationFlags,
	ChannelType,
	InteractionResponseType,
	InteractionType,
	MessageFlags,
	MessageType,
	PermissionFlagsBits,
	RESTJSONErrorCodes,
	type RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord-api-types/v10';
import type { ZodMiniType } from 'zod/mini';
import { type Core, isEphemeral, type Upload } from './core.ts';
import {
	alreadyAcknowledged,
	apiError,
	cannotMessageUser,
	editOthersMessage,
	emptyMessage,
	type FieldIssue,
	invalidFormBody,
	invalidWebhookToken,
	missingAccess,
	missingPermissions,
	unknownChannel,
	unknownCommand,
	unknownGuild,
	unknownInteraction,
	unknownMember,
	unknownMessage,
	unknownUser,
	unknownWebhook,
} from './errors.ts';
import type { FakeInteraction } from './interaction.ts';
import { hasPermissions } from './permissions.ts';
import type { RouteKey } from './routes.ts';
import type { StoredMessage } from './state.ts';
import {
	type ChoiceValueType,
	checkAutocompleteLimits,
	checkCommand,
	checkMessageLimits,
	checkModalLimits,
	checkWithSpec,
	isEmptyMessage,
	LIMITS,
	mergeIssues,
	normalizeCommandForSpec,
} from './validate.ts';

/** A REST request after parsing, as route handlers see it. */
export interface RestRequest {
	readonly method: string;
	readonly path: string;
	readonly params: Readonly<Record<string, string>>;
	readonly query: URLSearchParams;
	/** The JSON body (for multipart, `payload_json`); undefined when there was none. */
	readonly body: unknown;
	readonly uploads: readonly Upload[];
	/** Set by handlers once they know which interaction the request is about, so rejections are filed with it. */
	interaction: FakeInteraction | null;
}

/** A handler's answer; errors are thrown as DiscordHttpError. */
export interface RestResult {
	readonly status: number;
	readonly body?: unknown;
}

/** Serves one route; throws DiscordHttpError for Discord's error responses. */
export type Handler = (request: RestRequest) => RestResult;

const ok = (body: unknown): RestResult => ({ status: 200, body });
const NO_CONTENT: RestResult = { status: 204 };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Interaction callback types Discord accepts for each interaction type. */
const ALLOWED_CALLBACKS: Readonly<Record<InteractionType, readonly InteractionResponseType[]>> = {
	[InteractionType.Ping]: [InteractionResponseType.Pong],
	[InteractionType.ApplicationCommand]: [
		InteractionResponseType.ChannelMessageWithSource,
		InteractionResponseType.DeferredChannelMessageWithSource,
		InteractionResponseType.Modal,
		InteractionResponseType.PremiumRequired,
		InteractionResponseType.LaunchActivity,
	],
	[InteractionType.MessageComponent]: [
		InteractionResponseType.ChannelMessageWithSource,
		InteractionResponseType.DeferredChannelMessageWithSource,
		InteractionResponseType.DeferredMessageUpdate,
		InteractionResponseType.UpdateMessage,
		InteractionResponseType.Modal,
		InteractionResponseType.PremiumRequired,
		InteractionResponseType.LaunchActivity,
	],
	[InteractionType.ApplicationCommandAutocomplete]: [InteractionResponseType.ApplicationCommandAutocompleteResult],
	[InteractionType.ModalSubmit]: [
		InteractionResponseType.ChannelMessageWithSource,
		InteractionResponseType.DeferredChannelMessageWithSource,
		InteractionResponseType.DeferredMessageUpdate,
		InteractionResponseType.UpdateMessage,
		InteractionResponseType.PremiumRequired,
	],
};

/** The spec schema for each callback type. */
const CALLBACK_SCHEMAS: Partial<Record<InteractionResponseType, ZodMiniType>> = {
	[InteractionResponseType.Pong]: spec.PongInteractionCallbackRequestSchema,
	[InteractionResponseType.ChannelMessageWithSource]: spec.CreateMessageInteractionCallbackRequestSchema,
	[InteractionResponseType.DeferredChannelMessageWithSource]: spec.CreateMessageInteractionCallbackRequestSchema,
	[InteractionResponseType.DeferredMessageUpdate]: spec.UpdateMessageInteractionCallbackRequestSchema,
	[InteractionResponseType.UpdateMessage]: spec.UpdateMessageInteractionCallbackRequestSchema,
	[InteractionResponseType.ApplicationCommandAutocompleteResult]:
		spec.ApplicationCommandAutocompleteCallbackRequestSchema,
	[InteractionResponseType.Modal]: spec.ModalInteractionCallbackRequestSchema,
	[InteractionResponseType.LaunchActivity]: spec.LaunchActivityInteractionCallbackRequestSchema,
};

/** The route handlers of the fake, one per route it serves (the Record type makes sure none is missing). */
export function createHandlers(core: Core): Record<RouteKey, Handler> {
	const { world, config } = core;

	/** Spec schema issues, unless spec validation is switched off. */
	const specIssues = (schema: ZodMiniType, body: unknown): FieldIssue[] =>
		config.validateWithSpec ? checkWithSpec(schema, body) : [];

	const rejectIfInvalid = (...lists: FieldIssue[][]): void => {
		const issues = mergeIssues(...lists);
		if (issues.length > 0) throw invalidFormBody(issues);
	};

	const jsonBody = (request: RestRequest): Json => {
		if (!isObject(request.body)) {
			throw invalidFormBody([
				{ path: [], code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' },
			]);
		}
		return request.body;
	};

	// ----- channels & messages -----

	/** A channel the bot can see; 10003 for unknown ones, 50001 for ones it cannot see. */
	const visibleChannel = (channelId: string) => {
		const channel = world.channels.get(channelId);
		if (channel === undefined) throw unknownChannel();
		const permissions = world.permissionsIn(channelId, config.botUser.id);
		if (!hasPermissions(permissions, PermissionFlagsBits.ViewChannel)) throw missingAccess();
		return { channel, permissions };
	};

	/** A message of a channel as the channel routes see it: ephemeral messages do not exist there. */
	const channelMessage = (channelId: string, messageId: string): StoredMessage => {
		const stored = world.storedMessage(messageId);
		if (stored === undefined || stored.message.channel_id !== channelId || isEphemeral(stored.message)) {
			throw unknownMessage();
		}
		return stored;
	};

	const visibleMessages = (channelId: string) =>
		world.channelMessages(channelId).filter((stored) => !isEphemeral(stored.message));

	// ----- interactions -----

	/** The interaction behind a webhook token, usable only after the initial response and for 15 minutes. */
	const webhookInteraction = (request: RestRequest): FakeInteraction => {
		if (request.params.application_id !== config.applicationId) throw unknownWebhook();
		const interaction = core.interactionsByToken.get(request.params.interaction_token ?? '');
		if (interaction === undefined) throw unknownWebhook();
		request.interaction = interaction;
		if (Date.now() - interaction.createdAtMs > config.interactionTokenLifetimeMs) throw invalidWebhookToken();
		if (interaction.status !== 'acknowledged') throw unknownWebhook();
		return interaction;
	};

	/** `@original` or a message id, resolved to a message of this interaction. */
	const webhookMessage = (interaction: FakeInteraction, messageId: string): StoredMessage => {
		const id = messageId === '@original' ? interaction.originalId : messageId;
		if (id === null || !interaction.owns(id)) throw unknownMessage();
		const stored = world.storedMessage(id);
		if (stored === undefined) throw unknownMessage();
		return stored;
	};

	/** The type of the option an autocomplete is for, which decides what its choices' values must be. */
	const focusedValueType = (interaction: FakeInteraction): ChoiceValueType => {
		const payload = interaction.payload;
		if (payload.type !== InteractionType.ApplicationCommandAutocomplete) return 'string';
		const find = (options: readonly unknown[] | undefined): number | undefined => {
			for (const option of options ?? []) {
				if (!isObject(option)) continue;
				if (option.focused === true) return Number(option.type);
				const nested = find(Array.isArray(option.options) ? option.options : undefined);
				if (nested !== undefined) return nested;
			}
			return undefined;
		};
		const type = find(payload.data.options);
		if (type === ApplicationCommandOptionType.Integer) return 'integer';
		if (type === ApplicationCommandOptionType.Number) return 'number';
		return 'string';
	};

	const interactionCallback: Handler = (request) => {
		const interaction = core.interactions.get(request.params.interaction_id ?? '');
		if (interaction === undefined || interaction.token !== request.params.interaction_token) throw unknownInteraction();
		request.interaction = interaction;
		if (core.expireIfLate(interaction)) {
			core.noteLateResponse(interaction);
			throw unknownInteraction();
		}
		if (interaction.status === 'acknowledged') throw alreadyAcknowledged();
		const body = jsonBody(request);
		const type = body.type as InteractionResponseType;
		if (!ALLOWED_CALLBACKS[interaction.type].includes(type)) {
			throw invalidFormBody([
				{
					path: ['type'],
					code: 'INTERACTION_RESPONSE_TYPE_INVALID',
					message: `Response type ${String(body.type)} is not valid for interaction type ${interaction.type}.`,
				},
			]);
		}
		const schema = CALLBACK_SCHEMAS[type];
		const data = isObject(body.data) ? body.data : {};
		const limits =
			type === InteractionResponseType.ApplicationCommandAutocompleteResult
				? checkAutocompleteLimits(body, focusedValueType(interaction))
				: type === InteractionResponseType.Modal
					? checkModalLimits(body)
					: checkMessageLimits(data, ['data']);
		rejectIfInvalid(limits, schema === undefined ? [] : specIssues(schema, body));
		const payload = interaction.payload;
		const channelId = payload.channel_id ?? '';
		const componentMessage = (): StoredMessage | undefined =>
			'message' in payload && payload.message !== undefined ? world.storedMessage(payload.message.id) : undefined;
		if (
			type === InteractionResponseType.ChannelMessageWithSource &&
			isEmptyMessage(data) &&
			request.uploads.length === 0
		) {
			throw emptyMessage();
		}
		if (
			(type === InteractionResponseType.DeferredMessageUpdate || type === InteractionResponseType.UpdateMessage) &&
			componentMessage() === undefined
		) {
			// A modal opened from a slash command has no message to update.
			throw apiError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Interaction has no message to update');
		}

		switch (type) {
			case InteractionResponseType.ChannelMessageWithSource:
			case InteractionResponseType.DeferredChannelMessageWithSource: {
				const deferred = type === InteractionResponseType.DeferredChannelMessageWithSource;
				const stored = core.createMessage({
					channelId,
					// A deferral may only carry EPHEMERAL; the content (and IS_COMPONENTS_V2) comes with the edit.
					body: deferred ? { flags: Number(data.flags ?? 0) & MessageFlags.Ephemeral } : data,
					uploads: deferred ? [] : request.uploads,
					type: messageTypeFor(interaction),
					interaction,
					mayBeEphemeral: true,
					...(deferred ? { extraFlags: MessageFlags.Loading } : {}),
				});
				interaction.setOriginal(stored.message.id);
				break;
			}
			case InteractionResponseType.UpdateMessage: {
				const stored = componentMessage();
				if (stored !== undefined) {
					core.editMessage(stored, data, request.uploads);
					interaction.setOriginal(stored.message.id);
				}
				break;
			}
			case InteractionResponseType.DeferredMessageUpdate: {
				const stored = componentMessage();
				if (stored !== undefined) interaction.setOriginal(stored.message.id);
				break;
			}
			default:
				break;
		}
		interaction.acknowledge(body as unknown as APIInteractionResponse);
		core.changed();
		if (request.query.get('with_response') !== 'true') return NO_CONTENT;
		const original = interaction.originalId === null ? undefined : core.message(interaction.originalId);
		const result: RESTPostAPIInteractionCallbackWithResponseResult = {
			interaction: {
				id: interaction.id,
				type: interaction.type,
				...(original === undefined
					? {}
					: {
							response_message_id: original.id,
							response_message_loading: ((original.flags ?? 0) & MessageFlags.Loading) !== 0,
							response_message_ephemeral: isEphemeral(original),
						}),
			},
			...(original === undefined || type === InteractionResponseType.DeferredMessageUpdate
				? {}
				: { resource: { type, message: original } }),
		};
		return ok(result);
	};

	const webhookExecute: Handler = (request) => {
		const interaction = webhookInteraction(request);
		const body = jsonBody(request);
		rejectIfInvalid(checkMessageLimits(body), specIssues(spec.IncomingWebhookRequestPartialSchema, body));
		if (isEmptyMessage(body) && request.uploads.length === 0) throw emptyMessage();
		const original = interaction.originalId === null ? undefined : world.storedMessage(interaction.originalId);
		let stored: StoredMessage;
		if (
			interaction.callback?.type === InteractionResponseType.DeferredChannelMessageWithSource &&
			original !== undefined &&
			((original.message.flags ?? 0) & MessageFlags.Loading) !== 0
		) {
			// Discord: the first follow-up after a deferred reply replaces the "thinking…" message (and keeps the
			// deferral's ephemerality), rather than posting a new one.
			core.editMessage(original, body, request.uploads);
			stored = original;
		} else {
			stored = core.createMessage({
				channelId: interaction.payload.channel_id ?? '',
				body,
				uploads: request.uploads,
				type: MessageType.Default,
				interaction,
				mayBeEphemeral: true,
				...(interaction.originalId === null ? {} : { originalResponseId: interaction.originalId }),
			});
			interaction.addFollowUp(stored.message.id);
		}
		core.changed();
		// For interaction follow-ups `wait` is always true: Discord returns the message.
		return ok(structuredClone(stored.message));
	};

	const webhookGet: Handler = (request) => {
		const interaction = webhookInteraction(request);
		return ok(structuredClone(webhookMessage(interaction, request.params.message_id ?? '').message));
	};

	const webhookEdit: Handler = (request) => {
		const interaction = webhookInteraction(request);
		const stored = webhookMessage(interaction, request.params.message_id ?? '');
		const body = jsonBody(request);
		rejectIfInvalid(checkMessageLimits(body), specIssues(spec.IncomingWebhookUpdateRequestPartialSchema, body));
		core.editMessage(stored, body, request.uploads);
		return ok(structuredClone(stored.message));
	};

	const webhookDelete: Handler = (request) => {
		const interaction = webhookInteraction(request);
		core.deleteMessage(webhookMessage(interaction, request.params.message_id ?? ''));
		return NO_CONTENT;
	};

	// ----- commands -----

	const commandScope = (request: RestRequest): string | null => {
		if (request.params.application_id !== config.applicationId) throw missingAccess();
		const guildId = request.params.guild_id;
		if (guildId === undefined) return null;
		if (!world.isMember(guildId, config.botUser.id)) throw missingAccess();
		return guildId;
	};

	/** Validates one command body (create / overwrite item) and returns the issues, prefixed by `path`. */
	const commandIssues = (command: unknown, path: (string | number)[], schema: ZodMiniType): FieldIssue[] => {
		const own = checkCommand(command, path);
		const fromSpec = specIssues(schema, normalizeCommandForSpec(command)).map((issue) => ({
			...issue,
			path: [...path, ...issue.path],
		}));
		return mergeIssues(own, fromSpec);
	};

	const toStoredCommand = (body: Json, guildId: string | null, existing: APIApplicationCommand | undefined) => {
		const type =
			typeof body.type === 'number' ? (body.type as ApplicationCommandType) : ApplicationCommandType.ChatInput;
		const permissions = body.default_member_permissions;
		const command: APIApplicationCommand = {
			id: existing?.id ?? core.ids.next(),
			type,
			application_id: config.applicationId,
			...(guildId === null ? {} : { guild_id: guildId }),
			name: String(body.name),
			name_localizations: isObject(body.name_localizations)
				? (body.name_localizations as Record<string, string>)
				: null,
			description: typeof body.description === 'string' ? body.description : '',
			description_localizations: isObject(body.description_localizations)
				? (body.description_localizations as Record<string, string>)
				: null,
			...(Array.isArray(body.options)
				? { options: structuredClone(body.options) as APIApplicationCommandOption[] }
				: {}),
			default_member_permissions:
				permissions === null || permissions === undefined ? null : String(permissions as string | number),
			nsfw: body.nsfw === true,
			...(Array.isArray(body.integration_types) ? { integration_types: structuredClone(body.integration_types) } : {}),
			contexts: Array.isArray(body.contexts) ? structuredClone(body.contexts) : null,
			...(typeof body.dm_permission === 'boolean' ? { dm_permission: body.dm_permission } : {}),
			version: core.ids.next(),
		};
		return command;
	};

	const commandsList: Handler = (request) => ok(structuredClone(world.commandsOf(commandScope(request))));

	const commandsOverwrite: Handler = (request) => {
		const guildId = commandScope(request);
		const body = request.body;
		if (!Array.isArray(body)) {
			throw invalidFormBody([
				{ path: [], code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' },
			]);
		}
		const issues: FieldIssue[] = [];
		const seen = new Set<string>();
		body.forEach((command: unknown, index) => {
			issues.push(...commandIssues(command, [index], spec.ApplicationCommandUpdateRequestSchema));
			if (isObject(command)) {
				const key = `${String(command.type ?? 1)}:${String(command.name)}`;
				if (seen.has(key)) {
					issues.push({
						path: [index, 'name'],
						code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
						message: 'Application command names must be unique',
					});
				}
				seen.add(key);
			}
		});
		rejectIfInvalid(issues);
		const commands = body as Json[];
		const count = (type: ApplicationCommandType) => commands.filter((c) => (c.type ?? 1) === type).length;
		if (
			count(ApplicationCommandType.ChatInput) > LIMITS.CHAT_INPUT_COMMANDS ||
			count(ApplicationCommandType.User) > LIMITS.CONTEXT_MENU_COMMANDS ||
			count(ApplicationCommandType.Message) > LIMITS.CONTEXT_MENU_COMMANDS
		) {
			throw apiError(
				400,
				RESTJSONErrorCodes.MaximumNumberOfApplicationCommandsReached,
				'Maximum number of application commands reached',
			);
		}
		const list = world.commandsOf(guildId);
		const next = commands.map((c) =>
			toStoredCommand(
				c,
				guildId,
				list.find((old) => old.name === c.name && old.type === (c.type ?? ApplicationCommandType.ChatInput)),
			),
		);
		list.splice(0, list.length, ...next);
		core.registrationCount++;
		core.changed();
		return ok(structuredClone(next));
	};

	const commandCreate: Handler = (request) => {
		const guildId = commandScope(request);
		const body = jsonBody(request);
		rejectIfInvalid(commandIssues(body, [], spec.ApplicationCommandCreateRequestSchema));
		const list = world.commandsOf(guildId);
		const type = body.type ?? ApplicationCommandType.ChatInput;
		const index = list.findIndex((c) => c.name === body.name && c.type === type);
		const command = toStoredCommand(body, guildId, list[index]);
		if (index >= 0) list[index] = command;
		else list.push(command);
		core.registrationCount++;
		core.changed();
		// Discord answers 201 for a new command and 200 when the name already existed (an upsert).
		return { status: index >= 0 ? 200 : 201, body: structuredClone(command) };
	};

	const findCommand = (request: RestRequest): { list: APIApplicationCommand[]; index: number } => {
		const list = world.commandsOf(commandScope(request));
		const index = list.findIndex((c) => c.id === request.params.command_id);
		if (index < 0) throw unknownCommand();
		return { list, index };
	};

	const commandGet: Handler = (request) => {
		const { list, index } = findCommand(request);
		return ok(structuredClone(list[index]));
	};

	const commandEdit: Handler = (request) => {
		const { list, index } = findCommand(request);
		const existing = list[index] as APIApplicationCommand;
		const body = jsonBody(request);
		const merged = { ...structuredClone(existing), ...body };
		rejectIfInvalid(
			checkCommand(merged),
			specIssues(spec.ApplicationCommandPatchRequestPartialSchema, normalizeCommandForSpec(body)),
		);
		const command = toStoredCommand(merged, existing.guild_id ?? null, existing);
		list[index] = command;
		core.registrationCount++;
		core.changed();
		return ok(structuredClone(command));
	};

	const commandDelete: Handler = (request) => {
		const { list, index } = findCommand(request);
		list.splice(index, 1);
		core.registrationCount++;
		core.changed();
		return NO_CONTENT;
	};

	// ----- the handlers -----

	return {
		'GET /gateway': () => ok({ url: gatewayUrl(core) }),
		'GET /gateway/bot': () =>
			ok({
				url: gatewayUrl(core),
				shards: config.recommendedShards,
				session_start_limit: {
					total: 1000,
					remaining: core.gateway.sessionStartsRemaining,
					reset_after: 86_400_000,
					max_concurrency: 1,
				},
			}),
		'GET /users/@me': () => ok(structuredClone(config.botUser)),
		'GET /users/@me/guilds': () =>
			ok(
				world.guildIds().map((id) => {
					const guild = world.guild(id);
					return {
						id,
						name: guild.name,
						icon: null,
						banner: null,
						owner: false,
						permissions: world.guildPermissions(id, config.botUser.id).toString(),
						features: [],
					};
				}),
			),
		'POST /users/@me/channels': (request) => {
			const body = jsonBody(request);
			rejectIfInvalid(specIssues(spec.CreatePrivateChannelRequestSchema, body));
			const recipient = String(body.recipient_id ?? '');
			if (!world.users.has(recipient)) throw unknownUser();
			return ok(world.toChannel(world.dmChannel(recipient).id));
		},
		'GET /users/:user_id': (request) => {
			const user = world.users.get(request.params.user_id ?? '');
			if (user === undefined) throw unknownUser();
			return ok(structuredClone(user));
		},
		'GET /applications/@me': () => {
			const application: Partial<APIApplication> = {
				id: config.applicationId,
				name: config.botUser.username,
				icon: null,
				description: '',
				summary: '',
				bot_public: true,
				bot_require_code_grant: false,
				verify_key: '0'.repeat(64),
				team: null,
				flags: 0 as ApplicationFlags,
				bot: structuredClone(config.botUser),
				approximate_guild_count: world.guilds.size,
			};
			return ok(application);
		},
		'GET /applications/:application_id/commands': commandsList,
		'PUT /applications/:application_id/commands': commandsOverwrite,
		'POST /applications/:application_id/commands': commandCreate,
		'GET /applications/:application_id/commands/:command_id': commandGet,
		'PATCH /applications/:application_id/commands/:command_id': commandEdit,
		'DELETE /applications/:application_id/commands/:command_id': commandDelete,
		'GET /applications/:application_id/guilds/:guild_id/commands': commandsList,
		'PUT /applications/:application_id/guilds/:guild_id/commands': commandsOverwrite,
		'POST /applications/:application_id/guilds/:guild_id/commands': commandCreate,
		'GET /applications/:application_id/guilds/:guild_id/commands/:command_id': commandGet,
		'PATCH /applications/:application_id/guilds/:guild_id/commands/:command_id': commandEdit,
		'DELETE /applications/:application_id/guilds/:guild_id/commands/:command_id': commandDelete,
		'POST /interactions/:interaction_id/:interaction_token/callback': interactionCallback,
		'POST /webhooks/:application_id/:interaction_token': webhookExecute,
		'GET /webhooks/:application_id/:interaction_token/messages/:message_id': webhookGet,
		'PATCH /webhooks/:application_id/:interaction_token/messages/:message_id': webhookEdit,
		'DELETE /webhooks/:application_id/:interaction_token/messages/:message_id': webhookDelete,
		'GET /channels/:channel_id': (request) => {
			const { channel } = visibleChannel(request.params.channel_id ?? '');
			return ok(world.toChannel(channel.id));
		},
		'GET /channels/:channel_id/messages': (request) => {
			const { channel, permissions } = visibleChannel(request.params.channel_id ?? '');
			if (!hasPermissions(permissions, PermissionFlagsBits.ReadMessageHistory)) return ok([]);
			const limit = Number(request.query.get('limit') ?? 50);
			if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
				throw invalidFormBody([
					{ path: ['limit'], code: 'NUMBER_TYPE_MAX', message: 'int value should be between 1 and 100.' },
				]);
			}
			const newestFirst = [...visibleMessages(channel.id)].reverse();
			const before = request.query.get('before');
			const after = request.query.get('after');
			const around = request.query.get('around');
			let selected = newestFirst;
			if (before !== null) selected = newestFirst.filter((m) => BigInt(m.message.id) < BigInt(before));
			else if (after !== null) {
				// Discord returns the messages right after `after`, still newest first.
				selected = newestFirst.filter((m) => BigInt(m.message.id) > BigInt(after)).slice(-limit);
			} else if (around !== null) {
				const index = newestFirst.findIndex((m) => BigInt(m.message.id) <= BigInt(around));
				const start = Math.max(0, (index < 0 ? newestFirst.length : index) - Math.floor(limit / 2));
				selected = newestFirst.slice(start);
			}
			return ok(selected.slice(0, limit).map((m) => structuredClone(m.message)));
		},
		'POST /channels/:channel_id/messages': (request) => {
			const { channel, permissions } = visibleChannel(request.params.channel_id ?? '');
			if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.DM) {
				throw apiError(
					400,
					RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel,
					'Cannot send messages in a non-text channel',
				);
			}
			if (!hasPermissions(permissions, PermissionFlagsBits.SendMessages)) throw missingPermissions();
			if (channel.recipientId !== null && world.closedDms.has(channel.recipientId)) throw cannotMessageUser();
			const body = jsonBody(request);
			rejectIfInvalid(checkMessageLimits(body), specIssues(spec.MessageCreateRequestSchema, body));
			if (isEmptyMessage(body) && request.uploads.length === 0) throw emptyMessage();
			if (isObject(body.message_reference) && !hasPermissions(permissions, PermissionFlagsBits.ReadMessageHistory)) {
				throw missingPermissions();
			}
			const stored = core.createMessage({
				channelId: channel.id,
				body,
				uploads: request.uploads,
				type: MessageType.Default,
				interaction: null,
				mayBeEphemeral: false,
			});
			return ok(structuredClone(stored.message));
		},
		'GET /channels/:channel_id/messages/:message_id': (request) => {
			const { channel, permissions } = visibleChannel(request.params.channel_id ?? '');
			if (!hasPermissions(permissions, PermissionFlagsBits.ReadMessageHistory)) throw missingPermissions();
			return ok(structuredClone(channelMessage(channel.id, request.params.message_id ?? '').message));
		},
		'PATCH /channels/:channel_id/messages/:message_id': (request) => {
			const { channel } = visibleChannel(request.params.channel_id ?? '');
			const stored = channelMessage(channel.id, request.params.message_id ?? '');
			// Webhook (interaction) messages are not the bot user's own, even though they show its name.
			if (stored.message.author.id !== config.botUser.id || stored.message.webhook_id !== undefined) {
				throw editOthersMessage();
			}
			const body = jsonBody(request);
			rejectIfInvalid(checkMessageLimits(body), specIssues(spec.MessageEditRequestPartialSchema, body));
			core.editMessage(stored, body, request.uploads);
			return ok(structuredClone(stored.message));
		},
		'DELETE /channels/:channel_id/messages/:message_id': (request) => {
			const { channel, permissions } = visibleChannel(request.params.channel_id ?? '');
			const stored = channelMessage(channel.id, request.params.message_id ?? '');
			const own = stored.message.author.id === config.botUser.id && stored.message.webhook_id === undefined;
			if (!own && !hasPermissions(permissions, PermissionFlagsBits.ManageMessages)) throw missingPermissions();
			core.deleteMessage(stored);
			return NO_CONTENT;
		},
		'POST /channels/:channel_id/typing': (request) => {
			const { permissions } = visibleChannel(request.params.channel_id ?? '');
			if (!hasPermissions(permissions, PermissionFlagsBits.SendMessages)) throw missingPermissions();
			return NO_CONTENT;
		},
		'GET /guilds/:guild_id': (request) => {
			const guildId = request.params.guild_id ?? '';
			if (!world.guilds.has(guildId)) throw unknownGuild();
			if (!world.isMember(guildId, config.botUser.id)) throw missingAccess();
			return ok(world.toGuild(guildId));
		},
		'GET /guilds/:guild_id/channels': (request) => {
			const guildId = request.params.guild_id ?? '';
			if (!world.guilds.has(guildId)) throw unknownGuild();
			return ok(world.guild(guildId).channelIds.map((id) => world.toChannel(id)));
		},
		'GET /guilds/:guild_id/roles': (request) => {
			const guildId = request.params.guild_id ?? '';
			if (!world.guilds.has(guildId)) throw unknownGuild();
			return ok([...world.guild(guildId).roles.keys()].map((id) => world.toRole(guildId, id)));
		},
		'GET /guilds/:guild_id/members/:user_id': (request) => {
			const guildId = request.params.guild_id ?? '';
			if (!world.guilds.has(guildId)) throw unknownGuild();
			const userId = request.params.user_id ?? '';
			if (!world.isMember(guildId, userId)) throw unknownMember();
			return ok(world.toMember(guildId, userId));
		},
	};
}

function gatewayUrl(core: Core): string {
	return core.baseUrl.replace(/^http/, 'ws');
}

/** What Discord makes an interaction's reply: a command reply for commands, a plain message otherwise. */
function messageTypeFor(interaction: FakeInteraction): MessageType {
	const payload = interaction.payload;
	if (payload.type !== InteractionType.ApplicationCommand) return MessageType.Default;
	return payload.data.type === ApplicationCommandType.ChatInput
		? MessageType.ChatInputCommand
		: MessageType.ContextMenuCommand;
}
