/**
 * Chart images against Discord's 3 s reply budget: `npx tsx test/bench/charts.bench.ts [--runs N]`.
 *
 * Each chart is built and rendered to PNG (the whole work of `memberChart`, `topicHeatmap`, `leaderboardCard`) WARM_UP
 * times unmeasured, then N times measured, synchronously as the command would. The first render of the process is
 * timed on its own: it also reads the font metrics. The hostile rows fill every label with the most glyphs a label may
 * keep, which is what bounds a chart's render time (resvg reads the font file once per glyph).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { leaderboardCard } from '../../src/charts/leaderboard.ts';
import { memberChart } from '../../src/charts/member.ts';
import { type ChartImage, type ChartSvg, renderChartAsync } from '../../src/charts/png.ts';
import { type TopicHeatmapInput, topicHeatmap, topicHeatmapSvg } from '../../src/charts/server.ts';

const DEFAULT_RUNS = 30;
const WARM_UP = 3;
const BUDGET_MS = 3_000;

/** Combining marks the font draws with no advance: the most glyphs per pixel a label can hold. */
const HOSTILE = 'z\u0301\u0302\u0303'.repeat(200);
const KOREAN_NAMES = [
	'김민준',
	'이서연',
	'Alice',
	'박지훈',
	'최유나',
	'정하은 🎉',
	'Bob',
	'강도윤',
	'윤서아',
	'장예준',
];
const TOPICS = [
	'가상화와 보안',
	'운영체제',
	'네트워크',
	'데이터베이스',
	'자료구조',
	'알고리즘',
	'컴퓨터 구조',
	'암호학',
];

function days(count: number) {
	return Array.from({ length: count }, (_, i) => {
		const answered = i % 5 === 4 ? 0 : 1 + (i % 3);
		return {
			date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
			answered,
			correct: Math.min(answered, i % 4),
			reviews: (i * 7) % 23,
		};
	});
}

function heatmap(
	topicNames: readonly string[],
	columnCount: number,
	columnLabel: (i: number) => string,
): TopicHeatmapInput {
	const columns = Array.from({ length: columnCount }, (_, i) => columnLabel(i));
	return {
		title: '서버 통계 — 주제별 정답률',
		columns,
		topics: topicNames.map((name, t) => ({
			name,
			cells: columns.map((_, c) => ({ answered: 3 + ((t + c) % 9), correct: (t * 5 + c) % 9 })),
		})),
		participation: Array.from({ length: 30 }, (_, i) => (i * 13) % 17),
		labels: { overall: '전체', participation: '참여한 멤버 수 (최근 30일)', noData: '기록 없음' },
	};
}

/**
 * Eight weeks of one daily question a day, each on a topic picked at random (seeded): a cell holds the answers to that
 * week's questions on that topic, so about 40% of cells are empty, as on a real server.
 */
function dailyHeatmap(): TopicHeatmapInput {
	let state = 0x5eed;
	const random = () => {
		state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
		return state / 2 ** 32;
	};
	const dense = heatmap(TOPICS, 8, weekLabel);
	const cells = TOPICS.map(() => Array.from({ length: 8 }, () => ({ answered: 0, correct: 0 })));
	for (let day = 0; day < 56; day++) {
		const cell = cells[Math.floor(random() * TOPICS.length)]?.[Math.floor(day / 7)];
		if (cell === undefined) continue;
		const answered = 20 + Math.floor(random() * 30);
		cell.answered += answered;
		cell.correct += Math.floor(answered * (0.3 + random() * 0.6));
	}
	return { ...dense, topics: dense.topics.map((topic, t) => ({ ...topic, cells: cells[t] ?? [] })) };
}

const memberLabels = { accuracy: '정답률', reviews: '복습', noData: '아직 기록이 없어요' };
const weekLabel = (i: number) => new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(5, 10);

interface Case {
	readonly name: string;
	readonly render: () => ChartImage;
}

const CASES: readonly Case[] = [
	{
		name: 'member, 30 days',
		render: () => memberChart({ title: '홍길동 — 최근 30일', days: days(30), labels: memberLabels }),
	},
	{
		name: 'member, 90 days',
		render: () => memberChart({ title: '홍길동 — 최근 90일', days: days(90), labels: memberLabels }),
	},
	{ name: 'member, no data', render: () => memberChart({ title: '홍길동', days: [], labels: memberLabels }) },
	{
		name: 'member, hostile labels',
		render: () =>
			memberChart({
				title: HOSTILE,
				days: days(30).map((d) => ({ ...d, date: HOSTILE })),
				labels: { accuracy: HOSTILE, reviews: HOSTILE, noData: HOSTILE },
			}),
	},
	{ name: 'server, 8 topics × 8 weeks of daily questions + strip', render: () => topicHeatmap(dailyHeatmap()) },
	{ name: 'server, 8 topics × 8 weeks, every cell + strip', render: () => topicHeatmap(heatmap(TOPICS, 8, weekLabel)) },
	{
		name: 'server, 12 topics × 12 weeks, every cell + strip',
		render: () => topicHeatmap(heatmap([...TOPICS, ...TOPICS].slice(0, 12), 12, weekLabel)),
	},
	{
		name: 'server, hostile labels (12 × 12)',
		render: () =>
			topicHeatmap({
				...heatmap(Array(12).fill(HOSTILE), 12, () => HOSTILE),
				title: HOSTILE,
				labels: { overall: HOSTILE, participation: HOSTILE, noData: HOSTILE },
			}),
	},
	{
		name: 'leaderboard, 10 rows',
		render: () =>
			leaderboardCard({
				title: '리더보드',
				period: '2026-W49 (Asia/Seoul)',
				rows: KOREAN_NAMES.map((name, i) => ({ rank: i + 1, name, points: 12_000 - 987 * i, highlight: i === 3 })),
				labels: { points: '점수', noData: '아직 없음' },
			}),
	},
	{
		name: 'leaderboard, hostile names',
		render: () =>
			leaderboardCard({
				title: HOSTILE,
				period: HOSTILE,
				rows: KOREAN_NAMES.map((_, i) => ({
					rank: i + 1,
					name: HOSTILE,
					points: 12_000 - 987 * i,
					highlight: i === 3,
				})),
				labels: { points: HOSTILE, noData: HOSTILE },
			}),
	},
];

function percentile(sorted: readonly number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function timed(render: () => ChartImage): { ms: number; image: ChartImage } {
	const start = performance.now();
	const image = render();
	return { ms: performance.now() - start, image };
}

/** Renders `chart` off the event loop `runs` times; returns the render times and the event loop's longest stall. */
async function asyncRuns(chart: ChartSvg, runs: number): Promise<{ samples: number[]; stallMs: number }> {
	for (let i = 0; i < WARM_UP; i++) await renderChartAsync(chart);
	const delay = monitorEventLoopDelay({ resolution: 1 });
	delay.enable();
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		await renderChartAsync(chart);
		samples.push(performance.now() - start);
	}
	delay.disable();
	return { samples: samples.sort((a, b) => a - b), stallMs: delay.max / 1e6 };
}

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { runs: { type: 'string' } } });
	const runs = Number(values.runs ?? DEFAULT_RUNS);
	if (!Number.isInteger(runs) || runs < 1) {
		console.error('bench: --runs must be a whole number, at least 1');
		process.exitCode = 2;
		return;
	}
	const first = CASES[0];
	if (first === undefined) return;
	const coldMs = timed(first.render).ms;

	console.log(
		`\n${runs} runs per chart after ${WARM_UP} unmeasured, synchronous; Node ${process.version}, ${process.arch}\n`,
	);
	console.log('| chart | size (px) | p50 (ms) | p99 (ms) | max (ms) | PNG bytes |');
	console.log('|---|---|---:|---:|---:|---:|');
	let slowestMs = coldMs;
	for (const { name, render } of CASES) {
		for (let i = 0; i < WARM_UP; i++) render();
		const samples: number[] = [];
		let image: ChartImage | undefined;
		for (let i = 0; i < runs; i++) {
			const run = timed(render);
			samples.push(run.ms);
			image = run.image;
		}
		samples.sort((a, b) => a - b);
		const maxMs = samples.at(-1) ?? 0;
		slowestMs = Math.max(slowestMs, maxMs);
		const cells = [
			name,
			`${image?.width ?? 0} × ${image?.height ?? 0}`,
			percentile(samples, 50).toFixed(0),
			percentile(samples, 99).toFixed(0),
			maxMs.toFixed(0),
			(image?.png.length ?? 0).toLocaleString('en-US'),
		];
		console.log(`| ${cells.join(' | ')} |`);
	}

	const heaviest = topicHeatmapSvg(heatmap([...TOPICS, ...TOPICS].slice(0, 12), 12, weekLabel));
	const { samples, stallMs } = await asyncRuns(heaviest, runs);
	console.log(
		`\nfirst render of the process (${first.name}, reads the font metrics too): ${coldMs.toFixed(0)} ms. ` +
			`Slowest render ${slowestMs.toFixed(0)} ms: ${slowestMs <= BUDGET_MS ? 'within' : 'OVER'} the ${BUDGET_MS.toLocaleString('en-US')} ms budget.`,
	);
	console.log(
		`renderChartAsync, server 12 × 12: p50 ${percentile(samples, 50).toFixed(0)} ms, p99 ${percentile(samples, 99).toFixed(0)} ms; ` +
			`longest event-loop stall meanwhile ${stallMs.toFixed(1)} ms (synchronous rendering stalls it for the whole render).`,
	);
}

await main();
