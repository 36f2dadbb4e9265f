import { advanceEm } from './metrics.ts';
import { FONT_FAMILY } from './png.ts';

/** Colours shared by the charts: dark text on a white card. */
export const COLORS = {
	background: '#ffffff',
	text: '#1f2328',
	mutedText: '#57606a',
	grid: '#d8dee4',
	panel: '#f6f8fa',
	empty: '#eaeef2',
	highlight: '#fff4d6',
	highlightBorder: '#d4a72c',
	bars: '#8cb8ec',
	line: '#d1561f',
} as const;

/** Discord's limit for an attachment's description. */
export const ALT_MAX_CHARS = 1024;

/**
 * Most code points a label keeps, however narrow its characters: every glyph costs render time (resvg reads the font
 * for each one), so a name of 500 combining marks must not cost 500 glyphs.
 */
export const LABEL_MAX_CODE_POINTS = 80;

/**
 * Most code points one grapheme keeps: a letter with its accents or a Hangul syllable spelled in jamo, not a tower of
 * stacked marks. Emoji have no glyphs in the font and are drawn as boxes either way.
 */
const GRAPHEME_MAX_CODE_POINTS = 4;

const ELLIPSIS = '…';

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Lone surrogates cannot be encoded; U+FFFE and U+FFFF are not characters. */
function isUnencodable(codePoint: number): boolean {
	return (codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint === 0xfffe || codePoint === 0xffff;
}

function isControl(codePoint: number): boolean {
	return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
}

/** Marks and controls that reorder text (LRM, RLM, embeddings, overrides, isolates, ALM). */
function isBidiControl(codePoint: number): boolean {
	return (
		codePoint === 0x061c ||
		codePoint === 0x200e ||
		codePoint === 0x200f ||
		(codePoint >= 0x202a && codePoint <= 0x202e) ||
		(codePoint >= 0x2066 && codePoint <= 0x2069)
	);
}

/**
 * Escapes text for an SVG text node or attribute value. Characters XML cannot hold (controls other than tab, line
 * feed and carriage return, lone surrogates, U+FFFE, U+FFFF) become U+FFFD, so no input can make the document invalid.
 */
export function escapeXml(text: string): string {
	let out = '';
	for (const char of text) {
		const codePoint = char.codePointAt(0) ?? 0;
		if (isUnencodable(codePoint) || (codePoint < 0x20 && char !== '\t' && char !== '\n' && char !== '\r')) {
			out += '\uFFFD';
			continue;
		}
		switch (char) {
			case '&':
				out += '&amp;';
				break;
			case '<':
				out += '&lt;';
				break;
			case '>':
				out += '&gt;';
				break;
			case '"':
				out += '&quot;';
				break;
			case "'":
				out += '&apos;';
				break;
			default:
				out += char;
		}
	}
	return out;
}

/**
 * Text as a chart label: controls become spaces, bidi controls are dropped (so a name cannot reorder what follows it),
 * lone surrogates become U+FFFD, the rest is composed (NFC: Hangul jamo into syllables, letters with their accents),
 * runs of white space collapse to one space, and the ends are trimmed.
 */
export function cleanText(text: string): string {
	let out = '';
	for (const char of text) {
		const codePoint = char.codePointAt(0) ?? 0;
		if (isBidiControl(codePoint)) continue;
		if (isUnencodable(codePoint)) out += '\uFFFD';
		else if (isControl(codePoint)) out += ' ';
		else out += char;
	}
	return out.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

function graphemeWidthEm(grapheme: string, bold: boolean): number {
	let width = 0;
	for (const char of grapheme) width += advanceEm(char.codePointAt(0) ?? 0, bold);
	return width;
}

/** Width of a text in pixels at a font size, from the font's advance widths (unshaped). */
export function textWidthPx(text: string, fontSizePx: number, bold = false): number {
	return graphemeWidthEm(text, bold) * fontSizePx;
}

/**
 * A label that fits `maxWidthPx` at `fontSizePx` in the given weight: cleaned (see `cleanText`), then cut at a
 * grapheme boundary and ended with an ellipsis when too wide or longer than `LABEL_MAX_CODE_POINTS`. Returns '' when
 * not even the ellipsis fits.
 */
export function fitText(text: string, maxWidthPx: number, fontSizePx: number, bold = false): string {
	const maxEm = maxWidthPx / fontSizePx;
	const ellipsisEm = graphemeWidthEm(ELLIPSIS, bold);
	let fitted = '';
	let widthEm = 0;
	let codePoints = 0;
	// The longest prefix that still fits with an ellipsis after it.
	let prefix = '';
	for (const { segment } of graphemeSegmenter.segment(cleanText(text))) {
		const grapheme = [...segment].slice(0, GRAPHEME_MAX_CODE_POINTS).join('');
		widthEm += graphemeWidthEm(grapheme, bold);
		codePoints += [...grapheme].length;
		if (widthEm > maxEm || codePoints > LABEL_MAX_CODE_POINTS) {
			return ellipsisEm > maxEm ? '' : `${prefix.trimEnd()}${ELLIPSIS}`;
		}
		fitted += grapheme;
		if (widthEm + ellipsisEm <= maxEm && codePoints < LABEL_MAX_CODE_POINTS) prefix = fitted;
	}
	return fitted;
}

/** A name as a description mentions it: cleaned and cut after `LABEL_MAX_CODE_POINTS`, however wide. */
export function altLabel(text: string): string {
	return fitText(text, Number.POSITIVE_INFINITY, 1);
}

/** Cuts a plain-text description to `ALT_MAX_CHARS` UTF-16 units (Discord counts those), at a code point boundary. */
export function fitAlt(text: string): string {
	const clean = cleanText(text);
	if (clean.length <= ALT_MAX_CHARS) return clean;
	let out = '';
	for (const char of clean) {
		if (out.length + char.length > ALT_MAX_CHARS - 1) break;
		out += char;
	}
	return `${out}${ELLIPSIS}`;
}

/** A coordinate or length, rounded to a tenth of a pixel. */
export function px(value: number): string {
	return String(Math.round(value * 10) / 10);
}

/** A whole count with thousands separators (1,234), the same in every language the bot speaks. */
export function formatCount(value: number): string {
	return Math.round(value).toLocaleString('en-US');
}

/** A share in [0, 1] as a whole percentage: 0.734 → '73%'. */
export function formatPercent(share: number): string {
	return `${Math.round(share * 100)}%`;
}

/** A finite, non-negative whole number; anything else counts as 0. */
export function count(value: number): number {
	return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/** How a text element is drawn. */
export interface TextStyle {
	readonly sizePx: number;
	readonly bold?: boolean;
	readonly anchor?: 'start' | 'middle' | 'end';
	readonly fill?: string;
}

/** A text element; `content` is escaped here (fit it first with `fitText`). Empty content draws nothing. */
export function svgText(content: string, x: number, y: number, style: TextStyle): string {
	if (content === '') return '';
	const weight = style.bold === true ? ' font-weight="700"' : '';
	const anchor = style.anchor === undefined || style.anchor === 'start' ? '' : ` text-anchor="${style.anchor}"`;
	return `<text x="${px(x)}" y="${px(y)}" font-size="${style.sizePx}"${weight}${anchor} fill="${style.fill ?? COLORS.text}">${escapeXml(content)}</text>`;
}

/** A rectangle; `extra` holds further attributes, already escaped. */
export function svgRect(x: number, y: number, width: number, height: number, fill: string, extra = ''): string {
	return `<rect x="${px(x)}" y="${px(y)}" width="${px(Math.max(0, width))}" height="${px(Math.max(0, height))}" fill="${fill}"${extra ? ` ${extra}` : ''}/>`;
}

/** A horizontal line. */
export function svgHLine(x1: number, x2: number, y: number, stroke: string, widthPx = 1): string {
	return `<line x1="${px(x1)}" y1="${px(y)}" x2="${px(x2)}" y2="${px(y)}" stroke="${stroke}" stroke-width="${widthPx}"/>`;
}

/** The whole document: a white card of the given size in the shipped font. */
export function svgDocument(width: number, height: number, body: readonly string[]): string {
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT_FAMILY)}">`,
		svgRect(0, 0, width, height, COLORS.background),
		...body,
		'</svg>',
	].join('');
}

/** The accuracy scale: red at 0, amber at 0.5, green at 1. */
const ACCURACY_STOPS = [
	[0xcf, 0x22, 0x2e],
	[0xe3, 0xa0, 0x08],
	[0x1a, 0x7f, 0x37],
] as const;

function hex(rgb: readonly number[]): string {
	return `#${rgb.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Colour of an accuracy in [0, 1] on the red–amber–green scale, mixed linearly between the stops, and a text colour
 * readable on it.
 */
export function accuracyColor(share: number): { fill: string; text: string } {
	const t = Math.min(1, Math.max(0, share)) * 2;
	const [from, to] = t <= 1 ? [ACCURACY_STOPS[0], ACCURACY_STOPS[1]] : [ACCURACY_STOPS[1], ACCURACY_STOPS[2]];
	const f = t <= 1 ? t : t - 1;
	const rgb = from.map((channel, i) => Math.round(channel + ((to[i] ?? channel) - channel) * f));
	const [r = 0, g = 0, b = 0] = rgb;
	const luminance = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
	return { fill: hex(rgb), text: luminance > 0.6 ? COLORS.text : '#ffffff' };
}

/** A left-to-right gradient of the accuracy scale, to fill with `url(#id)`. */
export function accuracyGradient(id: string): string {
	const stops = ACCURACY_STOPS.map(
		(rgb, i) => `<stop offset="${i / (ACCURACY_STOPS.length - 1)}" stop-color="${hex(rgb)}"/>`,
	).join('');
	return `<defs><linearGradient id="${escapeXml(id)}" x1="0" y1="0" x2="1" y2="0">${stops}</linearGradient></defs>`;
}
