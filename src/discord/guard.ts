import { type BaseInteraction, PermissionFlagsBits } from 'discord.js';
import { UserFacingError } from '../errors.ts';

/** The server the interaction happened in; a UserFacingError in DMs. */
export function requireGuild(interaction: BaseInteraction): string {
	if (interaction.guildId === null) throw new UserFacingError('This works only inside a server.');
	return interaction.guildId;
}

/**
 * Refuses members without Manage Server. Discord hides admin commands by `default_member_permissions`, but server
 * admins can override that per command and a client can be modified, so the handler checks the permissions Discord
 * computed for this interaction again. `action` completes the refusal: "… can <action>."
 */
export function requireManageGuild(interaction: BaseInteraction, action = 'change the daily quiz'): string {
	const guildId = requireGuild(interaction);
	if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) !== true)
		throw new UserFacingError(`Only members with the Manage Server permission can ${action}.`);
	return guildId;
}
