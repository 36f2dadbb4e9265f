import type { APIMessage } from 'discord-api-types/v10';
import type { ButtonClickInput, FakeDiscord, SlashCommandInput } from '../fakes/discord/index.ts';

/** A button of a stored message, as a test reads it. */
export interface MessageButton {
	readonly customId: string;
	readonly label: string;
	readonly style: number;
	readonly disabled: boolean;
}

/** The buttons of a message, row by row. */
export function buttonsOf(message: APIMessage | undefined): MessageButton[] {
	return (message?.components ?? []).flatMap((row) =>
		'components' in row
			? row.components.flatMap((c) =>
					'custom_id' in c && 'style' in c
						? [
								{
									customId: c.custom_id,
									label: 'label' in c ? (c.label ?? '') : '',
									style: c.style,
									disabled: c.disabled === true,
								},
							]
						: [],
				)
			: [],
	);
}

/**
 * Runs a slash command through the fake as a member would and returns the reply once it stands (a deferred reply
 * once edited). Throws when the bot gives no valid initial response in time.
 */
export async function replyTo(fake: FakeDiscord, input: SlashCommandInput, timeoutMs?: number): Promise<APIMessage> {
	const interaction = await fake.slashCommand(input);
	await interaction.response();
	return interaction.waitForOriginal(timeoutMs === undefined ? {} : { timeoutMs });
}

/** Clicks a button through the fake and returns the message the click produced or updated, once it stands. */
export async function clickFor(fake: FakeDiscord, input: ButtonClickInput, timeoutMs?: number): Promise<APIMessage> {
	const interaction = await fake.clickButton(input);
	await interaction.response();
	return interaction.waitForOriginal(timeoutMs === undefined ? {} : { timeoutMs });
}
