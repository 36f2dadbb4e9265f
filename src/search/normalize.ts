/**
 * Text normalisation shared by the notes parser (wiki-link resolution) and the search index.
 * Both must agree, or a link written as `[[se linux]]` would not find `SELinux`.
 */

const SPACES = /\s+/gu;
/** Everything that is not a letter, a number or a combining mark: spacing and punctuation. */
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

/** NFKC, lower case, single spaces, trimmed: `ＳＥＬｉｎｕｘ  모듈` → `selinux 모듈`. */
export function normalize(text: string): string {
	return text.normalize('NFKC').toLowerCase().replace(SPACES, ' ').trim();
}

/** The key two names share when they differ only in spacing, case, width or punctuation: `강제 접근 제어` and `강제접근제어`, `se linux` and `SELinux`, `apt-get` and `aptget`. */
export function compactKey(text: string): string {
	return normalize(text).replace(NOT_WORD, '');
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * User input made safe to process: at most `maxLength` UTF-16 code units (never ending inside a surrogate
 * pair) and lone surrogates replaced by U+FFFD, so that any string, however long or broken, costs bounded work.
 */
export function boundInput(text: string, maxLength: number): string {
	let cut = text.length > maxLength ? text.slice(0, maxLength) : text;
	const last = cut.charCodeAt(cut.length - 1);
	if (cut.length < text.length && last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
	return cut.replace(LONE_SURROGATE, '\ufffd');
}
