import { type ChartImage, type ChartSvg, renderChart } from './png.ts';
import { altLabel, COLORS, fitAlt, fitText, formatCount, svgDocument, svgRect, svgText, textWidthPx } from './svg.ts';

/** Width of a leaderboard card: always this, whatever the rows. */
export const LEADERBOARD_CARD_WIDTH_PX = 600;
/** Height of everything but the rows: title, period, column head, margins. */
export const LEADERBOARD_CARD_BASE_HEIGHT_PX = 112;
/** Height of one row. With no rows, one row holds `labels.noData`. */
export const LEADERBOARD_CARD_ROW_HEIGHT_PX = 44;
/** Most rows drawn: the first ones given. */
export const LEADERBOARD_CARD_MAX_ROWS = 10;

export interface LeaderboardCardRow {
	/** 1 for the top; tied members share a rank. */
	readonly rank: number;
	/** A display name, any Unicode; cut with an ellipsis when too long. */
	readonly name: string;
	readonly points: number;
	/** Marks the viewer's own row. */
	readonly highlight: boolean;
}

export interface LeaderboardCardInput {
	/** Shown at the top, e.g. "Leaderboard". */
	readonly title: string;
	/** The period, shown under the title, e.g. "2026-W49 (Asia/Seoul)". */
	readonly period: string;
	/** Best first. */
	readonly rows: readonly LeaderboardCardRow[];
	/** Localized words: the head of the points column and the text drawn when there are no rows. */
	readonly labels: { readonly points: string; readonly noData: string };
}

/** Height in pixels of a leaderboard card with `rowCount` rows. */
export function leaderboardCardHeightPx(rowCount: number): number {
	const rows = Math.min(Math.max(Number.isFinite(rowCount) ? Math.floor(rowCount) : 0, 1), LEADERBOARD_CARD_MAX_ROWS);
	return LEADERBOARD_CARD_BASE_HEIGHT_PX + rows * LEADERBOARD_CARD_ROW_HEIGHT_PX;
}

const PAD = 24;
const TITLE_SIZE = 22;
const TITLE_BASELINE = 42;
const PERIOD_SIZE = 14;
const PERIOD_BASELINE = 66;
const HEAD_SIZE = 12;
const HEAD_BASELINE = 90;
const ROWS_TOP = 96;
const ROW_BOX_HEIGHT = 38;
const RANK_CENTRE = PAD + 22;
const RANK_RADIUS = 15;
const RANK_SIZE = 14;
const NAME_LEFT = PAD + 52;
const NAME_SIZE = 16;
const POINTS_SIZE = 16;
const POINTS_RIGHT = LEADERBOARD_CARD_WIDTH_PX - PAD - 14;
/** Medal colours of ranks 1, 2 and 3. */
const MEDALS = ['#f2c94c', '#c4ccd6', '#d9a066'] as const;

function whole(value: number): number {
	return Number.isFinite(value) ? Math.trunc(value) : 0;
}

function rowSvg(row: LeaderboardCardRow, top: number): string[] {
	const width = LEADERBOARD_CARD_WIDTH_PX;
	const boxTop = top + (LEADERBOARD_CARD_ROW_HEIGHT_PX - ROW_BOX_HEIGHT) / 2;
	const middle = boxTop + ROW_BOX_HEIGHT / 2;
	const box = row.highlight
		? svgRect(
				PAD,
				boxTop,
				width - 2 * PAD,
				ROW_BOX_HEIGHT,
				COLORS.highlight,
				`rx="8" stroke="${COLORS.highlightBorder}" stroke-width="1.5"`,
			)
		: svgRect(PAD, boxTop, width - 2 * PAD, ROW_BOX_HEIGHT, COLORS.panel, 'rx="8"');
	const rank = whole(row.rank);
	const medal = rank >= 1 && rank <= MEDALS.length ? MEDALS[rank - 1] : undefined;
	const body = [box];
	if (medal !== undefined) body.push(`<circle cx="${RANK_CENTRE}" cy="${middle}" r="${RANK_RADIUS}" fill="${medal}"/>`);
	const rankLabel = fitText(String(rank), 2 * RANK_RADIUS + 14, RANK_SIZE, true);
	body.push(
		svgText(rankLabel, RANK_CENTRE, middle + RANK_SIZE * 0.36, { sizePx: RANK_SIZE, bold: true, anchor: 'middle' }),
	);

	const points = formatCount(whole(row.points));
	const pointsWidth = textWidthPx(points, POINTS_SIZE, true);
	body.push(
		svgText(points, POINTS_RIGHT, middle + POINTS_SIZE * 0.36, { sizePx: POINTS_SIZE, bold: true, anchor: 'end' }),
	);
	const name = fitText(row.name, POINTS_RIGHT - pointsWidth - 24 - NAME_LEFT, NAME_SIZE, row.highlight);
	body.push(svgText(name, NAME_LEFT, middle + NAME_SIZE * 0.36, { sizePx: NAME_SIZE, bold: row.highlight }));
	return body;
}

/**
 * The leaderboard as a card, `LEADERBOARD_CARD_WIDTH_PX` wide and `leaderboardCardHeightPx(rows)` high: title,
 * period, then a row per member (at most `LEADERBOARD_CARD_MAX_ROWS`) with rank (a medal for 1–3), name and points,
 * the highlighted row framed and bold.
 */
export function leaderboardCardSvg(input: LeaderboardCardInput): ChartSvg {
	const width = LEADERBOARD_CARD_WIDTH_PX;
	const height = leaderboardCardHeightPx(input.rows.length);
	const rows = input.rows.slice(0, LEADERBOARD_CARD_MAX_ROWS);
	const body = [
		svgText(fitText(input.title, width - 2 * PAD, TITLE_SIZE, true), PAD, TITLE_BASELINE, {
			sizePx: TITLE_SIZE,
			bold: true,
		}),
		svgText(fitText(input.period, width - 2 * PAD, PERIOD_SIZE), PAD, PERIOD_BASELINE, {
			sizePx: PERIOD_SIZE,
			fill: COLORS.mutedText,
		}),
	];
	if (rows.length === 0) {
		const y = ROWS_TOP + LEADERBOARD_CARD_ROW_HEIGHT_PX / 2 + 5;
		body.push(
			svgText(fitText(input.labels.noData, width - 2 * PAD, 15), width / 2, y, {
				sizePx: 15,
				anchor: 'middle',
				fill: COLORS.mutedText,
			}),
		);
	} else {
		body.push(
			svgText(fitText(input.labels.points, width / 3, HEAD_SIZE), POINTS_RIGHT, HEAD_BASELINE, {
				sizePx: HEAD_SIZE,
				anchor: 'end',
				fill: COLORS.mutedText,
			}),
		);
		rows.forEach((row, i) => {
			body.push(...rowSvg(row, ROWS_TOP + i * LEADERBOARD_CARD_ROW_HEIGHT_PX));
		});
	}
	const lines = rows.map((row) => `${whole(row.rank)}. ${altLabel(row.name)} ${formatCount(whole(row.points))}`);
	const alt =
		rows.length === 0
			? `${input.title} (${input.period}) — ${input.labels.noData}`
			: `${input.title} (${input.period}) — ${input.labels.points}: ${lines.join(', ')}`;
	return { svg: svgDocument(width, height, body), width, height, alt: fitAlt(alt) };
}

/** `leaderboardCardSvg` rendered to PNG. */
export function leaderboardCard(input: LeaderboardCardInput): ChartImage {
	return renderChart(leaderboardCardSvg(input));
}
