import {
	type APIApplicationCommand,
	type APIChannel,
	type APIDMChannel,
	type APIGuild,
	type APIGuildMember,
	type APIInteractionGuildMember,
	type APIMessage,
	type APIOverwrite,
	type APIRole,
	type APITextChannel,
	type APIUser,
	type ChannelFlags,
	ChannelType,
	type GatewayGuildCreateDispatchData,
	GuildDefaultMessageNotifications,
	GuildExplicitContentFilter,
	type GuildMemberFlags,
	GuildMFALevel,
	GuildNSFWLevel,
	GuildPremiumTier,
	GuildSystemChannelFlags,
	GuildVerificationLevel,
	Locale,
	OverwriteType,
	PermissionFlagsBits,
	type RoleFlags,
	type UserFlags,
} from 'discord-api-types/v10';
import {
	ALL_PERMISSIONS,
	basePermissions,
	channelPermissions,
	DEFAULT_BOT_PERMISSIONS,
	DEFAULT_EVERYONE_PERMISSIONS,
	type PermissionSubject,
} from './permissions.ts';
import type { SnowflakeFactory } from './snowflake.ts';

/** A user to create; `id` is generated when left out. */
export interface UserSeed {
	readonly id?: string;
	readonly username: string;
	/** Display name; defaults to `username`. */
	readonly globalName?: string | null;
	readonly bot?: boolean;
}

/** A role to create in a guild. */
export interface RoleSeed {
	readonly id?: string;
	readonly name: string;
	readonly permissions?: bigint;
}

/** A member to add to a guild: a new user, or an existing one by `userId`. */
export interface MemberSeed {
	readonly userId?: string;
	readonly username?: string;
	readonly globalName?: string | null;
	readonly nick?: string | null;
	/** Ids of existing roles of the guild. */
	readonly roleIds?: readonly string[];
	/**
	 * Guild-wide permissions for this member. Discord has no per-member permissions, so the fake creates a role
	 * named after the member that grants exactly these bits (on top of `@everyone`).
	 */
	readonly permissions?: bigint;
}

/** A text channel to create in a guild. */
export interface TextChannelSeed {
	readonly id?: string;
	readonly name: string;
	readonly topic?: string | null;
	/** `false` adds an overwrite denying the bot SEND_MESSAGES here (the bot still sees the channel). */
	readonly botCanSend?: boolean;
	/** `false` adds an overwrite denying the bot VIEW_CHANNEL here. */
	readonly botCanView?: boolean;
	/** Extra permission overwrites, as Discord stores them. */
	readonly permissionOverwrites?: readonly APIOverwrite[];
}

/** A guild to create, with what lives in it. */
export interface GuildSeed {
	readonly id?: string;
	readonly name: string;
	/** Guild-wide permissions of the bot's managed role; defaults to what a typical invite link grants. */
	readonly botPermissions?: bigint;
	/** Permissions of `@everyone`; defaults to Discord's defaults for a new guild. */
	readonly everyonePermissions?: bigint;
	readonly locale?: Locale;
	readonly roles?: readonly RoleSeed[];
	readonly channels?: readonly TextChannelSeed[];
	readonly members?: readonly MemberSeed[];
}

interface MemberRecord {
	readonly userId: string;
	roleIds: string[];
	nick: string | null;
	readonly joinedAt: string;
}

interface GuildRecord {
	readonly id: string;
	name: string;
	readonly ownerId: string;
	readonly locale: Locale;
	readonly botRoleId: string;
	readonly joinedAt: string;
	readonly roles: Map<string, APIRole>;
	readonly members: Map<string, MemberRecord>;
	readonly channelIds: string[];
}

interface ChannelRecord {
	readonly id: string;
	readonly type: ChannelType.GuildText | ChannelType.DM;
	readonly guildId: string | null;
	name: string;
	topic: string | null;
	readonly position: number;
	overwrites: APIOverwrite[];
	/** For DM channels: the other user. */
	readonly recipientId: string | null;
	lastMessageId: string | null;
}

/** A message as the fake stores it, with what Discord knows about it beyond the API object. */
export interface StoredMessage {
	message: APIMessage;
	readonly guildId: string | null;
	/** The interaction whose response or follow-up this is. */
	readonly interactionId: string | null;
}

/**
 * Everything the fake Discord knows: users, guilds with roles, members and text channels, DM channels, messages and
 * application commands. Builds the API objects (typed with discord-api-types) that REST and the gateway hand out.
 * Kept free of I/O so it stays easy to reason about.
 */
export class World {
	readonly users = new Map<string, APIUser>();
	/** Users who do not accept direct messages from the bot (server DMs turned off, or the bot blocked). */
	readonly closedDms = new Set<string>();
	readonly guilds = new Map<string, GuildRecord>();
	readonly channels = new Map<string, ChannelRecord>();
	readonly #messages = new Map<string, StoredMessage[]>();
	readonly #messageById = new Map<string, StoredMessage>();
	/** `guildId:commandName:userId` granted by a server admin's per-command override (Integrations settings). */
	readonly #commandGrants = new Set<string>();
	readonly globalCommands: APIApplicationCommand[] = [];
	readonly guildCommands = new Map<string, APIApplicationCommand[]>();

	constructor(
		private readonly ids: SnowflakeFactory,
		readonly botUser: APIUser,
	) {
		this.users.set(botUser.id, botUser);
	}

	/** A new snowflake from this world's factory. */
	newId(): string {
		return this.ids.next();
	}

	addUser(seed: UserSeed): APIUser {
		const id = seed.id ?? this.ids.next();
		if (this.users.has(id)) throw new Error(`FakeDiscord: user ${id} already exists`);
		const user: APIUser = {
			id,
			username: seed.username,
			discriminator: '0',
			global_name: seed.globalName === undefined ? seed.username : seed.globalName,
			avatar: null,
			bot: seed.bot ?? false,
			public_flags: 0 as UserFlags,
			flags: 0 as UserFlags,
			banner: null,
			accent_color: null,
		};
		this.users.set(id, user);
		return user;
	}

	user(userId: string): APIUser {
		const user = this.users.get(userId);
		if (user === undefined) throw new Error(`FakeDiscord: no user ${userId}`);
		return user;
	}

	addGuild(seed: GuildSeed): GuildRecord {
		const id = seed.id ?? this.ids.next();
		if (this.guilds.has(id)) throw new Error(`FakeDiscord: guild ${id} already exists`);
		const owner = this.addUser({ username: `${slug(seed.name)}-owner` });
		const now = new Date().toISOString();
		const botRoleId = this.ids.next();
		const guild: GuildRecord = {
			id,
			name: seed.name,
			ownerId: owner.id,
			locale: seed.locale ?? Locale.EnglishUS,
			botRoleId,
			joinedAt: now,
			roles: new Map(),
			members: new Map(),
			channelIds: [],
		};
		this.guilds.set(id, guild);
		guild.roles.set(id, role(id, '@everyone', seed.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS, 0));
		guild.roles.set(botRoleId, {
			...role(botRoleId, this.botUser.username, seed.botPermissions ?? DEFAULT_BOT_PERMISSIONS, 1),
			managed: true,
			tags: { bot_id: this.botUser.id },
		});
		guild.members.set(owner.id, { userId: owner.id, roleIds: [], nick: null, joinedAt: now });
		guild.members.set(this.botUser.id, { userId: this.botUser.id, roleIds: [botRoleId], nick: null, joinedAt: now });
		for (const r of seed.roles ?? []) this.addRole(id, r);
		for (const c of seed.channels ?? []) this.addTextChannel(id, c);
		for (const m of seed.members ?? []) this.addMember(id, m);
		return guild;
	}

	guild(guildId: string): GuildRecord {
		const guild = this.guilds.get(guildId);
		if (guild === undefined) throw new Error(`FakeDiscord: no guild ${guildId}`);
		return guild;
	}

	addRole(guildId: string, seed: RoleSeed): APIRole {
		const guild = this.guild(guildId);
		const id = seed.id ?? this.ids.next();
		const created = role(id, seed.name, seed.permissions ?? 0n, guild.roles.size);
		guild.roles.set(id, created);
		return created;
	}

	addMember(guildId: string, seed: MemberSeed): { member: APIGuildMember; user: APIUser } {
		const guild = this.guild(guildId);
		let user: APIUser;
		if (seed.userId !== undefined && this.users.has(seed.userId)) user = this.user(seed.userId);
		else {
			if (seed.username === undefined) throw new Error('FakeDiscord: addMember needs a username or an existing userId');
			user = this.addUser({
				username: seed.username,
				...(seed.userId === undefined ? {} : { id: seed.userId }),
				...(seed.globalName === undefined ? {} : { globalName: seed.globalName }),
			});
		}
		if (guild.members.has(user.id))
			throw new Error(`FakeDiscord: ${user.username} is already a member of ${guild.name}`);
		const roleIds = [...(seed.roleIds ?? [])];
		for (const roleId of roleIds) {
			if (!guild.roles.has(roleId)) throw new Error(`FakeDiscord: guild ${guild.name} has no role ${roleId}`);
		}
		if (seed.permissions !== undefined) {
			roleIds.push(this.addRole(guildId, { name: `${user.username} permissions`, permissions: seed.permissions }).id);
		}
		guild.members.set(user.id, {
			userId: user.id,
			roleIds,
			nick: seed.nick ?? null,
			joinedAt: new Date().toISOString(),
		});
		return { member: this.toMember(guildId, user.id), user };
	}

	isMember(guildId: string, userId: string): boolean {
		return this.guilds.get(guildId)?.members.has(userId) ?? false;
	}

	addTextChannel(guildId: string, seed: TextChannelSeed): ChannelRecord {
		const guild = this.guild(guildId);
		const id = seed.id ?? this.ids.next();
		if (this.channels.has(id)) throw new Error(`FakeDiscord: channel ${id} already exists`);
		const overwrites: APIOverwrite[] = [...(seed.permissionOverwrites ?? [])];
		let botDeny = 0n;
		if (seed.botCanSend === false) botDeny |= PermissionFlagsBits.SendMessages;
		if (seed.botCanView === false) botDeny |= PermissionFlagsBits.ViewChannel;
		if (botDeny !== 0n) {
			overwrites.push({ id: this.botUser.id, type: OverwriteType.Member, allow: '0', deny: botDeny.toString() });
		}
		const channel: ChannelRecord = {
			id,
			type: ChannelType.GuildText,
			guildId,
			name: seed.name,
			topic: seed.topic ?? null,
			position: guild.channelIds.length,
			overwrites,
			recipientId: null,
			lastMessageId: null,
		};
		this.channels.set(id, channel);
		guild.channelIds.push(id);
		this.#messages.set(id, []);
		return channel;
	}

	channel(channelId: string): ChannelRecord {
		const channel = this.channels.get(channelId);
		if (channel === undefined) throw new Error(`FakeDiscord: no channel ${channelId}`);
		return channel;
	}

	/** The DM channel between the bot and `userId`, created on first use (as Discord does). */
	dmChannel(userId: string): ChannelRecord {
		this.user(userId);
		for (const channel of this.channels.values()) {
			if (channel.type === ChannelType.DM && channel.recipientId === userId) return channel;
		}
		const id = this.ids.next();
		const channel: ChannelRecord = {
			id,
			type: ChannelType.DM,
			guildId: null,
			name: '',
			topic: null,
			position: 0,
			overwrites: [],
			recipientId: userId,
			lastMessageId: null,
		};
		this.channels.set(id, channel);
		this.#messages.set(id, []);
		return channel;
	}

	// ----- permissions -----

	#subject(guildId: string, userId: string): PermissionSubject {
		const guild = this.guild(guildId);
		const member = guild.members.get(userId);
		if (member === undefined) throw new Error(`FakeDiscord: ${userId} is not a member of ${guild.name}`);
		return {
			guildId,
			ownerId: guild.ownerId,
			userId,
			roleIds: member.roleIds,
			rolePermissions: new Map([...guild.roles].map(([id, r]) => [id, BigInt(r.permissions)])),
		};
	}

	/** Guild-wide permissions of a member. */
	guildPermissions(guildId: string, userId: string): bigint {
		return basePermissions(this.#subject(guildId, userId));
	}

	/** A user's permissions in a channel; in DMs, what Discord grants there (everything textual). */
	permissionsIn(channelId: string, userId: string): bigint {
		const channel = this.channel(channelId);
		if (channel.guildId === null) {
			return (
				PermissionFlagsBits.ViewChannel |
				PermissionFlagsBits.SendMessages |
				PermissionFlagsBits.ReadMessageHistory |
				PermissionFlagsBits.EmbedLinks |
				PermissionFlagsBits.AttachFiles |
				PermissionFlagsBits.AddReactions |
				PermissionFlagsBits.UseExternalEmojis |
				PermissionFlagsBits.UseApplicationCommands
			);
		}
		if (!this.isMember(channel.guildId, userId)) return 0n;
		return channelPermissions(this.#subject(channel.guildId, userId), channel.overwrites);
	}

	// ----- messages -----

	storeMessage(stored: StoredMessage): void {
		const list = this.#messages.get(stored.message.channel_id);
		if (list === undefined) throw new Error(`FakeDiscord: no channel ${stored.message.channel_id}`);
		list.push(stored);
		this.#messageById.set(stored.message.id, stored);
		this.channel(stored.message.channel_id).lastMessageId = stored.message.id;
	}

	storedMessage(messageId: string): StoredMessage | undefined {
		return this.#messageById.get(messageId);
	}

	deleteMessage(messageId: string): StoredMessage | undefined {
		const stored = this.#messageById.get(messageId);
		if (stored === undefined) return undefined;
		this.#messageById.delete(messageId);
		const list = this.#messages.get(stored.message.channel_id);
		if (list !== undefined) {
			const index = list.indexOf(stored);
			if (index >= 0) list.splice(index, 1);
		}
		return stored;
	}

	/** Messages of a channel, oldest first. */
	channelMessages(channelId: string): readonly StoredMessage[] {
		return this.#messages.get(channelId) ?? [];
	}

	// ----- API objects -----

	toRole(guildId: string, roleId: string): APIRole {
		const r = this.guild(guildId).roles.get(roleId);
		if (r === undefined) throw new Error(`FakeDiscord: no role ${roleId}`);
		return structuredClone(r);
	}

	toMember(guildId: string, userId: string): APIGuildMember {
		const member = this.guild(guildId).members.get(userId);
		if (member === undefined) throw new Error(`FakeDiscord: ${userId} is not a member of ${guildId}`);
		return {
			user: structuredClone(this.user(userId)),
			nick: member.nick,
			avatar: null,
			banner: null,
			roles: [...member.roleIds],
			joined_at: member.joinedAt,
			premium_since: null,
			deaf: false,
			mute: false,
			flags: 0 as GuildMemberFlags,
			pending: false,
			communication_disabled_until: null,
		};
	}

	/** The `member` of an interaction: the member plus their permissions in the channel it happened in. */
	toInteractionMember(guildId: string, userId: string, channelId: string): APIInteractionGuildMember {
		return {
			...this.toMember(guildId, userId),
			user: structuredClone(this.user(userId)),
			permissions: this.permissionsIn(channelId, userId).toString(),
		};
	}

	toChannel(channelId: string): APITextChannel | APIDMChannel {
		const channel = this.channel(channelId);
		if (channel.type === ChannelType.DM) {
			const recipient = this.user(channel.recipientId ?? '');
			return {
				id: channel.id,
				type: ChannelType.DM,
				name: null,
				last_message_id: channel.lastMessageId,
				recipients: [structuredClone(recipient)],
				flags: 0 as ChannelFlags,
			};
		}
		return {
			id: channel.id,
			type: ChannelType.GuildText,
			guild_id: channel.guildId ?? '',
			name: channel.name,
			topic: channel.topic,
			position: channel.position,
			permission_overwrites: structuredClone(channel.overwrites),
			nsfw: false,
			parent_id: null,
			last_message_id: channel.lastMessageId,
			last_pin_timestamp: null,
			rate_limit_per_user: 0,
			default_auto_archive_duration: 4320,
			default_thread_rate_limit_per_user: 0,
			flags: 0 as ChannelFlags,
		};
	}

	toGuild(guildId: string): APIGuild {
		const guild = this.guild(guildId);
		return {
			id: guild.id,
			name: guild.name,
			icon: null,
			icon_hash: null,
			splash: null,
			discovery_splash: null,
			banner: null,
			description: null,
			owner_id: guild.ownerId,
			region: 'us-west',
			afk_channel_id: null,
			afk_timeout: 300,
			widget_enabled: false,
			widget_channel_id: null,
			verification_level: GuildVerificationLevel.None,
			default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
			explicit_content_filter: GuildExplicitContentFilter.Disabled,
			roles: [...guild.roles.values()].map((r) => structuredClone(r)),
			emojis: [],
			stickers: [],
			features: [],
			mfa_level: GuildMFALevel.None,
			application_id: null,
			system_channel_id: null,
			system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
			rules_channel_id: null,
			max_presences: null,
			max_members: 500_000,
			vanity_url_code: null,
			premium_tier: GuildPremiumTier.None,
			premium_subscription_count: 0,
			preferred_locale: guild.locale,
			public_updates_channel_id: null,
			max_video_channel_users: 25,
			max_stage_video_channel_users: 50,
			approximate_member_count: guild.members.size,
			approximate_presence_count: 0,
			nsfw_level: GuildNSFWLevel.Default,
			premium_progress_bar_enabled: false,
			safety_alerts_channel_id: null,
			hub_type: null,
			incidents_data: null,
		};
	}

	/**
	 * GUILD_CREATE as the gateway sends it to a bot. Without the GUILD_MEMBERS intent Discord only includes the bot's
	 * own member (and people in voice, of which the fake has none); with it, every member.
	 */
	toGuildCreate(guildId: string, allMembers: boolean): GatewayGuildCreateDispatchData {
		const guild = this.guild(guildId);
		const memberIds = allMembers ? [...guild.members.keys()] : [this.botUser.id];
		return {
			...this.toGuild(guildId),
			joined_at: guild.joinedAt,
			large: false,
			unavailable: false,
			member_count: guild.members.size,
			voice_states: [],
			members: memberIds.map((id) => this.toMember(guildId, id)),
			channels: guild.channelIds.map((id) => this.toChannel(id) as APITextChannel),
			threads: [],
			presences: [],
			stage_instances: [],
			guild_scheduled_events: [],
			soundboard_sounds: [],
		};
	}

	/** Guild ids in creation order. */
	/**
	 * A server admin allows one member a command regardless of its `default_member_permissions`, as Discord's
	 * per-command permission overrides do; the bot must still check what matters itself.
	 */
	grantCommand(guildId: string, commandName: string, userId: string): void {
		this.#commandGrants.add(`${guildId}:${commandName}:${userId}`);
	}

	commandGranted(guildId: string, commandName: string, userId: string): boolean {
		return this.#commandGrants.has(`${guildId}:${commandName}:${userId}`);
	}

	guildIds(): string[] {
		return [...this.guilds.keys()];
	}

	/** Channel objects for an interaction payload (`channel`): the channel plus the invoker's permissions in it. */
	toInteractionChannel(channelId: string, userId: string): APIChannel & { permissions: string } {
		return { ...this.toChannel(channelId), permissions: this.permissionsIn(channelId, userId).toString() };
	}

	/** The guild's registered commands (created on first use). */
	commandsOf(guildId: string | null): APIApplicationCommand[] {
		if (guildId === null) return this.globalCommands;
		let list = this.guildCommands.get(guildId);
		if (list === undefined) {
			list = [];
			this.guildCommands.set(guildId, list);
		}
		return list;
	}
}

function role(id: string, name: string, permissions: bigint, position: number): APIRole {
	return {
		id,
		name,
		color: 0,
		colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
		hoist: false,
		icon: null,
		unicode_emoji: null,
		position,
		permissions: (permissions & ALL_PERMISSIONS).toString(),
		managed: false,
		mentionable: false,
		flags: 0 as RoleFlags,
	};
}

function slug(name: string): string {
	return (
		name
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '') || 'guild'
	);
}
