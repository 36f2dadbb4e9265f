import { type BaseInteraction, PermissionFlagsBits } from 'discord.js';
import { UserFacingError } from '../errors.ts';
import type { Messages } from '../i18n/messages.ts';

/** The server the interaction happened in; a UserFacingError in DMs. */
export function requireGuild(interaction: BaseInteraction): string {
	if (interaction.guildId === null) throw new UserFacingError((t) => t.common.guildOnly);
	return interaction.guildId;
}

/**
 * Refuses members without Manage Server. Discord hides admin commands by `default_member_permissions`, but server
 * admins can override that per command and a client can be modified, so the handler checks the permissions Discord
 * computed for this interaction again. `refusal` is what a member without it is told.
 */
export function requireManageGuild(
	interaction: BaseInteraction,
	refusal: (t: Messages) => string = (t) => t.daily.manageServerOnly,
): string {
	const guildId = requireGuild(interaction);
	if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) !== true) throw new UserFacingError(refusal);
	return guildId;
}
