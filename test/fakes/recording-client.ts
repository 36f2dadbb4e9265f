import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import {
	type APIApplicationCommandInteractionDataOption,
	type APIMessage,
	type APIUser,
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ComponentType,
	InteractionType,
} from 'discord-api-types/v10';

/**
 * A real discord.js client whose REST requests are recorded instead of sent (discord.js's documented `makeRequest` hook),
 * with raw gateway interaction payloads fed through its own INTERACTION_CREATE handling. It tests handlers with real
 * discord.js objects and checks the exact JSON the bot would send to Discord, without a network.
 */
export interface RestCall {
	readonly method: string;
	readonly path: string;
	/** The JSON body; for a multipart request (one with files), its `payload_json`. */
	readonly body: unknown;
	/** The names of the files a multipart request uploaded. */
	readonly files: readonly string[];
}

function recordedBody(body: unknown): { body: unknown; files: string[] } {
	if (typeof body === 'string') return { body: JSON.parse(body), files: [] };
	if (body instanceof FormData) {
		const payload = body.get('payload_json');
		const files = [...body.values()].flatMap((value) => (value instanceof File ? [value.name] : []));
		return { body: typeof payload === 'string' ? JSON.parse(payload) : undefined, files };
	}
	return { body, files: [] };
}

const API = 'http://discord.invalid/api';
let nextId = 100000000000000000n;
const snowflake = (): string => String(nextId++);

export const MEMBER: APIUser = {
	id: '300000000000000001',
	username: 'student',
	discriminator: '0',
	avatar: null,
	global_name: 'Student',
};
export const OTHER_MEMBER: APIUser = {
	id: '300000000000000002',
	username: 'classmate',
	discriminator: '0',
	avatar: null,
	global_name: 'Classmate',
};
const APPLICATION_ID = '200000000000000001';
const CHANNEL = { id: '400000000000000001', type: 0, guild_id: '500000000000000001', name: 'study' };

export interface RecordingClient {
	readonly client: Client;
	readonly calls: RestCall[];
	/** Feeds one raw interaction through discord.js and resolves once `handle` has finished with it. */
	dispatch(raw: unknown, handle: (interaction: Interaction) => Promise<void>): Promise<RestCall[]>;
}

export function createRecordingClient(): RecordingClient {
	const calls: RestCall[] = [];
	const client = new Client({
		intents: [GatewayIntentBits.Guilds],
		allowedMentions: { parse: [] },
		rest: {
			api: API,
			makeRequest: async (url: string, init: { method?: string; body?: unknown }) => {
				calls.push({
					method: init.method ?? 'GET',
					path: url.replace(`${API}/v10`, '').replace(/\?.*$/, ''),
					...recordedBody(init.body),
				});
				return new Response(null, { status: 204 });
			},
		},
	} as ConstructorParameters<typeof Client>[0]);
	client.rest.setToken('test.token.value');
	return {
		client,
		calls,
		dispatch(raw, handle) {
			const before = calls.length;
			return new Promise((resolve, reject) => {
				client.once(Events.InteractionCreate, (interaction) => {
					handle(interaction).then(() => resolve(calls.slice(before)), reject);
				});
				(
					client as unknown as { actions: { InteractionCreate: { handle(data: unknown): void } } }
				).actions.InteractionCreate.handle(raw);
			});
		},
	};
}

/** English member and server; a test of another language overrides `locale` and `guild_locale` in the payload. */
function base(type: InteractionType, user: APIUser) {
	return {
		id: snowflake(),
		application_id: APPLICATION_ID,
		type,
		token: `token-${nextId}`,
		version: 1,
		entitlements: [],
		authorizing_integration_owners: {},
		app_permissions: '0',
		locale: 'en-US',
		guild_locale: 'en-US',
		channel: CHANNEL,
		channel_id: CHANNEL.id,
		user,
	};
}

/** A slash command with string options, as the gateway delivers it. */
export function slashCommand(name: string, options: Record<string, string>, user: APIUser = MEMBER) {
	const data: APIApplicationCommandInteractionDataOption[] = Object.entries(options).map(([option, value]) => ({
		name: option,
		type: ApplicationCommandOptionType.String,
		value,
	}));
	return {
		...base(InteractionType.ApplicationCommand, user),
		data: { id: snowflake(), name, type: ApplicationCommandType.ChatInput, options: data },
	};
}

/** An autocomplete request with `focused` being typed into option `option`. */
export function autocomplete(name: string, option: string, focused: string, user: APIUser = MEMBER) {
	return {
		...base(InteractionType.ApplicationCommandAutocomplete, user),
		data: {
			id: snowflake(),
			name,
			type: ApplicationCommandType.ChatInput,
			options: [{ name: option, type: ApplicationCommandOptionType.String, value: focused, focused: true }],
		},
	};
}

/** A message the bot sent, as the gateway embeds it in a component interaction: empty but for ids, type and flags. */
export function botMessage(id: string, channelId: string, fields: { type: number; flags: number }) {
	return {
		id,
		channel_id: channelId,
		author: {
			id: APPLICATION_ID,
			username: 'study-bot',
			discriminator: '0',
			avatar: null,
			global_name: null,
			bot: true,
		},
		content: '',
		timestamp: '2026-11-30T00:00:00.000Z',
		edited_timestamp: null,
		tts: false,
		mention_everyone: false,
		mentions: [],
		mention_roles: [],
		attachments: [],
		embeds: [],
		components: [],
		pinned: false,
		...fields,
	};
}

/** A click on a button of a message the bot sent in reply to `owner` (ephemeral when `flags` has 64). */
export function buttonClick(
	customId: string,
	options: { clicker?: APIUser; owner?: APIUser; ephemeral?: boolean } = {},
) {
	const owner = options.owner ?? MEMBER;
	const message = {
		...botMessage(snowflake(), CHANNEL.id, { type: 20, flags: options.ephemeral === true ? 64 : 0 }),
		interaction_metadata: {
			id: snowflake(),
			type: InteractionType.ApplicationCommand,
			user: owner,
			authorizing_integration_owners: {},
		},
	} as unknown as APIMessage;
	return {
		...base(InteractionType.MessageComponent, options.clicker ?? owner),
		message,
		data: { custom_id: customId, component_type: ComponentType.Button },
	};
}
