import { fallbackMessages, type Messages } from './i18n/messages.ts';

/**
 * An error whose text is safe and useful to show to a Discord member or CLI user as it is, in their language:
 * `new UserFacingError((t) => t.daily.notSetUpYet)`. `message` is the English text, for logs and the CLI.
 * Anything else that is thrown is an internal error: logged with an id, shown as a generic message.
 */
export class UserFacingError extends Error {
	override readonly name = 'UserFacingError';
	readonly #text: (t: Messages) => string;

	constructor(text: (t: Messages) => string) {
		super(text(fallbackMessages()));
		this.#text = text;
	}

	/** The text in the language of `t` (`messagesFor(interaction.locale)`). */
	textIn(t: Messages): string {
		return this.#text(t);
	}
}
