import type { APIMessage } from 'discord-api-types/v10';

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
