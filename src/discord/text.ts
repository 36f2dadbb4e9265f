/** Discord's message and embed limits, in characters (UTF-16 code units, as Discord counts). */
export const LIMITS = {
	content: 2000,
	embedTitle: 256,
	embedDescription: 4096,
	embedFieldName: 256,
	embedFieldValue: 1024,
	embedFooter: 2048,
	embedTotal: 6000,
	buttonLabel: 80,
	customId: 100,
	choiceName: 100,
	choiceValue: 100,
	autocompleteChoices: 25,
	buttonsPerRow: 5,
} as const;

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Makes note text unable to ping anyone even if it ever reaches a message `content`:
 * `@everyone`, `@here` and raw user/role mention syntax get a zero-width space after the `@`.
 * Replies also send `allowedMentions: { parse: [] }`; this is the second lock.
 */
export function neutraliseMentions(text: string): string {
	return text
		.replace(/@(everyone|here)\b/g, `@${ZERO_WIDTH_SPACE}$1`)
		.replace(/<@([!&]?\d+)>/g, `<@${ZERO_WIDTH_SPACE}$1>`);
}

/** `at`, moved back by one when cutting there would split a surrogate pair. */
function safeCut(text: string, at: number): number {
	const code = text.charCodeAt(at - 1);
	return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** Cuts `text` to at most `max` characters, ending with `…` when cut, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
	if (text.length <= max) return text;
	return `${text.slice(0, safeCut(text, max - 1)).trimEnd()}…`;
}

const FENCE = /^\s*(```|~~~)/;
/** Room kept on every page for a closing fence and a reopened fence line. */
const FENCE_ROOM_CHARS = 40;

/** Hard-wraps lines longer than `width`, at a space where one is near, never inside a surrogate pair. */
function wrapLongLines(lines: readonly string[], width: number): string[] {
	const out: string[] = [];
	for (let line of lines) {
		while (line.length > width) {
			let cut = line.lastIndexOf(' ', width);
			if (cut < width / 2) cut = safeCut(line, width);
			out.push(line.slice(0, cut));
			line = line.slice(cut).trimStart();
		}
		out.push(line);
	}
	return out;
}

/**
 * Splits Markdown into pages of at most `maxChars`, preferring blank lines once a page is three quarters full.
 * A code block cut by a page break is closed on one page and reopened on the next, so every page renders on its own.
 */
export function paginate(text: string, maxChars: number): string[] {
	const lines = wrapLongLines(text.trim().split('\n'), maxChars - FENCE_ROOM_CHARS);
	const pages: string[] = [];
	let page: string[] = [];
	let length = 0;
	let openFence: string | null = null;
	const flush = (): void => {
		const body = page.join('\n').trimEnd();
		const hasText = page.some((line) => line.trim() !== '' && line.trim() !== openFence);
		if (hasText) pages.push(openFence === null ? body : `${body}\n${openFence.slice(0, 3)}`);
		page = openFence === null ? [] : [openFence];
		length = openFence === null ? 0 : openFence.length + 1;
	};
	for (const line of lines) {
		const full = length + line.length + 1 > maxChars - FENCE_ROOM_CHARS;
		const niceBreak = line.trim() === '' && openFence === null && length > maxChars * 0.75;
		if (full || niceBreak) flush();
		if (page.length === 0 && line.trim() === '') continue;
		page.push(line);
		length += line.length + 1;
		if (FENCE.test(line)) openFence = openFence === null ? line.trim() : null;
	}
	openFence = null;
	flush();
	return pages.length > 0 ? pages : [''];
}
