import { type ChartImage, type ChartSvg, renderChart } from './png.ts';
import {
	COLORS,
	count,
	fitAlt,
	fitText,
	formatCount,
	formatPercent,
	px,
	svgDocument,
	svgHLine,
	svgRect,
	svgText,
	textWidthPx,
} from './svg.ts';

/** Width of a member chart: always this, whatever the data. */
export const MEMBER_CHART_WIDTH_PX = 800;
/** Height of a member chart: always this, whatever the data. */
export const MEMBER_CHART_HEIGHT_PX = 400;
/** Most days drawn; older days are left out, so bars stay at least 5 px wide. */
export const MEMBER_CHART_MAX_DAYS = 90;

/** One day of a member's activity. */
export interface MemberChartDay {
	/** The local date, `YYYY-MM-DD` (drawn as `MM-DD`); any other text is drawn as given. */
	readonly date: string;
	/** Questions answered that day. */
	readonly answered: number;
	/** Of those, answered correctly. */
	readonly correct: number;
	/** Reviews done that day. */
	readonly reviews: number;
}

export interface MemberChartInput {
	/** Shown at the top, e.g. the member's name and the period. */
	readonly title: string;
	/** One per day of the period, oldest first, with zeros for days with nothing done, so the time axis stays even. */
	readonly days: readonly MemberChartDay[];
	/** Localized words: the legend entries and the text drawn when there is nothing to show. */
	readonly labels: { readonly accuracy: string; readonly reviews: string; readonly noData: string };
}

const PAD = 24;
const TITLE_SIZE = 20;
const TITLE_BASELINE = 40;
const LEGEND_SIZE = 13;
const LEGEND_LABEL_MAX = 170;
const TICK_SIZE = 12;
const NO_DATA_SIZE = 16;
const PLOT = { left: 72, right: 728, top: 72, bottom: 344 } as const;
const DATE_BASELINE = 368;
const MAX_DATE_TICKS = 8;
/** Horizontal grid lines divide the plot into this many bands. */
const BANDS = 4;

/** The smallest 1, 2 or 5 × 10^k at or above `value`. */
function niceStep(value: number): number {
	if (value <= 1) return 1;
	const magnitude = 10 ** Math.floor(Math.log10(value));
	for (const factor of [1, 2, 5, 10]) if (factor * magnitude >= value) return factor * magnitude;
	return 10 * magnitude;
}

function dateLabel(date: string): string {
	return /^\d{4}-\d{2}-\d{2}$/u.test(date) ? date.slice(5) : date;
}

function legend(labels: MemberChartInput['labels']): { svg: string[]; widthPx: number } {
	const reviews = fitText(labels.reviews, LEGEND_LABEL_MAX, LEGEND_SIZE);
	const accuracy = fitText(labels.accuracy, LEGEND_LABEL_MAX, LEGEND_SIZE);
	const reviewsWidth = textWidthPx(reviews, LEGEND_SIZE);
	const accuracyWidth = textWidthPx(accuracy, LEGEND_SIZE);
	// Right-aligned: [bar] reviews   [line] accuracy
	const widthPx = 14 + 6 + reviewsWidth + 18 + 18 + 6 + accuracyWidth;
	let x = MEMBER_CHART_WIDTH_PX - PAD - widthPx;
	const y = TITLE_BASELINE - 5;
	const svg = [svgRect(x, y - 6, 14, 12, COLORS.bars, 'rx="2"')];
	x += 20;
	svg.push(svgText(reviews, x, TITLE_BASELINE, { sizePx: LEGEND_SIZE, fill: COLORS.mutedText }));
	x += reviewsWidth + 18;
	svg.push(
		svgHLine(x, x + 18, y, COLORS.line, 2.5),
		`<circle cx="${px(x + 9)}" cy="${px(y)}" r="3" fill="${COLORS.line}"/>`,
	);
	x += 24;
	svg.push(svgText(accuracy, x, TITLE_BASELINE, { sizePx: LEGEND_SIZE, fill: COLORS.mutedText }));
	return { svg, widthPx };
}

/**
 * A member's accuracy and reviews over time as SVG, `MEMBER_CHART_WIDTH_PX` × `MEMBER_CHART_HEIGHT_PX`: a bar per day
 * for reviews (right axis), a line for the day's accuracy (left axis, days without answers leave a gap), date ticks
 * and a legend. With no answers and no reviews it draws `labels.noData` instead.
 */
export function memberChartSvg(input: MemberChartInput): ChartSvg {
	const days = input.days.slice(-MEMBER_CHART_MAX_DAYS).map((day) => {
		const answered = count(day.answered);
		return { date: day.date, answered, correct: Math.min(count(day.correct), answered), reviews: count(day.reviews) };
	});
	const answered = days.reduce((sum, day) => sum + day.answered, 0);
	const correct = days.reduce((sum, day) => sum + day.correct, 0);
	const reviews = days.reduce((sum, day) => sum + day.reviews, 0);
	const empty = answered === 0 && reviews === 0;

	const { svg: legendSvg, widthPx: legendWidth } = legend(input.labels);
	const title = fitText(input.title, MEMBER_CHART_WIDTH_PX - 2 * PAD - legendWidth - 24, TITLE_SIZE, true);
	const body = [svgText(title, PAD, TITLE_BASELINE, { sizePx: TITLE_SIZE, bold: true }), ...legendSvg];

	const plotWidth = PLOT.right - PLOT.left;
	const plotHeight = PLOT.bottom - PLOT.top;
	const step = niceStep(Math.max(...days.map((day) => day.reviews), 0) / BANDS);
	const reviewsMax = step * BANDS;
	for (let band = 0; band <= BANDS; band++) {
		const y = PLOT.bottom - (band / BANDS) * plotHeight;
		body.push(svgHLine(PLOT.left, PLOT.right, y, band === 0 ? COLORS.mutedText : COLORS.grid));
		if (empty) continue;
		const tick = { sizePx: TICK_SIZE, fill: COLORS.mutedText };
		body.push(
			svgText(formatPercent(band / BANDS), PLOT.left - 8, y + 4, { ...tick, anchor: 'end' }),
			svgText(formatCount(step * band), PLOT.right + 8, y + 4, tick),
		);
	}

	if (empty) {
		const noData = fitText(input.labels.noData, plotWidth - 32, NO_DATA_SIZE);
		const x = (PLOT.left + PLOT.right) / 2;
		const y = (PLOT.top + PLOT.bottom) / 2;
		const width = textWidthPx(noData, NO_DATA_SIZE) + 24;
		body.push(
			svgRect(x - width / 2, y - 20, width, 30, COLORS.background),
			svgText(noData, x, y, { sizePx: NO_DATA_SIZE, anchor: 'middle', fill: COLORS.mutedText }),
		);
	} else {
		const slot = plotWidth / days.length;
		const barWidth = Math.max(1, slot * 0.7);
		const centre = (i: number) => PLOT.left + (i + 0.5) * slot;
		days.forEach((day, i) => {
			if (day.reviews === 0) return;
			const height = (day.reviews / reviewsMax) * plotHeight;
			body.push(svgRect(centre(i) - barWidth / 2, PLOT.bottom - height, barWidth, height, COLORS.bars));
		});

		// Accuracy: a polyline through each run of days with answers, a dot on every such day.
		const dotRadius = days.length > 45 ? 2 : 3;
		let run: string[] = [];
		const dots: string[] = [];
		const flush = () => {
			if (run.length > 1)
				body.push(
					`<polyline points="${run.join(' ')}" fill="none" stroke="${COLORS.line}" stroke-width="2.5" stroke-linejoin="round"/>`,
				);
			run = [];
		};
		days.forEach((day, i) => {
			if (day.answered === 0) {
				flush();
				return;
			}
			const x = px(centre(i));
			const y = px(PLOT.bottom - (day.correct / day.answered) * plotHeight);
			run.push(`${x},${y}`);
			dots.push(`<circle cx="${x}" cy="${y}" r="${dotRadius}" fill="${COLORS.line}"/>`);
		});
		flush();
		body.push(...dots);

		const every = Math.ceil(days.length / MAX_DATE_TICKS);
		for (let i = 0; i < days.length; i += every) {
			const label = fitText(dateLabel(days[i]?.date ?? ''), Math.min(every * slot, plotWidth / 2) - 4, TICK_SIZE);
			body.push(
				svgText(label, centre(i), DATE_BASELINE, { sizePx: TICK_SIZE, anchor: 'middle', fill: COLORS.mutedText }),
			);
		}
	}

	const first = days[0]?.date ?? '';
	const last = days.at(-1)?.date ?? '';
	const span = first === last ? first : `${first} – ${last}`;
	const accuracy = answered === 0 ? '–' : formatPercent(correct / answered);
	const counts = `${formatCount(correct)}/${formatCount(answered)}`;
	const alt = empty
		? `${input.title} — ${input.labels.noData}`
		: `${input.title} (${span}) — ${input.labels.accuracy} ${accuracy} (${counts}), ${input.labels.reviews} ${formatCount(reviews)}`;
	return {
		svg: svgDocument(MEMBER_CHART_WIDTH_PX, MEMBER_CHART_HEIGHT_PX, body),
		width: MEMBER_CHART_WIDTH_PX,
		height: MEMBER_CHART_HEIGHT_PX,
		alt: fitAlt(alt),
	};
}

/** `memberChartSvg` rendered to PNG. */
export function memberChart(input: MemberChartInput): ChartImage {
	return renderChart(memberChartSvg(input));
}
