import { readFileSync } from 'node:fs';
import { fontFiles } from './png.ts';

/** Advance widths of one font, enough to measure text without shaping it (no kerning, no ligatures). */
interface FontMetrics {
	readonly unitsPerEm: number;
	/** Advance of each glyph id, in font units. */
	readonly advances: Uint16Array;
	/** Format 12 cmap groups, three numbers each: first code point, last code point, glyph id of the first. */
	readonly groups: Uint32Array;
}

let loaded: readonly [FontMetrics, FontMetrics] | undefined;

function parseFont(file: string, data: Buffer): FontMetrics {
	const tables = new Map<string, number>();
	const numTables = data.readUInt16BE(4);
	for (let i = 0; i < numTables; i++) {
		const record = 12 + 16 * i;
		tables.set(data.toString('latin1', record, record + 4), data.readUInt32BE(record + 8));
	}
	const table = (tag: string): number => {
		const offset = tables.get(tag);
		if (offset === undefined) throw new Error(`charts: font ${file} has no ${tag} table`);
		return offset;
	};

	const unitsPerEm = data.readUInt16BE(table('head') + 18);
	const numberOfHMetrics = data.readUInt16BE(table('hhea') + 34);
	const numGlyphs = data.readUInt16BE(table('maxp') + 4);
	const hmtx = table('hmtx');
	const advances = new Uint16Array(numGlyphs);
	for (let glyph = 0; glyph < numGlyphs; glyph++)
		advances[glyph] = data.readUInt16BE(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));

	const cmap = table('cmap');
	let subtable: number | undefined;
	for (let i = 0; i < data.readUInt16BE(cmap + 2); i++) {
		const offset = cmap + data.readUInt32BE(cmap + 8 + 8 * i);
		if (data.readUInt16BE(offset) === 12) subtable = offset;
	}
	if (subtable === undefined) throw new Error(`charts: font ${file} has no format 12 cmap`);
	const numGroups = data.readUInt32BE(subtable + 12);
	const groups = new Uint32Array(numGroups * 3);
	for (let i = 0; i < groups.length; i++) groups[i] = data.readUInt32BE(subtable + 16 + 4 * i);
	return { unitsPerEm, advances, groups };
}

/** Regular and bold metrics, read from the shipped font files once per process. */
function fonts(): readonly [FontMetrics, FontMetrics] {
	if (loaded === undefined) {
		const [regular, bold] = fontFiles();
		if (regular === undefined || bold === undefined) throw new Error('charts: regular and bold fonts are needed');
		loaded = [parseFont(regular, readFileSync(regular)), parseFont(bold, readFileSync(bold))];
	}
	return loaded;
}

/** Glyph id of a code point; 0 (the missing-glyph box) when the font has none. */
function glyphOf(font: FontMetrics, codePoint: number): number {
	const { groups } = font;
	let low = 0;
	let high = groups.length / 3 - 1;
	while (low <= high) {
		const middle = (low + high) >>> 1;
		const first = groups[3 * middle] ?? 0;
		const last = groups[3 * middle + 1] ?? 0;
		if (codePoint < first) high = middle - 1;
		else if (codePoint > last) low = middle + 1;
		else return (groups[3 * middle + 2] ?? 0) + codePoint - first;
	}
	return 0;
}

/**
 * Advance of a code point in em, from the shipped font's own metrics. Characters it lacks are drawn as its
 * missing-glyph box and measured as that. Shaping (kerning, ligatures, jamo joining) moves drawn text from this sum by a
 * few percent at most, and mostly narrows it.
 */
export function advanceEm(codePoint: number, bold: boolean): number {
	const font = fonts()[bold ? 1 : 0];
	return (font.advances[glyphOf(font, codePoint)] ?? font.unitsPerEm) / font.unitsPerEm;
}
