import {
	type APIApplicationCommand,
	type APIApplicationCommandOption,
	type APIInteraction,
	type APIInteractionDataResolved,
	type APIInteractionDataResolvedChannel,
	type APIMessage,
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ChannelType,
	ComponentType,
	InteractionContextType,
	InteractionResponseType,
	InteractionType,
	Locale,
	MessageFlags,
	PermissionFlagsBits,
} from 'discord-api-types/v10';
import { type Core, interactionUser } from './core.ts';
import type { FakeInteraction } from './interaction.ts';
import { hasPermissions } from './permissions.ts';
import { randomToken } from './snowflake.ts';
import { modalTextInputs } from './validate.ts';

/** Who does something, and where. */
export interface InteractionOrigin {
	/** The user acting; must be a member of the guild (or any known user, in DMs). */
	readonly userId: string;
	/** The guild; leave out for the bot's DM with the user. */
	readonly guildId?: string;
	/** The channel; defaults to the guild's first text channel (or the DM channel). */
	readonly channelId?: string;
	/** The user's client locale; defaults to en-US. */
	readonly locale?: Locale;
}

/** Option values by option name, as a user would fill them in. User, channel, role options take ids. */
export type OptionValues = Readonly<Record<string, string | number | boolean>>;

/** A slash command to invoke. */
export interface SlashCommandInput extends InteractionOrigin {
	/** The command name; `'notes search'` (or `subcommand`) picks a subcommand, `'a b c'` a group's subcommand. */
	readonly name: string;
	readonly subcommand?: string;
	readonly subcommandGroup?: string;
	readonly options?: OptionValues;
}

/** An autocomplete request: the user is typing `value` into option `option`. */
export interface AutocompleteInput extends SlashCommandInput {
	readonly option: string;
	readonly value: string;
}

/** A click on a button of a stored message. */
export interface ButtonClickInput {
	/** The message (as returned by the fake) or its id. */
	readonly message: APIMessage | string;
	readonly customId: string;
	readonly userId: string;
	readonly locale?: Locale;
}

/** A choice in a select menu of a stored message. */
export interface SelectMenuInput extends ButtonClickInput {
	/** Option values (string selects) or ids (user, role, channel, mentionable selects). */
	readonly values: readonly string[];
}

/** Submitting the modal the bot opened in answer to `interaction`. */
export interface ModalSubmitInput {
	readonly interaction: FakeInteraction;
	/** Values by component custom id: text for text inputs, arrays for selects in labels. */
	readonly values: Readonly<Record<string, string | readonly string[]>>;
	readonly locale?: Locale;
}

/** Attachment size limit of a guild without boosts. */
const ATTACHMENT_SIZE_LIMIT_BYTES = 10 * 1024 * 1024;

type Json = Record<string, unknown>;

/**
 * Builds INTERACTION_CREATE payloads the way Discord does, from the fake's state, and refuses what a user could not
 * do in Discord's client (unknown commands, missing required options, invalid choices, clicking disabled buttons,
 * commands hidden by `default_member_permissions` or `contexts`). Such refusals throw: they are test mistakes.
 */
export class InteractionFactory {
	constructor(private readonly core: Core) {}

	slashCommand(input: SlashCommandInput): APIInteraction {
		return this.#command(input, null);
	}

	autocomplete(input: AutocompleteInput): APIInteraction {
		return this.#command(input, { option: input.option, value: input.value });
	}

	#command(input: SlashCommandInput, focus: { option: string; value: string } | null): APIInteraction {
		const origin = this.#origin(input);
		const parts = input.name.split(' ').filter((p) => p !== '');
		const command = this.#findCommand(parts[0] ?? '', origin.guildId);
		this.#checkCommandVisible(command, origin);
		// Resolve the subcommand path against the definition.
		let definitions: readonly APIApplicationCommandOption[] = command.options ?? [];
		const path: { name: string; type: ApplicationCommandOptionType }[] = [];
		const wanted = [...parts.slice(1)];
		if (input.subcommandGroup !== undefined) wanted.push(input.subcommandGroup);
		if (input.subcommand !== undefined) wanted.push(input.subcommand);
		for (const name of wanted) {
			const nested = definitions.find(
				(d) =>
					d.name === name &&
					(d.type === ApplicationCommandOptionType.Subcommand ||
						d.type === ApplicationCommandOptionType.SubcommandGroup),
			);
			if (nested === undefined) throw new Error(`FakeDiscord: /${command.name} has no subcommand (group) "${name}"`);
			path.push({ name, type: nested.type });
			definitions = 'options' in nested && nested.options !== undefined ? nested.options : [];
		}
		if (
			definitions.some(
				(d) =>
					d.type === ApplicationCommandOptionType.Subcommand || d.type === ApplicationCommandOptionType.SubcommandGroup,
			)
		) {
			throw new Error(
				`FakeDiscord: /${command.name} needs a subcommand (one of ${definitions.map((d) => d.name).join(', ')})`,
			);
		}
		const resolved = emptyResolved();
		const values: Json[] = [];
		const given = { ...(input.options ?? {}) };
		for (const definition of definitions) {
			const focused = focus !== null && focus.option === definition.name;
			if (focused) {
				if (!('autocomplete' in definition) || definition.autocomplete !== true) {
					throw new Error(`FakeDiscord: option "${definition.name}" of /${command.name} has no autocomplete`);
				}
				values.push({ name: definition.name, type: definition.type, value: focus.value, focused: true });
				continue;
			}
			const value = given[definition.name];
			delete given[definition.name];
			if (value === undefined) {
				if (definition.required === true && focus === null) {
					throw new Error(`FakeDiscord: /${command.name} needs option "${definition.name}"`);
				}
				continue;
			}
			values.push({
				name: definition.name,
				type: definition.type,
				value: this.#optionValue(definition, value, origin, resolved, focus !== null),
			});
		}
		const unknown = Object.keys(given);
		if (unknown.length > 0) throw new Error(`FakeDiscord: /${command.name} has no option(s) ${unknown.join(', ')}`);
		if (focus !== null && !values.some((v) => v.focused === true)) {
			throw new Error(`FakeDiscord: /${command.name} has no option "${focus.option}" here`);
		}
		let options: Json[] = values;
		for (const level of [...path].reverse()) options = [{ name: level.name, type: level.type, options }];
		const presentResolved = Object.fromEntries(
			Object.entries(resolved).filter(([, map]) => Object.keys(map).length > 0),
		);
		const data: Json = {
			id: command.id,
			name: command.name,
			type: ApplicationCommandType.ChatInput,
			...(command.guild_id === undefined ? {} : { guild_id: command.guild_id }),
			options,
			...(Object.keys(presentResolved).length > 0 ? { resolved: presentResolved } : {}),
		};
		const type = focus === null ? InteractionType.ApplicationCommand : InteractionType.ApplicationCommandAutocomplete;
		return { ...this.#base(type, origin), data } as unknown as APIInteraction;
	}

	#optionValue(
		definition: APIApplicationCommandOption,
		value: string | number | boolean,
		origin: ResolvedOrigin,
		resolved: Required<APIInteractionDataResolved>,
		partial: boolean,
	): string | number | boolean {
		const { world } = this.core;
		const where = `option "${definition.name}"`;
		switch (definition.type) {
			case ApplicationCommandOptionType.String: {
				if (typeof value !== 'string') throw new Error(`FakeDiscord: ${where} takes a string`);
				if (definition.choices !== undefined && !definition.choices.some((c) => c.value === value) && !partial) {
					throw new Error(`FakeDiscord: ${where} must be one of its choices`);
				}
				const length = [...value].length;
				if (
					(definition.min_length !== undefined && length < definition.min_length) ||
					(definition.max_length !== undefined && length > definition.max_length)
				) {
					throw new Error(
						`FakeDiscord: ${where} must be ${definition.min_length ?? 0}–${definition.max_length ?? 6000} characters`,
					);
				}
				return value;
			}
			case ApplicationCommandOptionType.Integer:
			case ApplicationCommandOptionType.Number: {
				if (typeof value !== 'number') throw new Error(`FakeDiscord: ${where} takes a number`);
				if (definition.type === ApplicationCommandOptionType.Integer && !Number.isInteger(value)) {
					throw new Error(`FakeDiscord: ${where} takes an integer`);
				}
				if (definition.choices !== undefined && !definition.choices.some((c) => c.value === value) && !partial) {
					throw new Error(`FakeDiscord: ${where} must be one of its choices`);
				}
				if (
					(definition.min_value !== undefined && value < definition.min_value) ||
					(definition.max_value !== undefined && value > definition.max_value)
				) {
					throw new Error(`FakeDiscord: ${where} is out of range`);
				}
				return value;
			}
			case ApplicationCommandOptionType.Boolean:
				if (typeof value !== 'boolean') throw new Error(`FakeDiscord: ${where} takes a boolean`);
				return value;
			case ApplicationCommandOptionType.User:
			case ApplicationCommandOptionType.Mentionable: {
				const id = String(value);
				if (world.users.has(id)) {
					this.#resolveUser(id, origin, resolved);
					return id;
				}
				if (definition.type === ApplicationCommandOptionType.Mentionable && origin.guildId !== null) {
					if (world.guild(origin.guildId).roles.has(id)) {
						resolved.roles[id] = world.toRole(origin.guildId, id);
						return id;
					}
				}
				throw new Error(`FakeDiscord: ${where}: no user ${id}`);
			}
			case ApplicationCommandOptionType.Role: {
				const id = String(value);
				if (origin.guildId === null || !this.core.world.guild(origin.guildId).roles.has(id)) {
					throw new Error(`FakeDiscord: ${where}: no role ${id} in this guild`);
				}
				resolved.roles[id] = world.toRole(origin.guildId, id);
				return id;
			}
			case ApplicationCommandOptionType.Channel: {
				const id = String(value);
				const channel = world.channels.get(id);
				if (channel === undefined || channel.guildId !== origin.guildId) {
					throw new Error(`FakeDiscord: ${where}: no channel ${id} in this guild`);
				}
				resolved.channels[id] = this.#resolvedChannel(id, origin.userId);
				return id;
			}
			default:
				throw new Error(`FakeDiscord: ${where}: option type ${definition.type} is not supported by the fake`);
		}
	}

	#resolveUser(id: string, origin: ResolvedOrigin, resolved: Required<APIInteractionDataResolved>): void {
		const { world } = this.core;
		resolved.users[id] = structuredClone(world.user(id));
		if (origin.guildId !== null && world.isMember(origin.guildId, id)) {
			const { user: _user, ...member } = world.toMember(origin.guildId, id);
			resolved.members[id] = { ...member, permissions: world.permissionsIn(origin.channelId, id).toString() };
		}
	}

	#resolvedChannel(channelId: string, userId: string): APIInteractionDataResolvedChannel {
		const channel = this.core.world.channel(channelId);
		return {
			id: channel.id,
			name: channel.name,
			type: channel.type === ChannelType.DM ? ChannelType.DM : ChannelType.GuildText,
			permissions: this.core.world.permissionsIn(channelId, userId).toString(),
		};
	}

	button(input: ButtonClickInput): APIInteraction {
		const { message, component } = this.#component(input, [ComponentType.Button]);
		if (component.style === 5 || component.style === 6) {
			throw new Error(`FakeDiscord: "${input.customId}" is a link/premium button; clicking it sends no interaction`);
		}
		const origin = this.#messageOrigin(message, input);
		return {
			...this.#base(InteractionType.MessageComponent, origin),
			message,
			data: { custom_id: input.customId, component_type: ComponentType.Button },
		} as unknown as APIInteraction;
	}

	select(input: SelectMenuInput): APIInteraction {
		const { message, component } = this.#component(input, [
			ComponentType.StringSelect,
			ComponentType.UserSelect,
			ComponentType.RoleSelect,
			ComponentType.MentionableSelect,
			ComponentType.ChannelSelect,
		]);
		const origin = this.#messageOrigin(message, input);
		const min = typeof component.min_values === 'number' ? component.min_values : 1;
		const max = typeof component.max_values === 'number' ? component.max_values : 1;
		if (input.values.length < min || input.values.length > max) {
			throw new Error(`FakeDiscord: select "${input.customId}" takes ${min}–${max} values, got ${input.values.length}`);
		}
		const type = Number(component.type) as ComponentType;
		const resolved = emptyResolved();
		const { world } = this.core;
		for (const value of input.values) {
			if (type === ComponentType.StringSelect) {
				const options = Array.isArray(component.options) ? (component.options as Json[]) : [];
				if (!options.some((o) => o.value === value)) {
					throw new Error(`FakeDiscord: select "${input.customId}" has no option "${value}"`);
				}
			} else if (
				(type === ComponentType.UserSelect || type === ComponentType.MentionableSelect) &&
				world.users.has(value)
			) {
				this.#resolveUser(value, origin, resolved);
			} else if (
				(type === ComponentType.RoleSelect || type === ComponentType.MentionableSelect) &&
				origin.guildId !== null &&
				world.guild(origin.guildId).roles.has(value)
			) {
				resolved.roles[value] = world.toRole(origin.guildId, value);
			} else if (type === ComponentType.ChannelSelect && world.channels.has(value)) {
				resolved.channels[value] = this.#resolvedChannel(value, origin.userId);
			} else {
				throw new Error(`FakeDiscord: "${value}" is not a valid choice for select "${input.customId}"`);
			}
		}
		const presentResolved = Object.fromEntries(
			Object.entries(resolved).filter(([, map]) => Object.keys(map).length > 0),
		);
		return {
			...this.#base(InteractionType.MessageComponent, origin),
			message,
			data: {
				custom_id: input.customId,
				component_type: type,
				values: [...input.values],
				...(Object.keys(presentResolved).length > 0 ? { resolved: presentResolved } : {}),
			},
		} as unknown as APIInteraction;
	}

	modalSubmit(input: ModalSubmitInput): APIInteraction {
		const source = input.interaction;
		const callback = source.callback;
		if (callback?.type !== InteractionResponseType.Modal) {
			throw new Error(`FakeDiscord: interaction ${source.id} was not answered with a modal`);
		}
		const modal = callback.data;
		const given = new Map(Object.entries(input.values));
		const components = (modal.components as unknown as Json[]).map((component) => submitted(component, given));
		for (const { input: field } of modalTextInputs(modal.components)) {
			const customId = String(field.custom_id);
			const value = input.values[customId];
			const required = field.required !== false;
			if (value === undefined) {
				if (required) throw new Error(`FakeDiscord: modal field "${customId}" is required`);
				continue;
			}
			const length = typeof value === 'string' ? [...value].length : 0;
			if (typeof field.min_length === 'number' && length < field.min_length && (required || length > 0)) {
				throw new Error(`FakeDiscord: modal field "${customId}" needs at least ${field.min_length} characters`);
			}
			if (typeof field.max_length === 'number' && length > field.max_length) {
				throw new Error(`FakeDiscord: modal field "${customId}" takes at most ${field.max_length} characters`);
			}
		}
		if (given.size > 0) throw new Error(`FakeDiscord: the modal has no field(s) ${[...given.keys()].join(', ')}`);
		const payload = source.payload;
		const user = interactionUser(payload);
		const origin = this.#origin({
			userId: user.id,
			...(payload.guild_id === undefined ? {} : { guildId: payload.guild_id }),
			...(payload.channel_id === undefined ? {} : { channelId: payload.channel_id }),
			...(input.locale === undefined ? {} : { locale: input.locale }),
		});
		const message =
			'message' in payload && payload.message !== undefined ? this.core.message(payload.message.id) : undefined;
		return {
			...this.#base(InteractionType.ModalSubmit, origin),
			...(message === undefined ? {} : { message }),
			data: { custom_id: modal.custom_id, components },
		} as unknown as APIInteraction;
	}

	// ----- shared parts -----

	#findCommand(name: string, guildId: string | null): APIApplicationCommand {
		const { world } = this.core;
		const guildCommands = guildId === null ? [] : (world.guildCommands.get(guildId) ?? []);
		const command = [...guildCommands, ...world.globalCommands].find(
			(c) => c.name === name && c.type === ApplicationCommandType.ChatInput,
		);
		if (command === undefined) {
			throw new Error(
				`FakeDiscord: no slash command "/${name}" is registered${guildId === null ? '' : ' globally or in this guild'}; register commands first`,
			);
		}
		return command;
	}

	/** Discord hides commands a member may not use, or that are not offered in this context. */
	#checkCommandVisible(command: APIApplicationCommand, origin: ResolvedOrigin): void {
		const inGuild = origin.guildId !== null;
		const contexts = command.contexts;
		if (contexts !== undefined && contexts !== null) {
			const context = inGuild ? InteractionContextType.Guild : InteractionContextType.BotDM;
			if (!contexts.includes(context)) throw new Error(`FakeDiscord: /${command.name} is not offered in this context`);
		} else if (!inGuild && command.dm_permission === false) {
			throw new Error(`FakeDiscord: /${command.name} is not offered in DMs`);
		}
		if (inGuild && origin.guildId !== null) {
			const permissions = this.core.world.permissionsIn(origin.channelId, origin.userId);
			if (!hasPermissions(permissions, PermissionFlagsBits.UseApplicationCommands)) {
				throw new Error(`FakeDiscord: the user may not use application commands in this channel`);
			}
			const required = command.default_member_permissions;
			const granted = this.core.world.commandGranted(origin.guildId, command.name, origin.userId);
			if (required !== null && !granted && !hasPermissions(permissions, BigInt(required))) {
				throw new Error(`FakeDiscord: /${command.name} needs permissions ${required} the user lacks`);
			}
		}
	}

	#component(input: ButtonClickInput, types: readonly ComponentType[]): { message: APIMessage; component: Json } {
		const id = typeof input.message === 'string' ? input.message : input.message.id;
		const message = this.core.message(id);
		if (message === undefined) throw new Error(`FakeDiscord: no stored message ${id} (deleted?)`);
		const component = findComponent(message.components ?? [], input.customId);
		if (component === undefined || !types.includes(Number(component.type))) {
			throw new Error(
				`FakeDiscord: message ${id} has no ${types.length === 1 ? 'button' : 'select menu'} "${input.customId}"`,
			);
		}
		if (component.disabled === true) throw new Error(`FakeDiscord: "${input.customId}" is disabled`);
		if (((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0) {
			const owner = message.interaction_metadata?.user.id;
			if (owner !== undefined && owner !== input.userId) {
				throw new Error(`FakeDiscord: message ${id} is ephemeral; only its owner can click it`);
			}
		}
		return { message, component };
	}

	#messageOrigin(message: APIMessage, input: ButtonClickInput): ResolvedOrigin {
		const channel = this.core.world.channel(message.channel_id);
		return this.#origin({
			userId: input.userId,
			channelId: channel.id,
			...(channel.guildId === null ? {} : { guildId: channel.guildId }),
			...(input.locale === undefined ? {} : { locale: input.locale }),
		});
	}

	#origin(origin: InteractionOrigin): ResolvedOrigin {
		const { world } = this.core;
		world.user(origin.userId);
		if (origin.guildId === undefined) {
			const channelId = origin.channelId ?? world.dmChannel(origin.userId).id;
			const channel = world.channel(channelId);
			if (channel.guildId !== null) throw new Error('FakeDiscord: give guildId for a guild channel');
			return { userId: origin.userId, guildId: null, channelId, locale: origin.locale ?? Locale.EnglishUS };
		}
		const guild = world.guild(origin.guildId);
		if (!guild.members.has(origin.userId))
			throw new Error(`FakeDiscord: ${origin.userId} is not a member of ${guild.name}`);
		const channelId = origin.channelId ?? guild.channelIds[0];
		if (channelId === undefined) throw new Error(`FakeDiscord: guild ${guild.name} has no text channel`);
		if (world.channel(channelId).guildId !== guild.id)
			throw new Error(`FakeDiscord: channel ${channelId} is not in ${guild.name}`);
		if (!hasPermissions(world.permissionsIn(channelId, origin.userId), PermissionFlagsBits.ViewChannel)) {
			throw new Error(`FakeDiscord: the user cannot see channel ${channelId}`);
		}
		return { userId: origin.userId, guildId: guild.id, channelId, locale: origin.locale ?? Locale.EnglishUS };
	}

	/** The fields every interaction has. */
	#base(type: InteractionType, origin: ResolvedOrigin): Json {
		const { world, config } = this.core;
		const common: Json = {
			id: this.core.ids.next(),
			application_id: config.applicationId,
			type,
			token: randomToken(),
			version: 1,
			channel: world.toInteractionChannel(origin.channelId, origin.userId),
			channel_id: origin.channelId,
			app_permissions: world.permissionsIn(origin.channelId, config.botUser.id).toString(),
			locale: origin.locale,
			entitlements: [],
			attachment_size_limit: ATTACHMENT_SIZE_LIMIT_BYTES,
		};
		if (origin.guildId === null) {
			return {
				...common,
				user: structuredClone(world.user(origin.userId)),
				authorizing_integration_owners: { '0': '0' },
				context: InteractionContextType.BotDM,
			};
		}
		const guild = world.guild(origin.guildId);
		return {
			...common,
			guild_id: guild.id,
			guild: { id: guild.id, locale: guild.locale, features: [] },
			guild_locale: guild.locale,
			member: world.toInteractionMember(guild.id, origin.userId, origin.channelId),
			authorizing_integration_owners: { '0': guild.id },
			context: InteractionContextType.Guild,
		};
	}
}

interface ResolvedOrigin {
	readonly userId: string;
	readonly guildId: string | null;
	readonly channelId: string;
	readonly locale: Locale;
}

/** Finds an interactive component by custom id anywhere in a message's component tree. */
function findComponent(components: readonly unknown[], customId: string): Json | undefined {
	for (const component of components) {
		if (typeof component !== 'object' || component === null) continue;
		const node = component as Json;
		if (node.custom_id === customId) return node;
		const children = [
			...(Array.isArray(node.components) ? node.components : []),
			...(node.accessory === undefined ? [] : [node.accessory]),
			...(node.component === undefined ? [] : [node.component]),
		];
		const found = findComponent(children, customId);
		if (found !== undefined) return found;
	}
	return undefined;
}

/** A modal component as it comes back in MODAL_SUBMIT: rows and labels keep their shape, inputs carry values. */
function submitted(component: Json, given: Map<string, string | readonly string[]>): Json {
	const type = Number(component.type);
	if (type === ComponentType.ActionRow && Array.isArray(component.components)) {
		return { type, id: component.id, components: (component.components as Json[]).map((c) => submitted(c, given)) };
	}
	if (type === ComponentType.Label && typeof component.component === 'object' && component.component !== null) {
		return { type, id: component.id, component: submitted(component.component as Json, given) };
	}
	if (type === ComponentType.TextDisplay) return { type, id: component.id };
	const customId = String(component.custom_id);
	const value = given.get(customId);
	given.delete(customId);
	if (type === ComponentType.TextInput)
		return { type, id: component.id, custom_id: customId, value: typeof value === 'string' ? value : '' };
	return { type, id: component.id, custom_id: customId, values: Array.isArray(value) ? [...value] : [] };
}

/** A fresh `resolved` map of an interaction, to be filled with what its options or values point at. */
function emptyResolved(): Required<APIInteractionDataResolved> {
	return { users: {}, members: {}, roles: {}, channels: {}, attachments: {} };
}
