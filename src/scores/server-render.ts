import type { APIEmbed, APIEmbedField } from 'discord.js';
import { SERVER_CHART_MAX_TOPICS, type TopicHeatmapInput } from '../charts/server.ts';
import { LIMITS, neutraliseMentions, truncate } from '../discord/text.ts';
import { type Lang, numberLocale } from '../i18n/locale.ts';
import type { Messages } from '../i18n/messages.ts';
import type { DayParticipation, ServerSummary } from './server.ts';

/** Topics listed under accuracy by topic. */
export const SHOWN_TOPICS = 10;

/** Longest topic or concept name shown, in characters, so ten lines fit a field. */
const NAME_CHARS = 60;

/** Bar heights, lowest first: the lowest is a day whose question nobody answered. */
const BARS = '▁▂▃▄▅▆▇█';
/** A day without a daily question. */
const NO_QUESTION = '·';

/** One character per day: `·` without a question, `▁` nobody answered, then up to `█` for the busiest day. */
export function sparkline(days: readonly DayParticipation[]): string {
	const busiest = Math.max(1, ...days.map((day) => day.members));
	const top = BARS.length - 1;
	return days
		.map((day) => {
			if (!day.asked) return NO_QUESTION;
			if (day.members === 0) return BARS[0];
			return BARS[Math.max(1, Math.ceil((day.members / busiest) * top))];
		})
		.join('');
}

function percent(correct: number, answered: number): number {
	return answered === 0 ? 0 : Math.round((correct / answered) * 100);
}

/** Note text (a topic, a concept) as a short line that cannot ping anyone. */
function noteName(text: string): string {
	return truncate(neutraliseMentions(text.replace(/\s+/g, ' ').trim()), NAME_CHARS);
}

/** As many whole lines as fit in `max` characters, then `more(n)` for the `n` lines left out (or for `hidden`). */
function fitLines(lines: readonly string[], hidden: number, more: (count: number) => string, max: number): string {
	const kept: string[] = [];
	let length = 0;
	for (const [i, line] of lines.entries()) {
		const left = lines.length - i - 1 + hidden;
		const tail = left > 0 ? more(left).length + 1 : 0;
		if (length + line.length + 1 + tail > max) break;
		kept.push(line);
		length += line.length + 1;
	}
	const left = lines.length - kept.length + hidden;
	if (left > 0) kept.push(more(left));
	return truncate(kept.join('\n'), max);
}

/**
 * `/stats server`: participation over the last 30 days as a sparkline with totals, accuracy by topic (the ten most
 * answered) and the five most missed concepts, in `lang`. A server without a scored question gets a short message.
 */
export function renderServerStats(stats: ServerSummary, t: Messages, lang: Lang): APIEmbed {
	const m = t.server;
	const locale = numberLocale(lang);
	const num = (value: number): string => value.toLocaleString(locale);
	const dayFormat = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
	const day = (date: string): string => dayFormat.format(new Date(`${date}T00:00:00Z`));
	if (stats.questions === 0) return { title: m.title, description: m.empty };

	const days = stats.participation;
	const windowDays = num(days.length);
	let participation: string;
	if (stats.questions30d === 0) participation = m.participationQuiet({ days: windowDays });
	else {
		const busiest = days.reduce((best, next) => (next.members > best.members ? next : best));
		participation = [
			`\`${sparkline(days)}\``,
			m.participationRange({ from: day(days[0]?.date ?? ''), to: day(days.at(-1)?.date ?? '') }),
			m.participationTotals({
				answers: num(stats.answers30d),
				questions: num(stats.questions30d),
				percent: num(percent(stats.correct30d, stats.answers30d)),
			}),
			...(busiest.members > 0
				? [m.participationBusiest({ date: day(busiest.date), members: num(busiest.members) })]
				: []),
			m.participationLegend,
		].join('\n');
	}

	const topicLines = stats.topics.slice(0, SHOWN_TOPICS).map((topic) =>
		m.topicLine({
			topic: noteName(topic.topic),
			percent: num(percent(topic.correct, topic.answered)),
			correct: num(topic.correct),
			answered: num(topic.answered),
		}),
	);
	const topics =
		topicLines.length === 0
			? m.topicsNone
			: fitLines(
					topicLines,
					Math.max(0, stats.topics.length - SHOWN_TOPICS),
					(count) => m.topicsMore({ count: num(count) }),
					LIMITS.embedFieldValue,
				);

	const missedLines = stats.mostMissed.map((concept, i) =>
		m.missedLine({
			rank: num(i + 1),
			concept: noteName(concept.label),
			topic: noteName(concept.topic),
			missed: num(concept.missed),
			answered: num(concept.answered),
		}),
	);
	const missed = missedLines.length === 0 ? m.missedNone : fitLines(missedLines, 0, () => '…', LIMITS.embedFieldValue);

	const fields: APIEmbedField[] = [
		{ name: m.participationName({ days: windowDays }), value: truncate(participation, LIMITS.embedFieldValue) },
		{ name: m.topicsName, value: topics },
		{ name: m.missedName, value: missed },
	];
	return {
		title: truncate(m.title, LIMITS.embedTitle),
		description: truncate(m.scored({ questions: num(stats.questions) }), LIMITS.embedDescription),
		fields,
		footer: { text: truncate(m.footer, LIMITS.embedFooter) },
	};
}

/**
 * The server's heatmap: one row per topic (most answered first, as many as the chart draws), a column per ISO week of
 * `stats.heatmap` headed `W49`, the all-time accuracy as the overall column, and answers per day of the last 30 days.
 */
export function serverHeatmapInput(stats: ServerSummary, server: string, t: Messages): TopicHeatmapInput {
	const totals = new Map(stats.topics.map((topic) => [topic.topic, topic]));
	return {
		title: t.charts.serverTitle({ server }),
		columns: stats.heatmap.weeks.map((week) => week.slice(week.indexOf('-') + 1)),
		topics: stats.heatmap.rows.slice(0, SERVER_CHART_MAX_TOPICS).map((row) => {
			const total = totals.get(row.topic);
			return {
				name: row.topic,
				cells: row.cells,
				...(total === undefined ? {} : { total: { answered: total.answered, correct: total.correct } }),
			};
		}),
		participation: stats.participation.map((day) => day.members),
		labels: { overall: t.charts.overall, participation: t.charts.participation, noData: t.charts.noTopics },
	};
}
