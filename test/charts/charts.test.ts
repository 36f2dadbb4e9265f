import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
	LEADERBOARD_CARD_MAX_ROWS,
	LEADERBOARD_CARD_WIDTH_PX,
	type LeaderboardCardInput,
	type LeaderboardCardRow,
	leaderboardCard,
	leaderboardCardHeightPx,
} from '../../src/charts/leaderboard.ts';
import {
	MEMBER_CHART_HEIGHT_PX,
	MEMBER_CHART_WIDTH_PX,
	type MemberChartDay,
	type MemberChartInput,
	memberChart,
	memberChartSvg,
} from '../../src/charts/member.ts';
import { renderChartAsync, renderPng } from '../../src/charts/png.ts';
import {
	type HeatmapTopic,
	SERVER_CHART_MAX_TOPICS,
	SERVER_CHART_WIDTH_PX,
	type TopicHeatmapInput,
	topicHeatmap,
	topicHeatmapHeightPx,
} from '../../src/charts/server.ts';
import { ALT_MAX_CHARS, accuracyColor, COLORS } from '../../src/charts/svg.ts';

interface Image {
	readonly width: number;
	readonly height: number;
	readonly data: Buffer;
}

interface Box {
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

function decode(png: Buffer): Image {
	const { width, height, data } = PNG.sync.read(png);
	return { width, height, data };
}

function pixel(image: Image, x: number, y: number): [number, number, number, number] {
	const i = 4 * (y * image.width + x);
	return [image.data[i] ?? 0, image.data[i + 1] ?? 0, image.data[i + 2] ?? 0, image.data[i + 3] ?? 0];
}

function* pixels(image: Image, box: Box = { x: 0, y: 0, width: image.width, height: image.height }) {
	for (let y = box.y; y < box.y + box.height; y++)
		for (let x = box.x; x < box.x + box.width; x++) yield pixel(image, x, y);
}

function distinctColors(image: Image): number {
	const colors = new Set<string>();
	for (const rgba of pixels(image)) colors.add(rgba.join(','));
	return colors.size;
}

/** Pixels dark enough to be text: all the charts' text colours are darker than this, their fills lighter. */
function darkPixels(image: Image, box: Box): number {
	let dark = 0;
	for (const [r, g, b] of pixels(image, box)) if (0.299 * r + 0.587 * g + 0.114 * b < 110) dark++;
	return dark;
}

function countColor(image: Image, hex: string, box?: Box): number {
	const target = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
	let matches = 0;
	for (const [r, g, b] of pixels(image, box)) if (r === target[0] && g === target[1] && b === target[2]) matches++;
	return matches;
}

function sameRegion(a: Image, b: Image, box: Box): boolean {
	for (let y = box.y; y < box.y + box.height; y++)
		for (let x = box.x; x < box.x + box.width; x++) if (pixel(a, x, y).join() !== pixel(b, x, y).join()) return false;
	return true;
}

/** Decodes, checks the size, and checks the image is a drawing rather than a blank card. */
function expectChart(png: Buffer, width: number, height: number): Image {
	const image = decode(png);
	expect([image.width, image.height]).toEqual([width, height]);
	expect(distinctColors(image)).toBeGreaterThan(8);
	return image;
}

const TITLE_BOX: Box = { x: 20, y: 14, width: 360, height: 40 };
const KOREAN = '가상화와 보안';
const OTHER_KOREAN = '운영체제 개념';
/** Private-use characters: no font draws them, so each is the missing-glyph box. Same length and space as KOREAN. */
const NO_GLYPHS = '\u{E000}\u{E001}\u{E002}\u{E003} \u{E004}\u{E005}';
const HOSTILE = [
	`<script>alert(1)</script>&amp;"'`,
	'A'.repeat(500),
	'이름😀🔥👨‍👩‍👧🇰🇷',
	'\u202Eesrever\u202C שלום مرحبا',
	'z\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030a'.repeat(50),
	'\u0000\u0007\uFFFE\uD800 ]]> <!-- --> <![CDATA[',
] as const;

/** Renders the same chart with three titles and checks Hangul is drawn as real, distinct glyphs. */
function expectKoreanGlyphs(render: (title: string) => Buffer): void {
	const korean = decode(render(KOREAN));
	const missing = decode(render(NO_GLYPHS));
	const other = decode(render(OTHER_KOREAN));
	expect(darkPixels(korean, TITLE_BOX)).toBeGreaterThan(200);
	expect(sameRegion(korean, missing, TITLE_BOX)).toBe(false);
	expect(sameRegion(korean, other, TITLE_BOX)).toBe(false);
}

function memberDays(count: number): MemberChartDay[] {
	return Array.from({ length: count }, (_, i) => {
		const answered = i % 6 === 4 ? 0 : 1 + (i % 3);
		return {
			date: new Date(Date.UTC(2026, 2, 1 + i)).toISOString().slice(0, 10),
			answered,
			correct: Math.min(answered, i % 4),
			reviews: (i * 7) % 19,
		};
	});
}

const MEMBER_LABELS: MemberChartInput['labels'] = { accuracy: '정답률', reviews: '복습', noData: '아직 기록이 없어요' };

describe('memberChart', () => {
	it('draws 30 days as an 800 × 400 PNG with a title, bars and an accuracy line', () => {
		const chart = memberChart({ title: '홍길동 — 최근 30일', days: memberDays(30), labels: MEMBER_LABELS });
		expect([chart.width, chart.height]).toEqual([MEMBER_CHART_WIDTH_PX, MEMBER_CHART_HEIGHT_PX]);
		const image = expectChart(chart.png, 800, 400);
		expect(darkPixels(image, TITLE_BOX)).toBeGreaterThan(200);
		expect(countColor(image, COLORS.bars)).toBeGreaterThan(1000);
		expect(countColor(image, COLORS.line)).toBeGreaterThan(200);
		expect(chart.alt).toContain('홍길동 — 최근 30일');
		expect(chart.alt).toContain('정답률');
	});

	it('keeps its size for a long history and draws no accuracy line without answers', () => {
		const days = memberDays(200).map((day) => ({ ...day, answered: 0, correct: 0 }));
		const image = expectChart(memberChart({ title: 'Reviews only', days, labels: MEMBER_LABELS }).png, 800, 400);
		expect(countColor(image, COLORS.bars)).toBeGreaterThan(1000);
		// The legend's line swatch is the only line colour left.
		expect(countColor(image, COLORS.line, { x: 0, y: 60, width: 800, height: 340 })).toBe(0);
	});

	it('draws the no-data label when there is nothing to show', () => {
		const plotCentre: Box = { x: 200, y: 180, width: 400, height: 40 };
		const render = (noData: string) =>
			decode(memberChart({ title: 'Empty', days: [], labels: { ...MEMBER_LABELS, noData } }).png);
		const empty = render('아직 기록이 없어요');
		expect(empty.width).toBe(800);
		expect(empty.height).toBe(400);
		expect(darkPixels(empty, plotCentre)).toBeGreaterThan(100);
		expect(sameRegion(empty, render('No answers or reviews yet'), plotCentre)).toBe(false);
		const zeros = memberDays(5).map((day) => ({ ...day, answered: 0, correct: 0, reviews: 0 }));
		expect(memberChartSvg({ title: 'Zeros', days: zeros, labels: MEMBER_LABELS }).alt).toBe(
			'Zeros — 아직 기록이 없어요',
		);
	});

	it('draws Korean with real glyphs', () => {
		expectKoreanGlyphs((title) => memberChart({ title, days: memberDays(10), labels: MEMBER_LABELS }).png);
	});

	it('renders hostile text as a valid PNG of the same size', () => {
		for (const text of HOSTILE) {
			const chart = memberChart({
				title: text,
				days: memberDays(7).map((day) => ({ ...day, date: text })),
				labels: { accuracy: text, reviews: text, noData: text },
			});
			expectChart(chart.png, 800, 400);
			expect(chart.alt.length).toBeLessThanOrEqual(ALT_MAX_CHARS);
		}
	});

	it('treats negative, fractional and impossible counts as whole, possible ones', () => {
		const days = [
			{ date: '2026-03-01', answered: -3, correct: 5, reviews: Number.NaN },
			{ date: '2026-03-02', answered: 2.7, correct: 9, reviews: Number.POSITIVE_INFINITY },
		];
		const chart = memberChart({ title: 'Odd', days, labels: MEMBER_LABELS });
		expectChart(chart.png, 800, 400);
		expect(chart.alt).toContain('100% (2/2)');
	});
});

function heatmapInput(topicCount: number, participation?: readonly number[]): TopicHeatmapInput {
	const columns = ['01-05', '01-12', '01-19', '01-26', '02-02', '02-09', '02-16', '02-23'];
	const topics: HeatmapTopic[] = Array.from({ length: topicCount }, (_, t) => ({
		name: t === 1 ? '운영체제 — 프로세스와 스레드 스케줄링 알고리즘 총정리' : `주제 ${t + 1}`,
		cells: columns.map((_, c) => ({ answered: (t + c) % 5 === 0 ? 0 : 4, correct: (t + c) % 5 })),
	}));
	return {
		title: '서버 통계 — 주제별 정답률',
		columns,
		topics,
		...(participation === undefined ? {} : { participation }),
		labels: { overall: '전체', participation: '참여 멤버 (최근 30일)', noData: '기록 없음' },
	};
}

const THIRTY_DAYS = Array.from({ length: 30 }, (_, i) => (i * 13) % 17);

describe('topicHeatmap', () => {
	it('has the documented height for each number of topics, capped at 12, with and without the strip', () => {
		expect([0, 1, 5, 12, 20].map((n) => topicHeatmapHeightPx(n, false))).toEqual([172, 172, 300, 524, 524]);
		expect([0, 1, 5, 12, 20].map((n) => topicHeatmapHeightPx(n, true))).toEqual([282, 282, 410, 634, 634]);
		for (const [topics, strip] of [
			[0, false],
			[1, true],
			[5, false],
			[SERVER_CHART_MAX_TOPICS + 8, true],
		] as const) {
			const chart = topicHeatmap(heatmapInput(topics, strip ? THIRTY_DAYS : undefined));
			expect([chart.width, chart.height]).toEqual([SERVER_CHART_WIDTH_PX, topicHeatmapHeightPx(topics, strip)]);
			expectChart(chart.png, chart.width, chart.height);
		}
	});

	it('colours cells from red to green and leaves unanswered cells grey', () => {
		const input: TopicHeatmapInput = {
			...heatmapInput(0),
			columns: ['a', 'b', 'c'],
			topics: [
				{
					name: 'three cells',
					cells: [
						{ answered: 5, correct: 0 },
						{ answered: 0, correct: 0 },
						{ answered: 5, correct: 5 },
					],
				},
			],
		};
		const image = expectChart(topicHeatmap(input).png, 800, topicHeatmapHeightPx(1, false));
		// Three cells share x 228–688; sample each one's left edge, away from its text and rounded corners.
		const cellWidth = (460 - 2 * 4) / 3;
		const row: Box = { x: 0, y: 95, width: 1, height: 4 };
		const cell = (i: number): Box => ({ ...row, x: Math.round(228 + i * (cellWidth + 4) + 6) });
		expect(countColor(image, accuracyColor(0).fill, cell(0))).toBe(4);
		expect(countColor(image, COLORS.empty, cell(1))).toBe(4);
		expect(countColor(image, accuracyColor(1).fill, cell(2))).toBe(4);
		// Overall: 5 of 10, amber.
		expect(countColor(image, accuracyColor(0.5).fill, { ...row, x: 706 })).toBe(4);
	});

	it('draws Korean with real glyphs', () => {
		expectKoreanGlyphs((title) => topicHeatmap({ ...heatmapInput(2), title }).png);
	});

	it('renders hostile topic names and labels as a valid PNG of the same size', () => {
		for (const text of HOSTILE) {
			const input = heatmapInput(3, THIRTY_DAYS);
			const chart = topicHeatmap({
				...input,
				title: text,
				columns: input.columns.map(() => text),
				topics: input.topics.map((topic) => ({ ...topic, name: text })),
				labels: { overall: text, participation: text, noData: text },
			});
			expectChart(chart.png, 800, topicHeatmapHeightPx(3, true));
			expect(chart.alt.length).toBeLessThanOrEqual(ALT_MAX_CHARS);
		}
	});

	it('keeps only the last 12 columns and draws an empty strip with the no-data label', () => {
		const columns = Array.from({ length: 30 }, (_, i) => `W${i + 1}`);
		const chart = topicHeatmap({
			...heatmapInput(0, []),
			columns,
			topics: [{ name: 'wide', cells: columns.map(() => ({ answered: 1, correct: 1 })) }],
		});
		expectChart(chart.png, 800, topicHeatmapHeightPx(1, true));
	});
});

function leaderboardInput(rows: readonly LeaderboardCardRow[]): LeaderboardCardInput {
	return { title: '리더보드', period: '2026-W49 (Asia/Seoul)', rows, labels: { points: '점수', noData: '아직 없음' } };
}

function rows(count: number, highlight = -1): LeaderboardCardRow[] {
	const names = ['김민준', 'Alice', '이서연', 'Bob', '박지훈', 'Carol', '최유나', 'Dave', '정하은', 'Eve'];
	return Array.from({ length: count }, (_, i) => ({
		rank: i + 1,
		name: names[i % names.length] ?? 'x',
		points: 5000 - 321 * i,
		highlight: i === highlight,
	}));
}

describe('leaderboardCard', () => {
	it('has the documented height for each number of rows, capped at 10', () => {
		expect([0, 1, 3, 10, 15].map(leaderboardCardHeightPx)).toEqual([156, 156, 244, 552, 552]);
		for (const count of [0, 3, LEADERBOARD_CARD_MAX_ROWS + 5]) {
			const card = leaderboardCard(leaderboardInput(rows(count)));
			expect([card.width, card.height]).toEqual([LEADERBOARD_CARD_WIDTH_PX, leaderboardCardHeightPx(count)]);
			const image = expectChart(card.png, card.width, card.height);
			expect(darkPixels(image, TITLE_BOX)).toBeGreaterThan(100);
		}
	});

	it("frames the viewer's own row and no other", () => {
		const image = decode(leaderboardCard(leaderboardInput(rows(10, 6))).png);
		const rowInside = (i: number): Box => ({ x: 30, y: 96 + i * 44 + 20, width: 4, height: 4 });
		expect(countColor(image, COLORS.highlight, rowInside(6))).toBe(16);
		expect(countColor(image, COLORS.panel, rowInside(5))).toBe(16);
		expect(countColor(image, COLORS.highlight)).toBeLessThan(countColor(image, COLORS.panel));
	});

	it('draws Korean with real glyphs', () => {
		expectKoreanGlyphs((title) => leaderboardCard({ ...leaderboardInput(rows(3)), title }).png);
		const name = (text: string) =>
			decode(leaderboardCard(leaderboardInput([{ rank: 1, name: text, points: 10, highlight: false }])).png);
		const nameBox: Box = { x: 76, y: 100, width: 300, height: 36 };
		expect(sameRegion(name(KOREAN), name(NO_GLYPHS), nameBox)).toBe(false);
		expect(sameRegion(name(KOREAN), name(OTHER_KOREAN), nameBox)).toBe(false);
	});

	it('renders hostile display names as a valid PNG of the same size', () => {
		const hostile = HOSTILE.map((name, i) => ({ rank: i + 1, name, points: 10 ** i, highlight: i === 1 }));
		const card = leaderboardCard({ ...leaderboardInput(hostile), title: HOSTILE[0], period: HOSTILE[3] });
		expectChart(card.png, 600, leaderboardCardHeightPx(HOSTILE.length));
		expect(card.alt.length).toBeLessThanOrEqual(ALT_MAX_CHARS);
		expect(card.alt).toContain('<script>');
		const huge = [{ rank: Number.NaN, name: '', points: Number.POSITIVE_INFINITY, highlight: true }];
		expectChart(leaderboardCard(leaderboardInput(huge)).png, 600, leaderboardCardHeightPx(1));
	});
});

describe('renderPng', () => {
	it('uses only the shipped font, whatever families the SVG names', () => {
		// Latin only: a host font that has every character of a text would be picked for it.
		const svg = (family: string) =>
			'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/>' +
			`<text x="4" y="28" font-size="20"${family}>Hello, charts</text></svg>`;
		const shipped = renderPng(svg(''));
		expect(darkPixels(decode(shipped), { x: 0, y: 0, width: 200, height: 40 })).toBeGreaterThan(100);
		expect(renderPng(svg(' font-family="DejaVu Sans"'))).toEqual(shipped);
		expect(renderPng(svg(' font-family="serif"'))).toEqual(shipped);
		expect(renderPng(svg(' font-family="monospace"'))).toEqual(shipped);
	});

	it('renders the same bytes on the thread pool as on the main thread', async () => {
		const svg = memberChartSvg({ title: KOREAN, days: memberDays(14), labels: MEMBER_LABELS });
		const image = await renderChartAsync(svg);
		expect(image.png).toEqual(renderPng(svg.svg));
		expect([image.width, image.height, image.alt]).toEqual([svg.width, svg.height, svg.alt]);
	});
});
