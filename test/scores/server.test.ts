import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Keyv from 'keyv';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import { LIMITS } from '../../src/discord/text.ts';
import { messagesIn } from '../../src/i18n/messages.ts';
import { type Library, openLibrary } from '../../src/library.ts';
import { DAILY_POST, type DailyPost, dailyKeys } from '../../src/quiz/records.ts';
import type { ClosedQuestion } from '../../src/scores/book.ts';
import {
	CONCEPT_LABEL_CHARS,
	conceptLabel,
	emptyServerStats,
	foldIntoServer,
	KEPT_DAYS,
	SERVER_STATS,
	type ServerSummary,
	summariseServer,
} from '../../src/scores/server.ts';
import { renderServerStats, sparkline } from '../../src/scores/server-render.ts';
import { ScoreStore, scoreKeys } from '../../src/scores/store.ts';
import { GroupCommitter } from '../../src/store/commit.ts';
import { readRecord, writeRecord } from '../../src/store/records.ts';
import { addDays } from '../../src/time/zone.ts';
import { testContext } from '../support/context.ts';

const GUILD = '500000000000000001';
const SERVER_KEY = scoreKeys.server(GUILD);

/** `count` distinct member ids starting at `from`. */
function members(count: number, from = 0): string[] {
	return Array.from({ length: count }, (_, i) => String(300000000000000000n + BigInt(from + i)));
}

/** A closed question about `concept` with `right` correct and `wrong` wrong answers, by distinct members. */
function closed(
	date: string,
	topic: string,
	concept: { id: string; label: string } | undefined,
	right: number,
	wrong: number,
): ClosedQuestion {
	const answers = members(right + wrong).map((userId, i) => ({ userId, correct: i < right }));
	return concept === undefined ? { date, topic, answers } : { date, topic, concept, answers };
}

function newScores(): { store: Keyv; scores: ScoreStore } {
	const store = new Keyv();
	return { store, scores: new ScoreStore(store, new GroupCommitter(store)) };
}

async function play(scores: ScoreStore, questions: readonly ClosedQuestion[]): Promise<void> {
	for (const q of questions) await scores.fold(GUILD, q, await scores.awardsFor(GUILD, q));
}

const noHistory = {
	scoredQuestion: () => Promise.reject(new Error('the aggregate should not need the history')),
};

describe('the server aggregate', () => {
	const image = { id: 'docker#image', label: 'Image' };
	const selinux = { id: 'linux#selinux', label: 'SELinux' };
	const questions = [
		closed('2026-12-01', 'Docker', image, 2, 1),
		closed('2026-12-02', 'Linux', selinux, 0, 2),
		closed('2026-12-03', 'Docker', { ...image, label: 'Docker › image' }, 3, 1),
		closed('2026-12-04', 'Linux', undefined, 0, 0),
	];

	it('counts answers per day, per topic and per concept as daily questions close', async () => {
		const { store, scores } = newScores();
		await play(scores, questions);
		expect(await store.get(SERVER_KEY)).toEqual({
			v: 1,
			days: {
				'2026-12-01': { answered: 3, correct: 2 },
				'2026-12-02': { answered: 2, correct: 0 },
				'2026-12-03': { answered: 4, correct: 3 },
				'2026-12-04': { answered: 0, correct: 0 },
			},
			topics: { Docker: [5, 7], Linux: [0, 2] },
			topicWeeks: { Docker: { '2026-W49': [5, 7] }, Linux: { '2026-W49': [0, 2] } },
			concepts: {
				'docker#image': { topic: 'Docker', answered: 7, missed: 2, label: 'Docker › image' },
				'linux#selinux': { topic: 'Linux', answered: 2, missed: 2, label: 'SELinux' },
			},
			appliedDates: ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'],
			questions: 4,
		});
	});

	it('counts a question once when it is folded again', async () => {
		const { store, scores } = newScores();
		await play(scores, questions);
		const before = await store.get(SERVER_KEY);
		const first = questions[0] as ClosedQuestion;
		await scores.fold(GUILD, first, {});
		await scores.fold(GUILD, { ...first, answers: [] }, {});
		expect(await store.get(SERVER_KEY)).toEqual(before);
	});

	it(`keeps the last ${KEPT_DAYS} days of participation, and every answer in topics and concepts`, () => {
		const stats = emptyServerStats();
		const first = '2025-01-01';
		for (let day = 0; day < KEPT_DAYS + 5; day++)
			foldIntoServer(stats, closed(addDays(first, day), 'Docker', image, 1, 1));
		const days = Object.keys(stats.days).sort();
		expect(days).toHaveLength(KEPT_DAYS);
		expect(days[0]).toBe(addDays(first, 5));
		expect(days.at(-1)).toBe(addDays(first, KEPT_DAYS + 4));
		expect(stats.topics).toEqual({ Docker: [KEPT_DAYS + 5, 2 * (KEPT_DAYS + 5)] });
		expect(stats.concepts['docker#image']).toMatchObject({ answered: 2 * (KEPT_DAYS + 5), missed: KEPT_DAYS + 5 });
		expect(stats.questions).toBe(KEPT_DAYS + 5);
		expect(stats.appliedDates).toHaveLength(KEPT_DAYS + 5);
		// A date older than every kept day (counted late) still counts, but does not push a kept day out.
		expect(foldIntoServer(stats, closed('2024-06-01', 'Linux', undefined, 1, 0))).toBe(true);
		expect(Object.keys(stats.days).sort()[0]).toBe(addDays(first, 5));
		expect(stats.topics.Linux).toEqual([1, 1]);
		expect(stats.appliedDates[0]).toBe('2024-06-01');
	});
});

describe('the ServerStats record', () => {
	it('reads a version 1 record as stored, and refuses a newer one', async () => {
		const store = new Keyv();
		const v1 = {
			v: 1,
			days: { '2026-12-01': { answered: 3, correct: 2 } },
			topics: { '가상 머신과 도커 컨테이너': [2, 3] },
			topicWeeks: { '가상 머신과 도커 컨테이너': { '2026-W49': [2, 3] } },
			concepts: {
				'virtualization-and-security#apparmor': {
					topic: '가상 머신과 도커 컨테이너',
					answered: 3,
					missed: 1,
					label: 'APPArmor',
				},
			},
			appliedDates: ['2026-11-30', '2026-12-01'],
			questions: 1,
		};
		await store.set(SERVER_KEY, v1);
		const { v: _, ...fields } = v1;
		expect(await readRecord(store, SERVER_KEY, SERVER_STATS)).toEqual(fields);
		await store.set(SERVER_KEY, { ...v1, v: 2 });
		await expect(readRecord(store, SERVER_KEY, SERVER_STATS)).rejects.toThrow(
			'ServerStats: record version 2 is newer than this bot (1)',
		);
		await store.set(SERVER_KEY, { ...v1, topics: { x: [1] } });
		await expect(readRecord(store, SERVER_KEY, SERVER_STATS)).rejects.toThrow(/ServerStats: field topics\.x/);
	});
});

describe('counting questions scored before the aggregate existed', () => {
	let library: Library;
	let fixture: DailyPost;

	beforeAll(async () => {
		library = await openLibrary(path.join(PROJECT_DIR, 'data/notes'));
		const raw = JSON.parse(
			await readFile(path.join(PROJECT_DIR, 'test/fixtures/records/daily-post.v1.json'), 'utf8'),
		) as Record<string, unknown>;
		fixture = DAILY_POST.parse(raw);
	});

	/** Stores a closed post as the daily quiz leaves it: `right` members chose the answer, `wrong` another option. */
	async function storePost(
		store: Keyv,
		date: string,
		topic: string,
		conceptId: string,
		headingPath: string[],
		right: number,
		wrong: number,
	) {
		const answer = fixture.question.answer;
		const answers: DailyPost['answers'] = {};
		members(right + wrong).forEach((userId, i) => {
			answers[userId] = { choice: i < right ? answer : (answer + 1) % 4, at: `${date}T01:00:00.000Z` };
		});
		const post: DailyPost = {
			...fixture,
			guildId: GUILD,
			date,
			question: { ...fixture.question, topic, conceptId, source: { ...fixture.question.source, headingPath } },
			answers,
			awards: null,
		};
		await writeRecord(store, dailyKeys.post(GUILD, date), DAILY_POST, post);
	}

	async function storeHistory(store: Keyv) {
		await storePost(store, '2026-11-01', '보안', 'security#apparmor', ['보안 모듈', 'APPArmor'], 3, 1);
		await storePost(store, '2026-11-02', '보안', 'security#selinux', ['보안 모듈', 'SELinux'], 0, 2);
		await storePost(store, '2026-11-04', '패키지', 'packages#dpkg', ['패키지', '우분투 패키지 관리 툴'], 1, 4);
		await storePost(store, '2026-11-05', '보안', 'security#apparmor', ['보안 모듈', 'APPArmor'], 2, 0);
		return ['2026-11-01', '2026-11-02', '2026-11-04', '2026-11-05'];
	}

	it('builds the aggregate from the stored posts once, the same as folding them did', async () => {
		const store = new Keyv();
		const { ctx } = testContext(library, { store });
		const dates = await storeHistory(store);
		for (const date of dates) {
			const question = (await ctx.daily.scoredQuestion(GUILD, date)) as ClosedQuestion;
			await ctx.scores.fold(GUILD, question, await ctx.scores.awardsFor(GUILD, question));
		}
		const folded = await store.get(SERVER_KEY);
		const summary = await ctx.scores.serverStats(GUILD, '2026-11-30', noHistory);
		expect(folded).toMatchObject({
			topics: { 보안: [5, 8], 패키지: [1, 5] },
			concepts: {
				'security#apparmor': { topic: '보안', answered: 6, missed: 1, label: 'APPArmor' },
				'packages#dpkg': { topic: '패키지', answered: 5, missed: 4, label: '우분투 패키지 관리 툴 › dpkg' },
			},
		});

		await store.delete(SERVER_KEY);
		const history = {
			scoredQuestion: vi.fn((guildId: string, date: string) => ctx.daily.scoredQuestion(guildId, date)),
		};
		expect(await ctx.scores.serverStats(GUILD, '2026-11-30', history)).toEqual(summary);
		expect(await store.get(SERVER_KEY)).toEqual(folded);
		expect(history.scoredQuestion.mock.calls.map(([, date]) => date)).toEqual(dates);
		expect(await ctx.scores.serverStats(GUILD, '2026-11-30', history)).toEqual(summary);
		expect(history.scoredQuestion).toHaveBeenCalledTimes(dates.length);
	});

	it('completes an aggregate a newer question started, and counts a date whose post is gone as nothing', async () => {
		const store = new Keyv();
		const { ctx } = testContext(library, { store });
		const dates = await storeHistory(store);
		const scoreDate = async (date: string) => {
			const question = (await ctx.daily.scoredQuestion(GUILD, date)) as ClosedQuestion;
			await ctx.scores.fold(GUILD, question, await ctx.scores.awardsFor(GUILD, question));
		};
		for (const date of dates) await scoreDate(date);
		const full = await store.get(SERVER_KEY);

		// Before this version: the same questions scored, with no aggregate; then one more date whose post is gone.
		const older = newScores();
		for (const date of dates)
			await older.store.set(dailyKeys.post(GUILD, date), await store.get(dailyKeys.post(GUILD, date)));
		const earlier = closed('2026-10-31', '보안', undefined, 1, 0);
		await older.scores.fold(GUILD, earlier, await older.scores.awardsFor(GUILD, earlier));
		for (const date of dates.slice(0, 3)) {
			const question = (await ctx.daily.scoredQuestion(GUILD, date)) as ClosedQuestion;
			await older.scores.fold(GUILD, question, await older.scores.awardsFor(GUILD, question));
		}
		await older.store.delete(SERVER_KEY);
		// After the upgrade, the next question is folded first: the aggregate exists but lacks the older dates.
		const last = (await ctx.daily.scoredQuestion(GUILD, '2026-11-05')) as ClosedQuestion;
		await older.scores.fold(GUILD, last, await older.scores.awardsFor(GUILD, last));
		expect(await older.store.get(SERVER_KEY)).toMatchObject({ appliedDates: ['2026-11-05'], questions: 1 });

		const history = {
			scoredQuestion: vi.fn(async (_guildId: string, date: string) => {
				const post = await older.store.get(dailyKeys.post(GUILD, date));
				return post === undefined ? undefined : ctx.daily.scoredQuestion(GUILD, date);
			}),
		};
		const summary = await older.scores.serverStats(GUILD, '2026-11-30', history);
		expect(history.scoredQuestion.mock.calls.map(([, date]) => date)).toEqual(['2026-10-31', ...dates.slice(0, 3)]);
		expect(await older.store.get(SERVER_KEY)).toEqual({
			...(full as object),
			appliedDates: ['2026-10-31', ...dates],
		});
		expect(summary.questions).toBe(4);
		await older.scores.serverStats(GUILD, '2026-11-30', history);
		expect(history.scoredQuestion).toHaveBeenCalledTimes(4);
	});
});

describe('concept labels', () => {
	it('shows a section by its heading and a term as section › term', () => {
		expect(conceptLabel('virtualization-and-security#apparmor', ['보안 모듈', 'APPArmor'])).toBe('APPArmor');
		expect(conceptLabel('os/process-sync#예시/예시-2', ['동기화', '예시'])).toBe('예시');
		expect(conceptLabel('vs#dpkg', ['가상 머신과 도커 컨테이너', '우분투 패키지 관리 툴'])).toBe(
			'우분투 패키지 관리 툴 › dpkg',
		);
		expect(conceptLabel('notes#access-control', [])).toBe('access control');
	});

	it(`keeps labels within ${CONCEPT_LABEL_CHARS} characters`, () => {
		const label = conceptLabel('notes#term', ['가'.repeat(200)]);
		expect(label).toHaveLength(CONCEPT_LABEL_CHARS);
		expect(label.endsWith('…')).toBe(true);
	});
});

/** Eight questions: six in the 30 days ending 2026-12-31, one before them, one after (a later local date). */
function month(): ClosedQuestion[] {
	const k = (n: number) => ({ id: `notes#k${n}`, label: `Concept ${n}` });
	return [
		closed('2026-12-01', 'Networking', k(6), 0, 1),
		closed('2026-12-02', 'Linux', k(2), 4, 4),
		closed('2026-12-05', 'Docker', k(1), 0, 4),
		closed('2026-12-10', 'Linux', k(3), 0, 3),
		closed('2026-12-15', 'Docker', k(5), 0, 2),
		closed('2026-12-20', 'Security', k(4), 0, 2),
		closed('2026-12-31', 'Security', k(7), 4, 0),
		closed('2027-01-01', 'Networking', k(8), 1, 0),
	];
}

describe('serverStats', () => {
	it('gives exactly the 30 local dates ending today, with zeros for days without a question', async () => {
		const { scores } = newScores();
		await play(scores, month());
		const stats = await scores.serverStats(GUILD, '2026-12-31', noHistory);
		expect(stats.participation).toHaveLength(30);
		expect(stats.participation[0]?.date).toBe('2026-12-02');
		expect(stats.participation.at(-1)?.date).toBe('2026-12-31');
		expect(stats.participation.filter((day) => day.asked)).toEqual([
			{ date: '2026-12-02', asked: true, members: 8, correct: 4 },
			{ date: '2026-12-05', asked: true, members: 4, correct: 0 },
			{ date: '2026-12-10', asked: true, members: 3, correct: 0 },
			{ date: '2026-12-15', asked: true, members: 2, correct: 0 },
			{ date: '2026-12-20', asked: true, members: 2, correct: 0 },
			{ date: '2026-12-31', asked: true, members: 4, correct: 4 },
		]);
		expect(stats.participation[1]).toEqual({ date: '2026-12-03', asked: false, members: 0, correct: 0 });
		expect(new Set(stats.participation.map((day) => day.date)).size).toBe(30);
		expect(stats).toMatchObject({ questions: 8, questions30d: 6, answers30d: 23, correct30d: 8 });
	});

	it('gives accuracy by topic for the last eight ISO weeks, zeros where a topic had no answer', async () => {
		const { scores } = newScores();
		await play(scores, month());
		const { heatmap } = await scores.serverStats(GUILD, '2026-12-31', noHistory);
		expect(heatmap.weeks).toEqual([
			'2026-W46',
			'2026-W47',
			'2026-W48',
			'2026-W49',
			'2026-W50',
			'2026-W51',
			'2026-W52',
			'2026-W53',
		]);
		const none = { correct: 0, answered: 0 };
		const cells = (answers: Record<number, [number, number]>) =>
			heatmap.weeks.map((_, i) => {
				const cell = answers[i];
				return cell === undefined ? none : { correct: cell[0], answered: cell[1] };
			});
		expect(heatmap.rows).toEqual([
			{ topic: 'Linux', cells: cells({ 3: [4, 8], 4: [0, 3] }) },
			{ topic: 'Docker', cells: cells({ 3: [0, 4], 5: [0, 2] }) },
			{ topic: 'Security', cells: cells({ 5: [0, 2], 7: [4, 4] }) },
			{ topic: 'Networking', cells: cells({ 3: [0, 1], 7: [1, 1] }) },
		]);
	});

	it('orders topics by answers, then name, and the five most missed concepts by misses, then miss rate, then id', async () => {
		const { scores } = newScores();
		await play(scores, month());
		const stats = await scores.serverStats(GUILD, '2026-12-31', noHistory);
		expect(stats.topics).toEqual([
			{ topic: 'Linux', correct: 4, answered: 11 },
			{ topic: 'Docker', correct: 0, answered: 6 },
			{ topic: 'Security', correct: 4, answered: 6 },
			{ topic: 'Networking', correct: 1, answered: 2 },
		]);
		expect(stats.mostMissed.map((c) => [c.conceptId, c.missed, c.answered])).toEqual([
			['notes#k1', 4, 4],
			['notes#k2', 4, 8],
			['notes#k3', 3, 3],
			['notes#k4', 2, 2],
			['notes#k5', 2, 2],
		]);
		expect(stats.mostMissed[0]).toEqual({
			conceptId: 'notes#k1',
			label: 'Concept 1',
			topic: 'Docker',
			missed: 4,
			answered: 4,
		});
	});

	it('is empty for a server without a scored question', async () => {
		const { scores } = newScores();
		const stats = await scores.serverStats(GUILD, '2026-12-31', noHistory);
		expect(stats).toMatchObject({ questions: 0, topics: [], mostMissed: [], answers30d: 0 });
		expect(stats.participation.every((day) => !day.asked && day.members === 0)).toBe(true);
		expect(stats.participation).toHaveLength(30);
	});
});

describe('renderServerStats', () => {
	const en = messagesIn('en');
	const ko = messagesIn('ko');

	async function decemberStats(): Promise<ServerSummary> {
		const { scores } = newScores();
		await play(scores, month());
		return scores.serverStats(GUILD, '2026-12-31', noHistory);
	}

	it('draws a day per character: · without a question, ▁ nobody answered, up to █ for the busiest day', () => {
		const day = (members: number, asked = true) => ({ date: '2026-12-01', asked, members, correct: 0 });
		expect(sparkline([day(0, false), day(0), day(1), day(4), day(6), day(8)])).toBe('·▁▂▅▇█');
		expect(sparkline([day(0, false), day(0, false)])).toBe('··');
	});

	it('shows participation, accuracy by topic and the most missed concepts in English', async () => {
		const embed = renderServerStats(await decemberStats(), en, 'en');
		expect(embed.title).toBe(en.server.title);
		expect(embed.description).toBe('Daily questions scored so far: **8**');
		expect(embed.fields).toEqual([
			{
				name: 'Participation · last 30 days',
				value: [
					'`█··▅····▄····▃····▃··········▅`',
					'Dec 2 – Dec 31',
					'Answers: **23** · questions: **6** · correct: **35%**',
					'Busiest day: Dec 2 (8 answered)',
					en.server.participationLegend,
				].join('\n'),
			},
			{
				name: 'Accuracy by topic',
				value: [
					'Linux — **36%** (4/11)',
					'Docker — **0%** (0/6)',
					'Security — **67%** (4/6)',
					'Networking — **50%** (1/2)',
				].join('\n'),
			},
			{
				name: 'Most missed concepts',
				value: [
					'1. Concept 1 · Docker — missed 4 of 4',
					'2. Concept 2 · Linux — missed 4 of 8',
					'3. Concept 3 · Linux — missed 3 of 3',
					'4. Concept 4 · Security — missed 2 of 2',
					'5. Concept 5 · Docker — missed 2 of 2',
				].join('\n'),
			},
		]);
		expect(embed.footer?.text).toBe(en.server.footer);
	});

	it('shows the same in Korean', async () => {
		const embed = renderServerStats(await decemberStats(), ko, 'ko');
		expect(embed.title).toBe('📊 이 서버의 오늘의 문제');
		expect(embed.description).toBe('지금까지 채점된 오늘의 문제: **8**개');
		expect(embed.fields?.map((field) => field.name)).toEqual([
			'참여 · 최근 30일',
			'주제별 정답률',
			'가장 많이 틀린 개념',
		]);
		expect(embed.fields?.[0]?.value.split('\n').slice(0, 4)).toEqual([
			'`█··▅····▄····▃····▃··········▅`',
			'12월 2일 – 12월 31일',
			'답변 **23**개 · 문제 **6**개 · 정답률 **35%**',
			'가장 많이 참여한 날: 12월 2일 (8명 답변)',
		]);
		expect(embed.fields?.[2]?.value.split('\n')[1]).toBe('2. Concept 2 · Linux — 8번 중 4번 틀림');
	});

	it('says so when the last 30 days had no question, and when the server has none at all', async () => {
		const { scores } = newScores();
		await play(scores, [closed('2026-10-01', 'Linux', undefined, 1, 1)]);
		const quiet = renderServerStats(await scores.serverStats(GUILD, '2026-12-31', noHistory), ko, 'ko');
		expect(quiet.fields?.[0]?.value).toBe('최근 30일 동안 오늘의 문제가 없었습니다.');
		expect(quiet.fields?.[1]?.value).toBe('Linux — **50%** (1/2)');
		expect(quiet.fields?.[2]?.value).toBe(ko.server.missedNone);
		const empty = summariseServer(emptyServerStats(), '2026-12-31');
		expect(renderServerStats(empty, en, 'en')).toEqual({ title: en.server.title, description: en.server.empty });
		expect(renderServerStats(empty, ko, 'ko').description).toBe(
			'이 서버에서 채점된 오늘의 문제가 아직 없습니다. 첫 문제가 마감되면 통계가 시작됩니다.',
		);
	});

	it('stays within Discord limits with 50 long Korean topics, and pings nobody', () => {
		const stats = emptyServerStats();
		for (let i = 0; i < 50; i++) {
			const topic = `@everyone ${i}번째 아주 긴 주제 이름 `.repeat(12);
			const concept = { id: `notes#k${i}`, label: `<@123456789012345678> 개념 ${i} `.repeat(10) };
			foldIntoServer(stats, closed(addDays('2026-11-01', i), topic, concept, 1000 - i, 1000 + i));
		}
		for (const lang of ['en', 'ko'] as const) {
			const embed = renderServerStats(summariseServer(stats, '2026-12-20'), messagesIn(lang), lang);
			const fields = embed.fields ?? [];
			expect(fields).toHaveLength(3);
			for (const field of fields) {
				expect(field.name.length).toBeLessThanOrEqual(LIMITS.embedFieldName);
				expect(field.value.length).toBeLessThanOrEqual(LIMITS.embedFieldValue);
			}
			expect((embed.title ?? '').length).toBeLessThanOrEqual(LIMITS.embedTitle);
			expect((embed.description ?? '').length).toBeLessThanOrEqual(LIMITS.embedDescription);
			const total =
				(embed.title ?? '').length +
				(embed.description ?? '').length +
				(embed.footer?.text ?? '').length +
				fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
			expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
			const topics = fields[1]?.value.split('\n') ?? [];
			expect(topics).toHaveLength(11);
			expect(topics.at(-1)).toBe(lang === 'en' ? '…and 40 more' : '…외 40개');
			expect(fields[2]?.value.split('\n')).toHaveLength(5);
			const text = JSON.stringify(embed);
			expect(text).not.toMatch(/@everyone|<@\d/);
		}
	});
});
