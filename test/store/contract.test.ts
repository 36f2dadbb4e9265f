import { mkdtempSync, rmSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GroupCommitter } from '../../src/store/commit.ts';
import { StoreLockTimeoutError, StoreUnavailableError } from '../../src/store/errors.ts';
import { Fields } from '../../src/store/fields.ts';
import { type OpenOptions, type OpenStore, openKeyv } from '../../src/store/keyv.ts';
import { type RecordKind, readRecord, writeRecord } from '../../src/store/records.ts';
import { COUNTER, type Counter } from '../support/counter.ts';
import { postgresUrl, redisUrl, testNamespace } from '../support/servers.ts';

interface Note {
	readonly text: string;
	readonly lines: readonly string[];
	readonly meta: { readonly author: string; readonly count: number };
}
const NOTE: RecordKind<Note> = {
	name: 'Note',
	version: 2,
	parse(fields) {
		const read = new Fields('Note', fields);
		return {
			text: read.string('text'),
			lines: read.strings('lines'),
			meta: read.object('meta', (meta) => ({ author: meta.string('author'), count: meta.number('count') })),
		};
	},
};

/** Text the notes really hold: Hangul, jamo, initials, mixed scripts, an emoji, combining marks, control characters. */
const KOREAN =
	'강제 접근 통제(Mandatory Access Control; MAC)는 하이퍼바이저 위에서도 적용된다. ㅎㅇㅍㅂㅇㅈ · 한 🧪 e\u0301 \t\n\u0000 끝';

function increment(tag: string) {
	return (draft: Counter | undefined) => {
		const value = draft ?? { n: 0, seen: [] };
		value.n += 1;
		value.seen.push(tag);
		return { write: value, result: value.n };
	};
}

/** A port on 127.0.0.1 where nothing listens: taken from the system, then released. */
async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

interface StoreUnderTest {
	/** Opens the store; every call is a connection of its own, as another bot process would have. */
	open(namespace: string, options?: Omit<OpenOptions, 'namespace'>): Promise<OpenStore>;
	/** A URL of this kind of store that cannot be opened (a closed port, a folder instead of a file), and its label. */
	unreachable?(): Promise<{ readonly url: string; readonly label: string }>;
	/** Keeps values after it is closed. */
	readonly persistent: boolean;
	/** Several bot processes may share it, so its lock must hold across connections. */
	readonly shared: boolean;
}

/** The password the unreachable URLs carry; no message may repeat it. */
const PASSWORD = 'hunter2-secret';

/** One contract for every store `STORE_URL` can name; `null` when the suite's server is not configured. */
function describeStore(name: string, store: StoreUnderTest | null): void {
	if (store === null) return;
	describe(name, () => {
		const opened: OpenStore[] = [];
		const open = async (namespace: string, options: Omit<OpenOptions, 'namespace'> = {}): Promise<OpenStore> => {
			const handle = await store.open(namespace, options);
			opened.push(handle);
			return handle;
		};
		afterEach(async () => {
			for (const handle of opened.splice(0)) {
				await handle.keyv.clear().catch(() => undefined);
				await handle.close();
			}
		});

		it('round-trips a versioned record with Korean text, stored as { v, ...fields }', async () => {
			const { keyv } = await open(testNamespace());
			const note: Note = {
				text: KOREAN,
				lines: [KOREAN, '\ud800 lone surrogate', ''],
				meta: { author: '민지', count: 3 },
			};
			await writeRecord(keyv, 'note:하이퍼바이저', NOTE, note);
			expect(await readRecord(keyv, 'note:하이퍼바이저', NOTE)).toEqual(note);
			expect(await keyv.get('note:하이퍼바이저')).toEqual({ v: 2, ...note });
		});

		it('round-trips a record of about 5 MB', async () => {
			const { keyv } = await open(testNamespace());
			const lines = Array.from({ length: 5_000 }, (_, i) => `${i}: ${'가나다라마바사아자차카타파하'.repeat(24)}`);
			const note: Note = { text: KOREAN, lines, meta: { author: 'bench', count: lines.length } };
			expect(Buffer.byteLength(JSON.stringify(note))).toBeGreaterThan(4.5 * 2 ** 20);
			await writeRecord(keyv, 'note:large', NOTE, note);
			expect(await readRecord(keyv, 'note:large', NOTE)).toEqual(note);
		});

		it('reads a missing record as undefined', async () => {
			const { keyv } = await open(testNamespace());
			expect(await readRecord(keyv, 'note:absent', NOTE)).toBeUndefined();
		});

		it('refuses a record newer than this bot, naming the kind and both versions', async () => {
			const { keyv } = await open(testNamespace());
			await keyv.set('note:future', { v: 3, text: 'from the future', lines: [], meta: { author: 'x', count: 0 } });
			await expect(readRecord(keyv, 'note:future', NOTE)).rejects.toThrow(
				'Note: record version 3 is newer than this bot (2)',
			);
		});

		it('commits 500 concurrent changes to one record in a few batches, losing none', async () => {
			const { keyv, lock } = await open(testNamespace());
			const committer = new GroupCommitter(keyv, lock);
			const drafts = new Set<Counter>();
			const results = await Promise.all(
				Array.from({ length: 500 }, (_, i) =>
					committer.update('counter', COUNTER, (draft) => {
						if (draft !== undefined) drafts.add(draft);
						return increment(String(i))(draft);
					}),
				),
			);
			expect(new Set(results).size).toBe(500);
			const stored = await readRecord(keyv, 'counter', COUNTER);
			expect(stored?.n).toBe(500);
			expect(new Set(stored?.seen).size).toBe(500);
			// One read per batch: every batch starts from its own copy of the stored record.
			expect(drafts.size).toBeLessThanOrEqual(3);
			expect(committer.idle).toBe(true);
		});

		it('lists every key of its namespace and none of another', async () => {
			const namespace = testNamespace();
			const mine = await open(namespace);
			const other = await open(testNamespace());
			for (const key of ['daily:post:1:2026-12-01', 'scores:book:1:7', '이름:한글']) await mine.keyv.set(key, { v: 1 });
			await other.keyv.set('daily:post:1:2026-12-01', { v: 1, other: true });
			const listed: [string, unknown][] = [];
			const iterate = mine.keyv.iterator;
			if (iterate === undefined) throw new Error(`${name} cannot list its keys`);
			for await (const entry of iterate(namespace) as AsyncIterable<[string, unknown]>) listed.push(entry);
			expect(listed.sort(([a], [b]) => a.localeCompare(b))).toEqual([
				['daily:post:1:2026-12-01', { v: 1 }],
				['scores:book:1:7', { v: 1 }],
				['이름:한글', { v: 1 }],
			]);
		});

		if (store.persistent) {
			it('keeps records after the store is closed and opened again', async () => {
				const namespace = testNamespace();
				const first = await open(namespace);
				await writeRecord(first.keyv, 'note:1', NOTE, { text: '안녕', lines: [], meta: { author: '준', count: 1 } });
				await first.close();
				const second = await open(namespace);
				expect(await readRecord(second.keyv, 'note:1', NOTE)).toEqual({
					text: '안녕',
					lines: [],
					meta: { author: '준', count: 1 },
				});
			});

			it('reports a store it cannot use as unavailable, never as a missing record', async () => {
				const { keyv, lock, close } = await open(testNamespace());
				await close();
				await expect(readRecord(keyv, 'note:1', NOTE)).rejects.toBeInstanceOf(StoreUnavailableError);
				await expect(readRecord(keyv, 'note:1', NOTE)).rejects.toThrow(/^store: reading \S*note:1 on \S+ failed \(/);
				await expect(
					writeRecord(keyv, 'note:1', NOTE, { text: '', lines: [], meta: { author: '', count: 0 } }),
				).rejects.toBeInstanceOf(StoreUnavailableError);
				await expect(
					new GroupCommitter(keyv, lock).update('counter', COUNTER, increment('lost')),
				).rejects.toBeInstanceOf(StoreUnavailableError);
			});
		}

		const { unreachable } = store;
		if (unreachable !== undefined) {
			it('refuses to open an unreachable store within seconds, naming it without its password', async () => {
				const { url, label } = await unreachable();
				const started = performance.now();
				const failure = await openKeyv(url, '/', { namespace: testNamespace() }).then(
					() => new Error('opened'),
					(error: unknown) => error,
				);
				expect(performance.now() - started).toBeLessThan(3_000);
				expect(failure).toBeInstanceOf(StoreUnavailableError);
				const { message } = failure as Error;
				expect(message.startsWith(`store: cannot `)).toBe(true);
				expect(message).toContain(` ${label} (`);
				expect(message).not.toContain(PASSWORD);
			});
		}

		if (store.shared) {
			it('loses no update when two processes each add 300 to one record at once', async () => {
				const namespace = testNamespace();
				const first = await open(namespace);
				const second = await open(namespace);
				const WORKERS = 10;
				const ROUNDS = 30;
				await Promise.all(
					[first, second].flatMap(({ keyv, lock }, p) => {
						const committer = new GroupCommitter(keyv, lock);
						return Array.from({ length: WORKERS }, async (_, worker) => {
							for (let round = 0; round < ROUNDS; round++)
								await committer.update('counter', COUNTER, increment(`${p}:${worker}:${round}`));
						});
					}),
				);
				const stored = await readRecord(first.keyv, 'counter', COUNTER);
				expect(stored?.n).toBe(2 * WORKERS * ROUNDS);
				expect(new Set(stored?.seen).size).toBe(600);
			});

			it('makes a batch wait while another process holds its key, and gives up after the bounded wait', async () => {
				const namespace = testNamespace();
				const holder = await open(namespace);
				const waiter = await open(namespace, { lockWaitMs: 400 });
				let letGo = (): void => {};
				let entered = (): void => {};
				const inside = new Promise<void>((resolve) => {
					entered = resolve;
				});
				const holding = holder.lock.withLock('daily:post:1', async () => {
					entered();
					await new Promise<void>((resolve) => {
						letGo = resolve;
					});
				});
				await inside;
				const started = performance.now();
				await expect(waiter.lock.withLock('daily:post:1', async () => 'entered')).rejects.toBeInstanceOf(
					StoreLockTimeoutError,
				);
				expect(performance.now() - started).toBeGreaterThanOrEqual(390);
				expect(await waiter.lock.withLock('daily:post:2', async () => 'other keys are free')).toBe(
					'other keys are free',
				);
				const waiting = waiter.lock.withLock('daily:post:1', async () => 'entered');
				setTimeout(() => letGo(), 100);
				expect(await waiting).toBe('entered');
				await holding;
			});
		}
	});
}

describeStore('memory store', {
	open: (namespace, options) => openKeyv('memory://', '/', { ...options, namespace }),
	persistent: false,
	shared: false,
});

const sqliteDir = mkdtempSync(path.join(os.tmpdir(), 'store-contract-'));
afterAll(() => rmSync(sqliteDir, { recursive: true, force: true }));
describeStore('SQLite store', {
	open: (namespace, options) => openKeyv('sqlite://contract/study.sqlite', sqliteDir, { ...options, namespace }),
	// A folder where the database file should be.
	unreachable: async () => ({ url: `sqlite://${sqliteDir}`, label: `sqlite://${sqliteDir}` }),
	persistent: true,
	shared: false,
});

const redis = redisUrl('Redis store');
describeStore(
	'Redis store',
	redis === null
		? null
		: {
				open: (namespace, options) => openKeyv(redis, '/', { ...options, namespace }),
				unreachable: async () => {
					const port = await closedPort();
					return { url: `redis://:${PASSWORD}@127.0.0.1:${port}`, label: `redis://127.0.0.1:${port}` };
				},
				persistent: true,
				shared: true,
			},
);

const postgres = postgresUrl('Postgres store');
describeStore(
	'Postgres store',
	postgres === null
		? null
		: {
				open: (namespace, options) => openKeyv(postgres, '/', { ...options, namespace }),
				unreachable: async () => {
					const port = await closedPort();
					return {
						url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/study_test`,
						label: `postgres://127.0.0.1:${port}/study_test`,
					};
				},
				persistent: true,
				shared: true,
			},
);
