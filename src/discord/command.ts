import type {
	AutocompleteInteraction,
	ButtonInteraction,
	ChatInputCommandInteraction,
	ModalSubmitInteraction,
	RESTPostAPIChatInputApplicationCommandsJSONBody,
	StringSelectMenuInteraction,
} from 'discord.js';
import type { Context } from '../context.ts';
import type { CustomId } from './custom-id.ts';

/** A module of `commands/`: its file name is the command name. */
export interface CommandModule {
	readonly data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
	execute(interaction: ChatInputCommandInteraction, ctx: Context): Promise<void>;
	autocomplete?(interaction: AutocompleteInteraction, ctx: Context): Promise<void>;
	/** Buttons whose custom_id names this command; `id` is already decoded, never trusted beyond pointing at something. */
	onButton?(interaction: ButtonInteraction, ctx: Context, id: CustomId): Promise<void>;
	/** String select menus whose custom_id names this command. */
	onSelect?(interaction: StringSelectMenuInteraction, ctx: Context, id: CustomId): Promise<void>;
	/** Modal submissions whose custom_id names this command. */
	onModal?(interaction: ModalSubmitInteraction, ctx: Context, id: CustomId): Promise<void>;
}
