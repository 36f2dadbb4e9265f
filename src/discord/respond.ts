import {
	type APIActionRowComponent,
	type APIButtonComponent,
	type APIEmbed,
	type AttachmentPayload,
	type ButtonInteraction,
	type ChatInputCommandInteraction,
	MessageFlags,
} from 'discord.js';

/** How long a handler may work before the interaction is deferred; leaves margin within Discord's 3 s. */
export const DEFER_AFTER_MS = 1_500;

export interface ReplyBody {
	readonly content?: string;
	readonly embeds?: readonly APIEmbed[];
	readonly components?: readonly APIActionRowComponent<APIButtonComponent>[];
	/** Attachments (a chart image, an export); the text of the reply must stand on its own without them. */
	readonly files?: readonly AttachmentPayload[];
}

/**
 * Answers with what `produce` makes, in one request when it is ready within `DEFER_AFTER_MS`, else defers first and
 * edits the reply when it is ready. One request matters under load: discord.js paces follow-up edits by the bot's
 * global limit (50/s), so 500 deferred answers would wait ten seconds for their edits; direct replies do not.
 * If `produce` throws, the error propagates after any deferral, so the router answers it the usual way.
 */
export async function respondWithin(
	interaction: ChatInputCommandInteraction | ButtonInteraction,
	produce: () => Promise<ReplyBody>,
	options: { ephemeral: boolean },
): Promise<void> {
	const work = produce();
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<'late'>((resolve) => {
		timer = setTimeout(() => resolve('late'), DEFER_AFTER_MS);
	});
	const first = await Promise.race([
		work.then(
			() => 'ready' as const,
			() => 'ready' as const,
		),
		late,
	]);
	clearTimeout(timer);
	const flags = options.ephemeral ? MessageFlags.Ephemeral : undefined;
	if (first === 'late') {
		await interaction.deferReply(flags === undefined ? {} : { flags });
		const body = await work;
		await interaction.editReply({
			...body,
			embeds: [...(body.embeds ?? [])],
			components: [...(body.components ?? [])],
			files: [...(body.files ?? [])],
		});
		return;
	}
	const body = await work;
	await interaction.reply({
		...body,
		embeds: [...(body.embeds ?? [])],
		components: [...(body.components ?? [])],
		files: [...(body.files ?? [])],
		...(flags === undefined ? {} : { flags }),
	});
}
