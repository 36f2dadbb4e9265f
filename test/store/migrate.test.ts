import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import Keyv from 'keyv';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import { DAILY_POST, DAILY_SCHEDULE, DAILY_STATE, dailyKeys, SCHEDULED_GUILDS } from '../../src/quiz/records.ts';
import { type ClosedQuestion, MEMBER_BOOK, POINTS_BOARD } from '../../src/scores/book.ts';
import { SERVER_STATS } from '../../src/scores/server.ts';
import { BOOK_BUCKETS, PERIODS, periodId, ScoreStore, scoreKeys } from '../../src/scores/store.ts';
import { GroupCommitter } from '../../src/store/commit.ts';
import { type OpenStore, openKeyv } from '../../src/store/keyv.ts';
import { MIGRATE_EXIT, runMigrateCli } from '../../src/store/migrate-cli.ts';
import { type RecordKind, readRecord, writeRecord } from '../../src/store/records.ts';
import { postgresUrl, redisUrl, testNamespace } from '../support/servers.ts';

const FIXTURES = path.join(PROJECT_DIR, 'test/fixtures/records');
const GUILD = '500000000000000001';
const MEMBERS = 300;
const DAYS = 5;

/** What the bot stored, key by key, with the kind to read it back as. */
type Written = Map<string, RecordKind<object>>;

async function fixture<T extends object>(file: string, kind: RecordKind<T>): Promise<T> {
	const keyv = new Keyv();
	await keyv.set('k', JSON.parse(await readFile(path.join(FIXTURES, file), 'utf8')));
	const value = await readRecord(keyv, 'k', kind);
	if (value === undefined) throw new Error(`migrate test: fixture ${file} is empty`);
	return value;
}

/**
 * Fills a store the way the bot does: the frozen daily records under their real keys, and five closed days of a
 * 300-member server folded through the score store, which writes all 64 member-book buckets and the boards.
 */
async function fillLikeTheBot(store: OpenStore): Promise<Written> {
	const written: Written = new Map();
	const put = async <T extends object>(key: string, kind: RecordKind<T>, value: T): Promise<void> => {
		await writeRecord(store.keyv, key, kind, value);
		written.set(key, kind as RecordKind<object>);
	};
	const post = await fixture('daily-post.v1.json', DAILY_POST);
	for (let day = 1; day <= DAYS; day++) {
		const date = `2026-12-0${day}`;
		await put(dailyKeys.post(GUILD, date), DAILY_POST, { ...post, date });
	}
	await put(dailyKeys.schedule(GUILD), DAILY_SCHEDULE, await fixture('daily-schedule.v1.json', DAILY_SCHEDULE));
	await put(dailyKeys.state(GUILD), DAILY_STATE, await fixture('daily-state.v1.json', DAILY_STATE));
	await put(dailyKeys.guilds(), SCHEDULED_GUILDS, await fixture('scheduled-guilds.v1.json', SCHEDULED_GUILDS));

	const scores = new ScoreStore(store.keyv, new GroupCommitter(store.keyv, store.lock));
	for (let day = 1; day <= DAYS; day++) {
		const question: ClosedQuestion = {
			date: `2026-12-0${day}`,
			topic: day % 2 === 0 ? '가상 머신과 도커 컨테이너' : '리눅스 보안',
			answers: Array.from({ length: MEMBERS }, (_, i) => ({
				userId: String(300000000000000000n + BigInt(i)),
				correct: (i + day) % 3 !== 0,
			})),
		};
		await scores.fold(GUILD, question, await scores.awardsFor(GUILD, question));
	}
	for (let bucket = 0; bucket < BOOK_BUCKETS; bucket++)
		written.set(scoreKeys.book(GUILD, bucket), MEMBER_BOOK as RecordKind<object>);
	for (let day = 1; day <= DAYS; day++)
		for (const period of PERIODS)
			written.set(scoreKeys.board(GUILD, periodId(period, `2026-12-0${day}`)), POINTS_BOARD as RecordKind<object>);
	written.set(scoreKeys.server(GUILD), SERVER_STATS as RecordKind<object>);
	return written;
}

/** Every record read back through `readRecord`, as the bot would read it. */
async function readAll(store: OpenStore, written: Written): Promise<Record<string, object | undefined>> {
	const values: Record<string, object | undefined> = {};
	for (const [key, kind] of [...written].sort(([a], [b]) => a.localeCompare(b)))
		values[key] = await readRecord(store.keyv, key, kind);
	return values;
}

function sink(): { readonly stream: Writable; text(): string } {
	let text = '';
	const stream = new Writable({
		write(chunk, _encoding, done) {
			text += String(chunk);
			done();
		},
	});
	return { stream, text: () => text };
}

async function migrate(args: readonly string[], baseDir: string): Promise<{ code: number; out: string; err: string }> {
	const out = sink();
	const err = sink();
	const code = await runMigrateCli(args, { stdout: out.stream, stderr: err.stream }, baseDir);
	return { code, out: out.text(), err: err.text() };
}

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(path.join(os.tmpdir(), 'migrate-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('migrate-store', () => {
	it('copies a SQLite store into another file, record for record, and says what it copied', async () => {
		const namespace = testNamespace();
		const source = await openKeyv('sqlite://from.sqlite', dir, { namespace });
		const written = await fillLikeTheBot(source);
		const expected = await readAll(source, written);
		await source.close();

		const run = await migrate(
			['--from', 'sqlite://from.sqlite', '--to', 'sqlite://to.sqlite', '--namespace', namespace],
			dir,
		);
		expect(run.err).toBe('');
		expect(run.code).toBe(MIGRATE_EXIT.copied);
		expect(run.out).toContain(`migrate-store: copied ${written.size} keys (`);
		expect(run.out).toContain(`read back and verified ${written.size} of ${written.size}`);
		expect(run.out).toMatch(/^ {2}scores:book +64$/m);
		expect(run.out).toMatch(/^ {2}daily:post +5$/m);

		const target = await openKeyv('sqlite://to.sqlite', dir, { namespace });
		expect(await readAll(target, written)).toEqual(expected);
		await target.close();
	});

	it('refuses a non-empty target unless --force, which replaces what it held', async () => {
		const namespace = testNamespace();
		const source = await openKeyv('sqlite://refuse-from.sqlite', dir, { namespace });
		await writeRecord(source.keyv, dailyKeys.guilds(), SCHEDULED_GUILDS, { guildIds: ['1'] });
		await source.close();
		const target = await openKeyv('sqlite://refuse-to.sqlite', dir, { namespace });
		await writeRecord(target.keyv, dailyKeys.guilds(), SCHEDULED_GUILDS, { guildIds: ['2'] });
		await writeRecord(target.keyv, dailyKeys.schedule('2'), SCHEDULED_GUILDS, { guildIds: ['stale'] });
		await target.close();
		const args = [
			'--from',
			'sqlite://refuse-from.sqlite',
			'--to',
			'sqlite://refuse-to.sqlite',
			'--namespace',
			namespace,
		];

		const refused = await migrate(args, dir);
		expect(refused.code).toBe(MIGRATE_EXIT.failed);
		expect(refused.err).toContain('already holds 2 keys');
		expect(refused.err).toContain('--force');

		const forced = await migrate([...args, '--force'], dir);
		expect(forced.code).toBe(MIGRATE_EXIT.copied);
		expect(forced.out).toContain('replaced the 2 keys it held before');
		const after = await openKeyv('sqlite://refuse-to.sqlite', dir, { namespace });
		expect(await readRecord(after.keyv, dailyKeys.guilds(), SCHEDULED_GUILDS)).toEqual({ guildIds: ['1'] });
		expect(await after.keyv.get(dailyKeys.schedule('2'))).toBeUndefined();
		await after.close();
	});

	it('exits 2 on a usage error, and 1 for a missing or empty source, the same store twice or an unreachable one', async () => {
		expect((await migrate(['--from', 'sqlite://a.sqlite'], dir)).code).toBe(MIGRATE_EXIT.usage);
		expect((await migrate(['--from', 'a', '--to', 'b', '--fast'], dir)).code).toBe(MIGRATE_EXIT.usage);
		expect((await migrate(['--from', 'mongodb://x', '--to', 'sqlite://b.sqlite'], dir)).code).toBe(MIGRATE_EXIT.usage);
		const missing = await migrate(['--from', 'sqlite://missing.sqlite', '--to', 'sqlite://b.sqlite'], dir);
		expect(missing.code).toBe(MIGRATE_EXIT.failed);
		expect(missing.err).toBe(`migrate-store: ${path.join(dir, 'missing.sqlite')} does not exist; nothing was copied\n`);
		for (const file of ['empty.sqlite', 'same.sqlite', 'a.sqlite'])
			await (await openKeyv(`sqlite://${file}`, dir)).close();
		const empty = await migrate(['--from', 'sqlite://empty.sqlite', '--to', 'sqlite://b.sqlite', '--force'], dir);
		expect(empty.code).toBe(MIGRATE_EXIT.failed);
		expect(empty.err).toContain('holds no keys in namespace study; nothing was copied');
		const same = await migrate(
			['--from', 'sqlite://same.sqlite', '--to', `sqlite://${path.join(dir, 'same.sqlite')}`],
			dir,
		);
		expect(same.code).toBe(MIGRATE_EXIT.failed);
		expect(same.err).toContain('are the same store');
		const unreachable = await migrate(['--from', 'sqlite://a.sqlite', '--to', 'redis://:pw-secret@127.0.0.1:1'], dir);
		expect(unreachable.code).toBe(MIGRATE_EXIT.failed);
		expect(unreachable.err).toContain('store: cannot reach redis://127.0.0.1:1 (');
		expect(unreachable.err).not.toContain('pw-secret');
	});
});

const redis = redisUrl('migrate-store between servers');
const postgres = postgresUrl('migrate-store between servers');
if (redis !== null && postgres !== null) {
	describe('migrate-store between servers', () => {
		const namespace = testNamespace();
		const cleanup: string[] = [];
		afterEach(async () => {
			for (const url of cleanup.splice(0)) {
				const store = await openKeyv(url, dir, { namespace });
				await store.keyv.clear();
				await store.close();
			}
		});

		it('copies SQLite → Postgres → Redis, every record reading back exactly as the bot wrote it', async () => {
			cleanup.push(postgres, redis);
			const source = await openKeyv('sqlite://servers.sqlite', dir, { namespace });
			const written = await fillLikeTheBot(source);
			const expected = await readAll(source, written);
			await source.close();

			const toPostgres = await migrate(
				['--from', 'sqlite://servers.sqlite', '--to', postgres, '--namespace', namespace],
				dir,
			);
			expect(toPostgres.err).toBe('');
			expect(toPostgres.code).toBe(MIGRATE_EXIT.copied);
			expect(toPostgres.out).toContain(`copied ${written.size} keys`);
			const inPostgres = await openKeyv(postgres, dir, { namespace });
			expect(await readAll(inPostgres, written)).toEqual(expected);
			await inPostgres.close();

			const toRedis = await migrate(['--from', postgres, '--to', redis, '--namespace', namespace], dir);
			expect(toRedis.err).toBe('');
			expect(toRedis.code).toBe(MIGRATE_EXIT.copied);
			expect(toRedis.out).toContain(`copied ${written.size} keys`);
			const inRedis = await openKeyv(redis, dir, { namespace });
			expect(await readAll(inRedis, written)).toEqual(expected);
			await inRedis.close();
		});
	});
}
