import { type ChartImage, type ChartSvg, renderChart } from './png.ts';
import {
	accuracyColor,
	accuracyGradient,
	altLabel,
	COLORS,
	count,
	fitAlt,
	fitText,
	formatCount,
	formatPercent,
	svgDocument,
	svgHLine,
	svgRect,
	svgText,
	textWidthPx,
} from './svg.ts';

/** Width of a topic heatmap: always this, whatever the data. */
export const SERVER_CHART_WIDTH_PX = 800;
/** Height of everything but the topic rows and the participation strip: title, column heads, legend, margins. */
export const SERVER_CHART_BASE_HEIGHT_PX = 140;
/** Height of one topic row. With no topics, one row holds `labels.noData`. */
export const SERVER_CHART_ROW_HEIGHT_PX = 32;
/** Height the participation strip adds when `participation` is given. */
export const SERVER_CHART_STRIP_HEIGHT_PX = 110;
/** Most topic rows drawn: the first ones given, so order them (e.g. by answers) before. */
export const SERVER_CHART_MAX_TOPICS = 12;
/** Most columns drawn: the last ones given. */
export const SERVER_CHART_MAX_COLUMNS = 12;
/** Most days in the participation strip: the last ones given. */
export const SERVER_CHART_MAX_PARTICIPATION_DAYS = 90;

/** Answers to questions of one topic in one column (a week, a day…), or in all. */
export interface TopicCell {
	readonly answered: number;
	/** Of those, answered correctly. */
	readonly correct: number;
}

export interface HeatmapTopic {
	/** The topic's name as notes give it; long names are cut with an ellipsis. */
	readonly name: string;
	/** One per column, in the same order; missing cells are drawn as having no answers. */
	readonly cells: readonly TopicCell[];
	/** The topic's overall answers, when they cover more than the columns (e.g. all time); else the cells' sum. */
	readonly total?: TopicCell;
}

export interface TopicHeatmapInput {
	/** Shown at the top, e.g. the server's name and the period. */
	readonly title: string;
	/** Column heads, oldest first, e.g. `03-02` for the week starting then; may be empty (overall column only). */
	readonly columns: readonly string[];
	/** One row each, drawn in this order. */
	readonly topics: readonly HeatmapTopic[];
	/** Members who answered, one number per day, oldest first (e.g. the last 30 days); omitted, no strip is drawn. */
	readonly participation?: readonly number[];
	/**
	 * Localized words: the overall column's head, the participation strip's title (say what is counted and over which
	 * days), and the text for no data (no topics, an empty strip, and the legend of grey cells).
	 */
	readonly labels: { readonly overall: string; readonly participation: string; readonly noData: string };
}

/** Height in pixels of a topic heatmap with `topicCount` topics, with or without the participation strip. */
export function topicHeatmapHeightPx(topicCount: number, withParticipation: boolean): number {
	const rows = Math.min(Math.max(count(topicCount), 1), SERVER_CHART_MAX_TOPICS);
	return (
		SERVER_CHART_BASE_HEIGHT_PX +
		rows * SERVER_CHART_ROW_HEIGHT_PX +
		(withParticipation ? SERVER_CHART_STRIP_HEIGHT_PX : 0)
	);
}

const PAD = 24;
const TITLE_SIZE = 20;
const TITLE_BASELINE = 40;
const HEAD_SIZE = 12;
const HEAD_BASELINE = 72;
const ROWS_TOP = 84;
const CELL_HEIGHT = 26;
const NAME_SIZE = 14;
const NAME_RIGHT = 220;
const CELLS = { left: 228, right: 688 } as const;
const CELL_GAP = 4;
const CELL_SIZE = 11;
const OVERALL = { left: 700, right: SERVER_CHART_WIDTH_PX - PAD } as const;
const OVERALL_SIZE = 13;
/** Legend below the rows: its height, with the gaps around it. */
const LEGEND_HEIGHT = 40;
const LEGEND_SIZE = 12;
const STRIP_BARS_TOP = 34;
const STRIP_BARS_HEIGHT = 60;
const GRADIENT_ID = 'accuracy';

function share(cell: TopicCell): { answered: number; correct: number } {
	const answered = count(cell.answered);
	return { answered, correct: Math.min(count(cell.correct), answered) };
}

/** How a cell's percentage is written: bare in the grid (the legend gives the unit), with its sign when overall. */
interface CellText {
	readonly sizePx: number;
	readonly bold: boolean;
	readonly sign: boolean;
}

function cellSvg(cell: TopicCell | undefined, x: number, y: number, width: number, text: CellText): string[] {
	const { sizePx, bold } = text;
	const { answered, correct } = share(cell ?? { answered: 0, correct: 0 });
	if (answered === 0) return [svgRect(x, y, width, CELL_HEIGHT, COLORS.empty, 'rx="4"')];
	const color = accuracyColor(correct / answered);
	const percent = formatPercent(correct / answered);
	const label = text.sign ? percent : percent.slice(0, -1);
	const body = [svgRect(x, y, width, CELL_HEIGHT, color.fill, 'rx="4"')];
	if (textWidthPx(label, sizePx, bold) <= width - 4)
		body.push(
			svgText(label, x + width / 2, y + CELL_HEIGHT / 2 + sizePx * 0.36, {
				sizePx,
				bold,
				anchor: 'middle',
				fill: color.text,
			}),
		);
	return body;
}

function participationSvg(values: readonly number[], top: number, label: string, noData: string): string[] {
	const days = values.slice(-SERVER_CHART_MAX_PARTICIPATION_DAYS).map(count);
	const max = Math.max(0, ...days);
	const left = PAD;
	const right = SERVER_CHART_WIDTH_PX - PAD;
	const barsTop = top + STRIP_BARS_TOP;
	const barsBottom = barsTop + STRIP_BARS_HEIGHT;
	const maxLabel = max === 0 ? '' : formatCount(max);
	const body = [
		svgText(fitText(label, right - left - 80, 13, true), left, top + 22, { sizePx: 13, bold: true }),
		svgHLine(left, right, barsBottom, COLORS.mutedText),
	];
	if (max === 0) {
		body.push(
			svgText(fitText(noData, right - left, 13), (left + right) / 2, barsTop + 34, {
				sizePx: 13,
				anchor: 'middle',
				fill: COLORS.mutedText,
			}),
		);
		return body;
	}
	body.push(
		svgHLine(left, right, barsTop, COLORS.grid),
		svgText(maxLabel, right, barsTop - 4, { sizePx: LEGEND_SIZE, anchor: 'end', fill: COLORS.mutedText }),
	);
	const slot = (right - left) / days.length;
	const barWidth = Math.max(1, slot * 0.7);
	days.forEach((value, i) => {
		if (value === 0) return;
		const height = (value / max) * STRIP_BARS_HEIGHT;
		body.push(svgRect(left + (i + 0.5) * slot - barWidth / 2, barsBottom - height, barWidth, height, COLORS.bars));
	});
	return body;
}

/**
 * Accuracy by topic as SVG, `SERVER_CHART_WIDTH_PX` wide and `topicHeatmapHeightPx(topics, participation given)` high:
 * a row per topic (at most `SERVER_CHART_MAX_TOPICS`), a cell per column coloured from red (0%) through amber to green
 * (100%) with its percentage as a bare number (the legend gives the unit), grey where nobody answered, the topic's
 * overall percentage at the right, a legend, and, when given, the participation strip: a bar per day, scaled to the
 * busiest day, whose count is written above it.
 */
export function topicHeatmapSvg(input: TopicHeatmapInput): ChartSvg {
	const width = SERVER_CHART_WIDTH_PX;
	const height = topicHeatmapHeightPx(input.topics.length, input.participation !== undefined);
	const topics = input.topics.slice(0, SERVER_CHART_MAX_TOPICS);
	const columnCount = Math.min(input.columns.length, SERVER_CHART_MAX_COLUMNS);
	const firstColumn = input.columns.length - columnCount;
	const columns = input.columns.slice(firstColumn);
	const cellsWidth = CELLS.right - CELLS.left;
	const cellWidth = columnCount === 0 ? 0 : (cellsWidth - CELL_GAP * (columnCount - 1)) / columnCount;
	const cellX = (i: number) => CELLS.left + i * (cellWidth + CELL_GAP);
	const muted = { sizePx: HEAD_SIZE, anchor: 'middle', fill: COLORS.mutedText } as const;

	const body = [
		accuracyGradient(GRADIENT_ID),
		svgText(fitText(input.title, width - 2 * PAD, TITLE_SIZE, true), PAD, TITLE_BASELINE, {
			sizePx: TITLE_SIZE,
			bold: true,
		}),
		...columns.map((column, i) =>
			svgText(fitText(column, cellWidth, HEAD_SIZE), cellX(i) + cellWidth / 2, HEAD_BASELINE, muted),
		),
		svgText(
			fitText(input.labels.overall, OVERALL.right - OVERALL.left + 16, HEAD_SIZE),
			(OVERALL.left + OVERALL.right) / 2,
			HEAD_BASELINE,
			muted,
		),
	];

	const summaries: string[] = [];
	topics.forEach((topic, row) => {
		const top = ROWS_TOP + row * SERVER_CHART_ROW_HEIGHT_PX;
		const cellTop = top + (SERVER_CHART_ROW_HEIGHT_PX - CELL_HEIGHT) / 2;
		const name = fitText(topic.name, NAME_RIGHT - PAD, NAME_SIZE);
		body.push(svgText(name, PAD, cellTop + CELL_HEIGHT / 2 + NAME_SIZE * 0.36, { sizePx: NAME_SIZE }));
		const cells = columns.map((_, i) => topic.cells[firstColumn + i]);
		cells.forEach((cell, i) => {
			body.push(...cellSvg(cell, cellX(i), cellTop, cellWidth, { sizePx: CELL_SIZE, bold: false, sign: false }));
		});
		const total =
			topic.total ??
			cells.reduce<TopicCell>(
				(sum, cell) => {
					const { answered, correct } = share(cell ?? { answered: 0, correct: 0 });
					return { answered: sum.answered + answered, correct: sum.correct + correct };
				},
				{ answered: 0, correct: 0 },
			);
		body.push(
			...cellSvg(total, OVERALL.left, cellTop, OVERALL.right - OVERALL.left, {
				sizePx: OVERALL_SIZE,
				bold: true,
				sign: true,
			}),
		);
		const overall = share(total);
		summaries.push(
			`${altLabel(topic.name)} ${overall.answered === 0 ? '–' : formatPercent(overall.correct / overall.answered)}`,
		);
	});
	if (topics.length === 0) {
		const y = ROWS_TOP + SERVER_CHART_ROW_HEIGHT_PX / 2 + 5;
		body.push(
			svgText(fitText(input.labels.noData, width - 2 * PAD, NAME_SIZE), width / 2, y, {
				sizePx: NAME_SIZE,
				anchor: 'middle',
				fill: COLORS.mutedText,
			}),
		);
	}

	const rows = Math.max(topics.length, 1);
	const legendY = ROWS_TOP + rows * SERVER_CHART_ROW_HEIGHT_PX + 16;
	const legendText = { sizePx: LEGEND_SIZE, fill: COLORS.mutedText } as const;
	const zeroWidth = textWidthPx('0%', LEGEND_SIZE);
	const gradientLeft = PAD + zeroWidth + 6;
	const gradientRight = gradientLeft + 120;
	const hundredRight = gradientRight + 6 + textWidthPx('100%', LEGEND_SIZE);
	body.push(
		svgText('0%', PAD, legendY + 10, legendText),
		svgRect(gradientLeft, legendY, gradientRight - gradientLeft, 12, `url(#${GRADIENT_ID})`, 'rx="3"'),
		svgText('100%', gradientRight + 6, legendY + 10, legendText),
		svgRect(hundredRight + 20, legendY, 18, 12, COLORS.empty, 'rx="3"'),
		svgText(
			fitText(input.labels.noData, width - PAD - hundredRight - 44, LEGEND_SIZE),
			hundredRight + 44,
			legendY + 10,
			legendText,
		),
	);

	if (input.participation !== undefined) {
		const top = ROWS_TOP + rows * SERVER_CHART_ROW_HEIGHT_PX + LEGEND_HEIGHT;
		body.push(...participationSvg(input.participation, top, input.labels.participation, input.labels.noData));
	}

	const alt =
		topics.length === 0
			? `${input.title} — ${input.labels.noData}`
			: `${input.title} — ${input.labels.overall}: ${summaries.join(', ')}`;
	return { svg: svgDocument(width, height, body), width, height, alt: fitAlt(alt) };
}

/** `topicHeatmapSvg` rendered to PNG. */
export function topicHeatmap(input: TopicHeatmapInput): ChartImage {
	return renderChart(topicHeatmapSvg(input));
}
