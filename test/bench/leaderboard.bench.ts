/**
 * `npm run bench`, second part: `/leaderboard` and `/stats` for one server of 100,000 members (`--members N`), against
 * Discord's 3 s reply budget and against the layout most quiz bots use, one Keyv key per member.
 *
 * The store is built the way the bot builds it: DAYS closed daily questions, each answered by a random 30–70% of the
 * members (seeded, so every run builds the same server), are folded through `awardsFor`, `foldIntoBook` and
 * `foldIntoBoard` into the member book and the all-time, week and month boards, then written with `writeRecord` under
 * `scoreKeys` to a real SQLite file. The same member totals are also written one key per member to a second file.
 *
 * Each row is measured in its own child process (so one row's garbage cannot inflate another's heap or RSS):
 * cold runs each open a fresh Keyv and a fresh ScoreStore (the file itself stays in the OS page cache); warm runs reuse
 * one store after an unmeasured call. A call is the command's whole work: reading, ranking and rendering the reply.
 */
import { fork } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import KeyvSqlite from '@keyv/sqlite';
import type Keyv from 'keyv';
import { DEFER_AFTER_MS } from '../../src/discord/respond.ts';
import { messagesIn } from '../../src/i18n/messages.ts';
import { DEFAULT_ZONE } from '../../src/quiz/daily.ts';
import {
	awardsFor,
	type ClosedQuestion,
	emptyBoard,
	emptyBook,
	foldIntoBoard,
	foldIntoBook,
	MEMBER_BOOK,
	type MemberBook,
	type MemberTotals,
	POINTS_BOARD,
	type PointsBoard,
} from '../../src/scores/book.ts';
import { LEADERBOARD_PAGE_SIZE, leaderboardPage, rankStandings } from '../../src/scores/ranking.ts';
import { renderLeaderboard, renderStats, type ScoreReply } from '../../src/scores/render.ts';
import {
	BOOK_BUCKETS,
	bookBucket,
	PERIODS,
	type Period,
	periodId,
	ScoreStore,
	scoreKeys,
} from '../../src/scores/store.ts';
import { GroupCommitter } from '../../src/store/commit.ts';
import { GuardedAdapter } from '../../src/store/guard.ts';
import { openKeyv } from '../../src/store/keyv.ts';
import { type RecordKind, writeRecord } from '../../src/store/records.ts';
import { addDays } from '../../src/time/zone.ts';

const DEFAULT_MEMBERS = 100_000;
const DAYS = 60;
/** A Sunday late in a month: the current week board holds 7 questions and the month board 29. */
const LAST_DATE = '2026-11-29';
const TOPICS = ['arrays', 'graphs', 'dynamic programming', 'sorting', 'trees', 'networking', 'databases', 'os'];
const SEED = 0x5eed_2026;
/**
 * Runs per phase (cold, then warm) of a row: up to MAX_RUNS, stopping early once the phase has taken PHASE_BUDGET_MS
 * and has MIN_RUNS, so the whole benchmark stays near two minutes. With at most 100 runs, p99 is the slowest run.
 */
const MAX_RUNS = 20;
const MIN_RUNS = 5;
const PHASE_BUDGET_MS = 4_000;
const BUDGET_MS = 3_000;
/**
 * @keyv/sqlite 4.0.8 matches the rows of a `getMany` to its keys with `Array.find`, so one call over 100,000 keys is
 * quadratic (46 s when tried); 1,000 keys a call is the key-per-member layout at its best.
 */
const GET_MANY_KEYS = 1_000;
const BOARD_FILE = 'board.sqlite';
const NAIVE_FILE = 'naive.sqlite';
const SCENARIO_FILE = 'scenario.json';

/** The built server as the measuring children need it. */
interface Scenario {
	readonly guildId: string;
	readonly date: string;
	/** The member at the middle of the all-time board: both the viewer of the leaderboard and the `/stats` subject. */
	readonly viewerId: string;
	/** 0-based middle page of each period's board. */
	readonly deepPages: Record<Period, number>;
	/** Every member of the server, as the key-per-member layout must know them to read their keys. */
	readonly userIds: readonly string[];
}

interface Row {
	readonly layout: 'board' | 'naive';
	readonly command: 'leaderboard' | 'stats';
	readonly period: Period;
	readonly deep: boolean;
}

const ROWS: readonly Row[] = [
	...PERIODS.toReversed().flatMap((period) =>
		[false, true].map((deep): Row => ({ layout: 'board', command: 'leaderboard', period, deep })),
	),
	{ layout: 'board', command: 'stats', period: 'all', deep: false },
	{ layout: 'naive', command: 'leaderboard', period: 'all', deep: false },
];

interface RowResult {
	readonly coldMs: readonly number[];
	readonly warmMs: readonly number[];
	/** heapUsed right after a call minus heapUsed after a full GC before it (a lower bound of the call's peak), max. */
	readonly heapDeltaMB: number;
	/** Highest RSS after a call minus RSS before the row's first call. */
	readonly rssDeltaMB: number;
}

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
	};
}

/** Since Discord's epoch (2015-01-01 UTC): accounts created 2016-01-01 to 2025-06-01, ids of 18 or 19 digits. */
const ACCOUNT_SPAN_MS = [31_536_000_000, 328_665_600_000] as const;

function snowflake(random: () => number): string {
	const [from, to] = ACCOUNT_SPAN_MS;
	const sinceEpochMs = BigInt(Math.floor(from + random() * (to - from)));
	return ((sinceEpochMs << 22n) | BigInt(Math.floor(random() * 2 ** 22))).toString();
}

function naiveKey(guildId: string, userId: string): string {
	return `member:${guildId}:${userId}`;
}

/** Bytes of the JSON that `writeRecord` stores, in MB. */
/** The book as the bot stores it: one record per bucket, each with every applied question. */
function splitBook(book: MemberBook): MemberBook[] {
	const parts = Array.from({ length: BOOK_BUCKETS }, () => ({
		members: {} as MemberBook['members'],
		appliedDates: [...book.appliedDates],
		lastPostDate: book.lastPostDate,
	}));
	for (const [userId, totals] of Object.entries(book.members)) {
		const part = parts[bookBucket(userId)];
		if (part !== undefined) part.members[userId] = totals;
	}
	return parts;
}

function recordMB<T extends object>(kind: RecordKind<T>, value: T): number {
	return Buffer.byteLength(JSON.stringify({ v: kind.version, ...value })) / 2 ** 20;
}

function rankedCount(board: PointsBoard | undefined): number {
	return Object.values(board?.points ?? {}).filter((points) => points > 0).length;
}

/**
 * Keyv has no batch write for SQLite, and 100,000 autocommitted writes take minutes; one transaction on the store's
 * single connection holds every write issued between BEGIN and COMMIT.
 */
async function inTransaction(keyv: Keyv, work: () => Promise<unknown>): Promise<void> {
	const store: unknown = keyv.store instanceof GuardedAdapter ? keyv.store.inner : keyv.store;
	if (!(store instanceof KeyvSqlite)) throw new Error('bench: the key-per-member layout needs a SQLite store');
	await store.query('BEGIN');
	await work();
	await store.query('COMMIT');
}

interface Built {
	readonly scenario: Scenario;
	readonly answers: number;
	readonly foldMs: number;
	readonly boardWriteMs: number;
	readonly naiveWriteMs: number;
	readonly bookMB: number;
	/** The largest member-book bucket: what `/stats` reads. */
	readonly bucketMB: number;
	readonly boardMB: Record<Period, number>;
	readonly naiveMB: number;
	readonly boardFileMB: number;
	readonly naiveFileMB: number;
}

async function build(dir: string, members: number): Promise<Built> {
	const random = seededRandom(SEED);
	const guildId = snowflake(random);
	const ids = new Set<string>();
	while (ids.size < members) ids.add(snowflake(random));
	const userIds = [...ids];
	const skill = userIds.map(() => 0.35 + random() * 0.6);
	const engagement = userIds.map(() => 0.4 + random() * 1.2);

	const book = emptyBook();
	const boards = new Map<string, PointsBoard>();
	let answers = 0;
	let foldMs = 0;
	for (let day = 0; day < DAYS; day++) {
		const share = 0.3 + random() * 0.4;
		const dayAnswers: { userId: string; correct: boolean }[] = [];
		userIds.forEach((userId, i) => {
			if (random() < share * (engagement[i] ?? 1)) dayAnswers.push({ userId, correct: random() < (skill[i] ?? 0.5) });
		});
		const question: ClosedQuestion = {
			date: addDays(LAST_DATE, day - (DAYS - 1)),
			topic: TOPICS[Math.floor(random() * TOPICS.length)] ?? 'arrays',
			answers: dayAnswers,
		};
		answers += dayAnswers.length;
		const start = performance.now();
		const awards = awardsFor(book, question);
		foldIntoBook(book, question, awards);
		for (const period of PERIODS) {
			const id = periodId(period, question.date);
			const board = boards.get(id) ?? emptyBoard();
			foldIntoBoard(board, question.date, awards);
			boards.set(id, board);
		}
		foldMs += performance.now() - start;
	}

	let start = performance.now();
	const boardStore = (await openKeyv(`sqlite://${BOARD_FILE}`, dir)).keyv;
	const buckets = splitBook(book);
	for (const [bucket, part] of buckets.entries())
		await writeRecord(boardStore, scoreKeys.book(guildId, bucket), MEMBER_BOOK, part);
	for (const [id, board] of boards) await writeRecord(boardStore, scoreKeys.board(guildId, id), POINTS_BOARD, board);
	await boardStore.disconnect();
	const boardWriteMs = performance.now() - start;

	start = performance.now();
	const naiveStore = (await openKeyv(`sqlite://${NAIVE_FILE}`, dir)).keyv;
	const totalsById = Object.entries(book.members);
	await inTransaction(naiveStore, () =>
		Promise.all(totalsById.map(([userId, totals]) => naiveStore.set(naiveKey(guildId, userId), totals))),
	);
	await naiveStore.disconnect();
	const naiveWriteMs = performance.now() - start;

	const current = (period: Period) => boards.get(periodId(period, LAST_DATE));
	const allTime = rankStandings(current('all')?.points ?? {});
	const middle = (period: Period) => Math.floor(rankedCount(current(period)) / LEADERBOARD_PAGE_SIZE / 2);
	const fileMB = async (file: string) => (await stat(path.join(dir, file))).size / 2 ** 20;
	return {
		scenario: {
			guildId,
			date: LAST_DATE,
			viewerId: allTime[Math.floor(allTime.length / 2)]?.userId ?? '',
			deepPages: { week: middle('week'), month: middle('month'), all: middle('all') },
			userIds,
		},
		answers,
		foldMs,
		boardWriteMs,
		naiveWriteMs,
		bookMB: recordMB(MEMBER_BOOK, book),
		bucketMB: Math.max(...splitBook(book).map((part) => recordMB(MEMBER_BOOK, part))),
		boardMB: {
			week: recordMB(POINTS_BOARD, current('week') ?? emptyBoard()),
			month: recordMB(POINTS_BOARD, current('month') ?? emptyBoard()),
			all: recordMB(POINTS_BOARD, current('all') ?? emptyBoard()),
		},
		naiveMB: totalsById.reduce((sum, [, totals]) => sum + Buffer.byteLength(JSON.stringify(totals)), 0) / 2 ** 20,
		boardFileMB: await fileMB(BOARD_FILE),
		naiveFileMB: await fileMB(NAIVE_FILE),
	};
}

/** The key-per-member layout's points of every member, which its leaderboard and ranks are computed from. */
async function naivePoints(keyv: Keyv, scenario: Scenario): Promise<Record<string, number>> {
	const points: Record<string, number> = {};
	for (let i = 0; i < scenario.userIds.length; i += GET_MANY_KEYS) {
		const chunk = scenario.userIds.slice(i, i + GET_MANY_KEYS);
		const values = await keyv.getMany<MemberTotals>(chunk.map((userId) => naiveKey(scenario.guildId, userId)));
		values.forEach((totals, j) => {
			const userId = chunk[j];
			if (totals !== undefined && userId !== undefined) points[userId] = totals.points;
		});
	}
	return points;
}

interface Session {
	readonly keyv: Keyv;
	readonly scores: ScoreStore;
}

async function openSession(dir: string, row: Row): Promise<Session> {
	const { keyv, lock } = await openKeyv(`sqlite://${row.layout === 'board' ? BOARD_FILE : NAIVE_FILE}`, dir);
	return { keyv, scores: new ScoreStore(keyv, new GroupCommitter(keyv, lock)) };
}

/** What the command handler does for the row, reply rendered; throws if it found nobody, which would measure nothing. */
function callOf(row: Row, scenario: Scenario): (session: Session) => Promise<ScoreReply> {
	const { guildId, date, viewerId } = scenario;
	if (row.command === 'stats') {
		return async ({ scores }) => {
			const stats = await scores.memberStats(guildId, viewerId);
			if (stats === null) throw new Error('bench: the /stats member has no record');
			return renderStats(stats, 'Bench member', true, messagesIn('en'));
		};
	}
	const page = row.deep ? scenario.deepPages[row.period] : 0;
	const label =
		row.period === 'all' ? DEFAULT_ZONE : `${periodId(row.period, date).split(':')[1] ?? ''} (${DEFAULT_ZONE})`;
	return async ({ keyv, scores }) => {
		const standings =
			row.layout === 'board'
				? await scores.leaderboard(guildId, row.period, date, page, viewerId)
				: leaderboardPage(rankStandings(await naivePoints(keyv, scenario)), page, viewerId);
		if (standings.entries.length === 0) throw new Error(`bench: the ${row.period} board is empty`);
		return renderLeaderboard(standings, row.period, label, viewerId, messagesIn('en'));
	};
}

async function measureRow(row: Row, dir: string): Promise<RowResult> {
	const gc = globalThis.gc;
	if (gc === undefined) throw new Error('bench: run with --expose-gc');
	const scenario = JSON.parse(await readFile(path.join(dir, SCENARIO_FILE), 'utf8')) as Scenario;
	const call = callOf(row, scenario);
	gc();
	const rssBefore = process.memoryUsage().rss;
	let rssPeak = rssBefore;
	let heapDelta = 0;
	const timed = async (session: Session): Promise<number> => {
		gc();
		const heapBefore = process.memoryUsage().heapUsed;
		const start = performance.now();
		await call(session);
		const elapsedMs = performance.now() - start;
		const { heapUsed, rss } = process.memoryUsage();
		heapDelta = Math.max(heapDelta, heapUsed - heapBefore);
		rssPeak = Math.max(rssPeak, rss);
		return elapsedMs;
	};
	const phase = async (run: () => Promise<number>): Promise<number[]> => {
		const start = performance.now();
		const elapsedMs: number[] = [];
		while (elapsedMs.length < MAX_RUNS && (elapsedMs.length < MIN_RUNS || performance.now() - start < PHASE_BUDGET_MS))
			elapsedMs.push(await run());
		return elapsedMs;
	};
	const coldMs = await phase(async () => {
		const session = await openSession(dir, row);
		const elapsedMs = await timed(session);
		await session.keyv.disconnect();
		return elapsedMs;
	});
	const session = await openSession(dir, row);
	await call(session);
	const warmMs = await phase(() => timed(session));
	await session.keyv.disconnect();
	return { coldMs, warmMs, heapDeltaMB: heapDelta / 2 ** 20, rssDeltaMB: (rssPeak - rssBefore) / 2 ** 20 };
}

function runInChild(rowIndex: number, dir: string): Promise<RowResult> {
	return new Promise((resolve, reject) => {
		const child = fork(fileURLToPath(import.meta.url), ['--row', String(rowIndex), '--dir', dir], {
			execArgv: [...process.execArgv, '--expose-gc'],
		});
		child.once('message', (message) => resolve(message as RowResult));
		child.once('error', reject);
		child.once('exit', (code) => {
			if (code !== 0) reject(new Error(`bench: row ${rowIndex} exited with code ${code}`));
		});
	});
}

function percentile(sorted: readonly number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const whole = (value: number) => Math.round(value).toLocaleString('en-US');

function rowLabel(row: Row, scenario: Scenario): string {
	if (row.command === 'stats') return '/stats';
	const page = row.deep ? scenario.deepPages[row.period] : 0;
	return `/leaderboard ${row.period}, page ${whole(page + 1)}`;
}

function print(members: number, built: Built, results: readonly RowResult[]): void {
	const { scenario } = built;
	console.log(
		`\n${whole(members)} members; ${DAYS} daily questions (${whole(built.answers)} answers, ${TOPICS.length} topics) folded in ${whole(built.foldMs)} ms; ` +
			`board layout written in ${whole(built.boardWriteMs)} ms (file ${built.boardFileMB.toFixed(1)} MB), ` +
			`key-per-member layout in ${whole(built.naiveWriteMs)} ms (one transaction, file ${built.naiveFileMB.toFixed(1)} MB)`,
	);
	console.log(
		`stored JSON: member book ${built.bookMB.toFixed(1)} MB in ${BOOK_BUCKETS} buckets (largest ${built.bucketMB.toFixed(2)} MB); boards all ${built.boardMB.all.toFixed(1)} MB, ` +
			`month ${built.boardMB.month.toFixed(1)} MB, week ${built.boardMB.week.toFixed(1)} MB; ` +
			`${whole(members)} member keys ${built.naiveMB.toFixed(1)} MB in all. ` +
			'Cold runs open a fresh Keyv and ScoreStore each; warm runs reuse one\n',
	);
	console.log(
		'| layout | call | reads (MB) | runs (cold + warm) | cold p50 (ms) | cold p99 (ms) | cold max (ms) | warm p50 (ms) | warm p99 (ms) | warm max (ms) | heap Δ (MB) | RSS Δ (MB) |',
	);
	console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	ROWS.forEach((row, i) => {
		const result = results[i];
		if (result === undefined) return;
		const cold = [...result.coldMs].sort((a, b) => a - b);
		const warm = [...result.warmMs].sort((a, b) => a - b);
		const readsMB =
			row.layout === 'naive'
				? built.naiveMB
				: row.command === 'stats'
					? built.bucketMB + built.boardMB.all
					: built.boardMB[row.period];
		const times = [cold, warm].flatMap((sorted) => [
			percentile(sorted, 50),
			percentile(sorted, 99),
			sorted.at(-1) ?? 0,
		]);
		const cells = [
			row.layout === 'board' ? 'one board per period' : 'one key per member',
			rowLabel(row, scenario),
			readsMB.toFixed(1),
			`${cold.length} + ${warm.length}`,
			...times.map(whole),
			result.heapDeltaMB.toFixed(1),
			result.rssDeltaMB.toFixed(1),
		];
		console.log(`| ${cells.join(' | ')} |`);
	});
	const slowestMs = (layout: Row['layout'], command: Row['command']) =>
		Math.max(
			...results.flatMap((result, i) =>
				ROWS[i]?.layout === layout && ROWS[i]?.command === command ? [...result.coldMs, ...result.warmMs] : [],
			),
		);
	const verdicts = (['leaderboard', 'stats'] as const).map((command) => {
		const ms = slowestMs('board', command);
		const status =
			ms <= DEFER_AFTER_MS
				? 'answers in one reply'
				: ms <= BUDGET_MS
					? 'within, after deferring'
					: 'OVER, answers late';
		return `/${command} ${status} (slowest ${whole(ms)} ms)`;
	});
	console.log(
		`\nverdict against Discord's ${whole(BUDGET_MS)} ms (the bot defers after ${whole(DEFER_AFTER_MS)} ms): ` +
			`${verdicts.join('; ')}; one key per member: /leaderboard up to ${whole(slowestMs('naive', 'leaderboard'))} ms`,
	);
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: { members: { type: 'string' }, row: { type: 'string' }, dir: { type: 'string' } },
	});
	if (values.row !== undefined && values.dir !== undefined) {
		const row = ROWS[Number(values.row)];
		if (row === undefined) throw new Error(`bench: no row ${values.row}`);
		process.send?.(await measureRow(row, values.dir));
		return;
	}
	const members = Number(values.members ?? DEFAULT_MEMBERS);
	if (!Number.isInteger(members) || members < 100) {
		console.error('bench: --members must be a whole number, at least 100');
		process.exitCode = 2;
		return;
	}
	const dir = await mkdtemp(path.join(os.tmpdir(), 'leaderboard-bench-'));
	try {
		const built = await build(dir, members);
		await writeFile(path.join(dir, SCENARIO_FILE), JSON.stringify(built.scenario));
		const results: RowResult[] = [];
		for (const [i] of ROWS.entries()) results.push(await runInChild(i, dir));
		print(members, built, results);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

await main();
