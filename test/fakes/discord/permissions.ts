import { type APIOverwrite, OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';

/** Every permission bit Discord defines (what owners and administrators effectively hold). */
export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** What `@everyone` may do in a new guild: see, read and talk, use commands, no moderation. */
export const DEFAULT_EVERYONE_PERMISSIONS: bigint =
	PermissionFlagsBits.ViewChannel |
	PermissionFlagsBits.SendMessages |
	PermissionFlagsBits.SendMessagesInThreads |
	PermissionFlagsBits.CreatePublicThreads |
	PermissionFlagsBits.EmbedLinks |
	PermissionFlagsBits.AttachFiles |
	PermissionFlagsBits.AddReactions |
	PermissionFlagsBits.UseExternalEmojis |
	PermissionFlagsBits.ReadMessageHistory |
	PermissionFlagsBits.UseApplicationCommands |
	PermissionFlagsBits.CreateInstantInvite |
	PermissionFlagsBits.ChangeNickname |
	PermissionFlagsBits.Connect |
	PermissionFlagsBits.Speak;

/** What a bot's managed role grants unless a test says otherwise: what a typical invite link asks for. */
export const DEFAULT_BOT_PERMISSIONS: bigint =
	PermissionFlagsBits.ViewChannel |
	PermissionFlagsBits.SendMessages |
	PermissionFlagsBits.SendMessagesInThreads |
	PermissionFlagsBits.EmbedLinks |
	PermissionFlagsBits.AttachFiles |
	PermissionFlagsBits.ReadMessageHistory |
	PermissionFlagsBits.UseApplicationCommands |
	PermissionFlagsBits.AddReactions;

/** The inputs of Discord's permission algorithm for one member of one guild. */
export interface PermissionSubject {
	readonly guildId: string;
	readonly ownerId: string;
	readonly userId: string;
	/** The member's role ids, not including `@everyone` (whose id is the guild id). */
	readonly roleIds: readonly string[];
	/** Permission bits by role id, including `@everyone`. */
	readonly rolePermissions: ReadonlyMap<string, bigint>;
}

/**
 * A member's guild-wide permissions: `@everyone` OR all their roles; owners and administrators get everything.
 * This is Discord's documented "base permissions" step.
 */
export function basePermissions(subject: PermissionSubject): bigint {
	if (subject.userId === subject.ownerId) return ALL_PERMISSIONS;
	let permissions = subject.rolePermissions.get(subject.guildId) ?? 0n;
	for (const roleId of subject.roleIds) permissions |= subject.rolePermissions.get(roleId) ?? 0n;
	if ((permissions & PermissionFlagsBits.Administrator) !== 0n) return ALL_PERMISSIONS;
	return permissions;
}

/**
 * A member's permissions in one channel: base permissions, then the `@everyone` overwrite, then the union of the
 * member's role overwrites (deny before allow), then the member's own overwrite. Administrators skip overwrites.
 */
export function channelPermissions(subject: PermissionSubject, overwrites: readonly APIOverwrite[]): bigint {
	const base = basePermissions(subject);
	if (base === ALL_PERMISSIONS) return ALL_PERMISSIONS;
	let permissions = base;
	const everyone = overwrites.find((o) => o.id === subject.guildId);
	if (everyone !== undefined) permissions = (permissions & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
	let roleDeny = 0n;
	let roleAllow = 0n;
	for (const overwrite of overwrites) {
		if (overwrite.type === OverwriteType.Role && subject.roleIds.includes(overwrite.id)) {
			roleDeny |= BigInt(overwrite.deny);
			roleAllow |= BigInt(overwrite.allow);
		}
	}
	permissions = (permissions & ~roleDeny) | roleAllow;
	const own = overwrites.find((o) => o.type === OverwriteType.Member && o.id === subject.userId);
	if (own !== undefined) permissions = (permissions & ~BigInt(own.deny)) | BigInt(own.allow);
	// Without VIEW_CHANNEL a member can do nothing in the channel.
	if ((permissions & PermissionFlagsBits.ViewChannel) === 0n) return 0n;
	return permissions;
}

/** Whether `permissions` holds every bit of `required`. */
export function hasPermissions(permissions: bigint, required: bigint): boolean {
	return (permissions & required) === required;
}
