import {
	type APIApplicationCommandInteractionDataOption,
	type APIMessage,
	type APIUser,
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ComponentType,
	InteractionType,
} from 'discord-api-types/v10';
import { botMessage } from '../fakes/recording-client.ts';

/**
 * Raw INTERACTION_CREATE payloads of interactions inside a server (`guild_id` and `member`), for the recording
 * client. Nothing checks that the ids belong together, which is the point: a modified client can send any
 * combination of server, message and custom_id, and the bot must judge them itself.
 */
export interface GuildActor {
	readonly guildId: string;
	readonly channelId: string;
	readonly user: APIUser;
	/** The member's server nickname. */
	readonly nick?: string | null;
	/** Permissions Discord computed for the member in the channel; default none. */
	readonly permissions?: bigint;
	/** The member's client locale, which picks the language of the bot's replies; default `en-US`. */
	readonly locale?: string;
}

const APPLICATION_ID = '200000000000000001';
let nextId = 900000000000000000n;
const snowflake = (): string => String(nextId++);

/** A user as the gateway sends it. */
export function apiUser(id: string, username: string, globalName: string | null = null): APIUser {
	return { id, username, discriminator: '0', avatar: null, global_name: globalName };
}

function member(actor: GuildActor) {
	return {
		user: actor.user,
		nick: actor.nick ?? null,
		roles: [],
		joined_at: '2026-01-01T00:00:00.000Z',
		deaf: false,
		mute: false,
		flags: 0,
		permissions: String(actor.permissions ?? 0n),
	};
}

function base(type: InteractionType, actor: GuildActor) {
	const id = snowflake();
	return {
		id,
		application_id: APPLICATION_ID,
		type,
		token: `guild-token-${id}`,
		version: 1,
		entitlements: [],
		authorizing_integration_owners: {},
		app_permissions: '0',
		locale: actor.locale ?? 'en-US',
		guild_locale: 'en-US',
		guild_id: actor.guildId,
		channel: { id: actor.channelId, type: 0, guild_id: actor.guildId, name: 'study' },
		channel_id: actor.channelId,
		member: member(actor),
	};
}

/**
 * A click on a button with `customId` on a message the bot posted: `message` as Discord stores it (a message of
 * the Discord fake), or just its id for a message that the payload claims exists.
 */
export function guildButtonClick(actor: GuildActor, message: APIMessage | string, customId: string) {
	const stored = typeof message === 'string' ? botMessage(message, actor.channelId, { type: 0, flags: 0 }) : message;
	return {
		...base(InteractionType.MessageComponent, actor),
		message: stored,
		data: { custom_id: customId, component_type: ComponentType.Button },
	};
}

/** Option values of a slash command: strings as typed, users by their member in the same server, channels by id. */
export interface SlashOptions {
	/** Runs this subcommand, with the options below as its own. */
	readonly subcommand?: string;
	readonly strings?: Readonly<Record<string, string>>;
	readonly users?: Readonly<Record<string, GuildActor>>;
	/** Text channels of the actor's server. */
	readonly channels?: Readonly<Record<string, string>>;
}

/** A slash command run in the actor's server; user and channel options come with their `resolved` objects. */
export function guildSlashCommand(actor: GuildActor, name: string, options: SlashOptions = {}) {
	const values: APIApplicationCommandInteractionDataOption[] = [
		...Object.entries(options.strings ?? {}).map(([option, value]) => ({
			name: option,
			type: ApplicationCommandOptionType.String as const,
			value,
		})),
		...Object.entries(options.users ?? {}).map(([option, target]) => ({
			name: option,
			type: ApplicationCommandOptionType.User as const,
			value: target.user.id,
		})),
		...Object.entries(options.channels ?? {}).map(([option, channelId]) => ({
			name: option,
			type: ApplicationCommandOptionType.Channel as const,
			value: channelId,
		})),
	];
	const targets = Object.values(options.users ?? {});
	const channelIds = Object.values(options.channels ?? {});
	const resolved = {
		...(targets.length === 0
			? {}
			: {
					users: Object.fromEntries(targets.map((target) => [target.user.id, target.user])),
					members: Object.fromEntries(
						targets.map((target) => {
							const { user: _user, ...rest } = member(target);
							return [target.user.id, rest];
						}),
					),
				}),
		...(channelIds.length === 0
			? {}
			: {
					channels: Object.fromEntries(
						channelIds.map((id) => [id, { id, type: 0, name: 'study', permissions: '0', guild_id: actor.guildId }]),
					),
				}),
	};
	const data: APIApplicationCommandInteractionDataOption[] =
		options.subcommand === undefined
			? values
			: [
					{
						name: options.subcommand,
						type: ApplicationCommandOptionType.Subcommand,
						options: values,
					} as APIApplicationCommandInteractionDataOption,
				];
	return {
		...base(InteractionType.ApplicationCommand, actor),
		data: {
			id: snowflake(),
			name,
			type: ApplicationCommandType.ChatInput,
			options: data,
			...(Object.keys(resolved).length === 0 ? {} : { resolved }),
		},
	};
}
