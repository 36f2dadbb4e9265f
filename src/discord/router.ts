import { randomUUID } from 'node:crypto';
import { type Interaction, MessageFlags } from 'discord.js';
import type { Context } from '../context.ts';
import { UserFacingError } from '../errors.ts';
import { type Messages, messagesFor } from '../i18n/messages.ts';
import { StoreUnavailableError } from '../store/errors.ts';
import type { CommandModule } from './command.ts';
import { type CustomId, decodeCustomId } from './custom-id.ts';

/** A component whose custom_id points at nothing: forged, or from a feature that is gone. */
const staleButton = (t: Messages): string => t.common.staleButton;

/**
 * Routes one interaction (slash command, autocomplete, button, select menu, modal) to its command module by name or
 * versioned custom_id, and guarantees it one initial response:
 * a `UserFacingError` is shown in the member's language (`interaction.locale`), anything else is logged with an error
 * id that the member sees.
 */
export async function routeInteraction(
	interaction: Interaction,
	commands: ReadonlyMap<string, CommandModule>,
	ctx: Context,
): Promise<void> {
	try {
		if (interaction.isChatInputCommand()) {
			ctx.logger.debug(
				{
					command: interaction.commandName,
					options: Object.fromEntries(interaction.options.data.map((option) => [option.name, option.value])),
					guildId: interaction.guildId,
				},
				'interaction received',
			);
			const command = commands.get(interaction.commandName);
			if (command === undefined) {
				const name = interaction.commandName;
				throw new UserFacingError((t) => t.common.commandGone({ command: name }));
			}
			await command.execute(interaction, ctx);
		} else if (interaction.isAutocomplete()) {
			const command = commands.get(interaction.commandName);
			if (command?.autocomplete === undefined) await interaction.respond([]);
			else await command.autocomplete(interaction, ctx);
		} else if (interaction.isButton()) {
			const { id, command } = target(interaction.customId, commands);
			if (command?.onButton === undefined) throw new UserFacingError(staleButton);
			await command.onButton(interaction, ctx, id);
		} else if (interaction.isStringSelectMenu()) {
			const { id, command } = target(interaction.customId, commands);
			if (command?.onSelect === undefined) throw new UserFacingError(staleButton);
			await command.onSelect(interaction, ctx, id);
		} else if (interaction.isModalSubmit()) {
			const { id, command } = target(interaction.customId, commands);
			if (command?.onModal === undefined) throw new UserFacingError(staleButton);
			await command.onModal(interaction, ctx, id);
		}
	} catch (error) {
		await reportError(interaction, error, ctx);
	}
}

/** The command a component's custom_id points at; a forged or outdated id points at nothing. */
function target(
	customId: string,
	commands: ReadonlyMap<string, CommandModule>,
): { id: CustomId; command: CommandModule | undefined } {
	const id = decodeCustomId(customId);
	if (id === null) throw new UserFacingError(staleButton);
	return { id, command: commands.get(id.command) };
}

async function reportError(interaction: Interaction, error: unknown, ctx: Context): Promise<void> {
	let message: string;
	const t = messagesFor(interaction.locale);
	const where =
		interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : interaction.customId;
	if (error instanceof UserFacingError) {
		message = error.textIn(t);
	} else if (error instanceof StoreUnavailableError) {
		ctx.logger.warn({ err: error, where }, 'interaction refused: the store is unavailable');
		message = t.common.storeDown;
	} else {
		const errorId = randomUUID().slice(0, 8);
		ctx.logger.error({ err: error, errorId, where }, 'interaction failed');
		message = t.common.internalError({ errorId });
	}
	try {
		if (interaction.isAutocomplete()) {
			if (!interaction.responded) await interaction.respond([]);
		} else if (interaction.isRepliable()) {
			const reply = { content: message, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } } as const;
			if (interaction.deferred && !interaction.replied) await interaction.editReply({ content: message });
			else if (interaction.replied) await interaction.followUp(reply);
			else await interaction.reply(reply);
		}
	} catch (replyError) {
		ctx.logger.warn({ err: replyError }, 'could not tell the member about an error');
	}
}
