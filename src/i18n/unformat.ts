/** Private-use characters around a value's number while a text is taken apart; never in a text the bot writes. */
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The values `template` (a catalog text) was given to make `text`, or null when `text` is not one of its texts.
 * With `prefix`, `text` may go on after the template's text, and what follows is returned as `rest`. This is how a
 * text the bot stored in English (a question, a posting problem) is written again in the reader's language.
 */
export function unformat<K extends string>(
	text: string,
	template: (values: Record<K, string>) => string,
	keys: readonly K[],
	options: { prefix?: boolean } = {},
): { values: Record<K, string>; rest: string } | null {
	const marks = Object.fromEntries(keys.map((key, i) => [key, `${MARK_OPEN}${i}${MARK_CLOSE}`])) as Record<K, string>;
	const order: K[] = [];
	let pattern = '';
	for (const part of template(marks).split(/(\uE000\d+\uE001)/)) {
		const mark = /^\uE000(\d+)\uE001$/.exec(part);
		const key = mark === null ? undefined : keys[Number(mark[1])];
		if (key === undefined) pattern += escapeRegExp(part);
		else {
			order.push(key);
			pattern += '([\\s\\S]*?)';
		}
	}
	const match = new RegExp(`^${pattern}${options.prefix === true ? '([\\s\\S]*)' : ''}$`).exec(text);
	if (match === null) return null;
	const values = Object.fromEntries(order.map((key, i) => [key, match[i + 1] ?? ''])) as Record<K, string>;
	return { values, rest: options.prefix === true ? (match[order.length + 1] ?? '') : '' };
}
