import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { monotonicMs } from '../time/clock.ts';
import { describeCause, StoreLockTimeoutError, StoreUnavailableError } from './errors.ts';
import { KeyedMutex } from './mutex.ts';

/** What a task learns about the lock it runs under. */
export interface LockLease {
	/**
	 * How long the lock is still certainly held, in milliseconds (`Infinity` when it cannot run out). A writer checks it
	 * just before writing: past the lease another process may already hold the lock.
	 */
	remainingMs(): number;
}

/**
 * A per-key lock that every process sharing a store honours. `GroupCommitter` holds it across the read and the write
 * of each batch, so two processes never interleave read-modify-writes of one record.
 */
export interface StoreLock {
	/**
	 * Runs `task` while holding the lock on `key` and releases it afterwards, also when `task` throws. Rejects with a
	 * `StoreUnavailableError` when the lock's server does not answer, and with a `StoreLockTimeoutError` when another
	 * holder keeps the key past the bounded wait; `task` has not run in either case.
	 */
	withLock<T>(key: string, task: (lease: LockLease) => Promise<T>): Promise<T>;
	/** Closes what the lock opened for itself (never the store's own connections). Safe to call twice. */
	close(): Promise<void>;
}

/** How long a Redis lock is leased: far longer than one batch (a read, a fold and a write of at most a few MB). */
export const LOCK_LEASE_MS = 10_000;
/** How long a process waits for a key another process holds: a full lease, so a crashed holder's lock has expired. */
export const LOCK_WAIT_MS = 15_000;
/** First pause between attempts on a held key; it doubles up to `LOCK_RETRY_MAX_MS`, with jitter. */
const LOCK_RETRY_FIRST_MS = 2;
const LOCK_RETRY_MAX_MS = 50;
/** Connecting the Postgres lock session gives up after this long, like the store's own pool. */
const LOCK_CONNECT_TIMEOUT_MS = 5_000;
/** A lock query that gets no answer in this long fails (a hung server), instead of waiting forever. */
const LOCK_QUERY_TIMEOUT_MS = 5_000;

/** A dedicated Postgres connection and whether it has ended (and with it every lock it held). */
interface Session {
	readonly client: pg.Client;
	lost: boolean;
}

const UNBOUNDED: LockLease = { remainingMs: () => Number.POSITIVE_INFINITY };

export interface LockOptions {
	/** Names the store in error messages, without credentials. */
	readonly label: string;
	/** Namespace of the bot's keys, so bots sharing a server do not lock each other. */
	readonly namespace: string;
	readonly leaseMs?: number;
	readonly waitMs?: number;
}

/**
 * Retries `attempt` (which returns what it holds once it got the lock, `undefined` while another process holds it)
 * with a small, growing, jittered pause until it succeeds or `waitMs` has passed.
 */
async function acquireWithin<T>(key: string, options: LockOptions, attempt: () => Promise<T | undefined>): Promise<T> {
	const waitMs = options.waitMs ?? LOCK_WAIT_MS;
	const started = monotonicMs();
	let pauseMs = LOCK_RETRY_FIRST_MS;
	for (;;) {
		const held = await attempt();
		if (held !== undefined) return held;
		if (monotonicMs() - started >= waitMs)
			throw new StoreLockTimeoutError(
				`store: ${key} stayed locked by another process for ${waitMs} ms on ${options.label}; nothing was changed`,
			);
		await sleep(pauseMs * (0.5 + Math.random()));
		pauseMs = Math.min(pauseMs * 2, LOCK_RETRY_MAX_MS);
	}
}

function unreachable(action: string, key: string, label: string, error: unknown): StoreUnavailableError {
	return new StoreUnavailableError(`store: ${action} ${key} on ${label} failed (${describeCause(error)})`, {
		cause: error,
	});
}

/**
 * Within this process only: enough for `memory://`, and for SQLite, whose file must have a single bot process (its
 * writes are not coordinated between processes).
 */
export function localLock(): StoreLock {
	const mutex = new KeyedMutex();
	return {
		withLock: (key, task) => mutex.run(key, () => task(UNBOUNDED)),
		close: async () => {},
	};
}

/** The part of a node-redis client the lock uses. */
export interface RedisCommander {
	sendCommand(args: string[]): Promise<unknown>;
}

/** Deletes the lock only if it still holds this holder's token, so an expired holder never frees a newer one's lock. */
const REDIS_RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * A lease in Redis: `SET lock:<namespace>:<key> <random token> NX PX <lease>`, retried with backoff while another
 * process holds it, released by a compare-and-delete script. A crashed holder's lock expires with its lease. The lease
 * is the limit of the protection: `GroupCommitter` writes only while `remainingMs()` leaves a margin, and the lock
 * lives on the store's own client, so it fails as fast as the store does when Redis is down.
 */
export function redisLock(client: RedisCommander, options: LockOptions): StoreLock {
	const leaseMs = options.leaseMs ?? LOCK_LEASE_MS;
	return {
		async withLock(key, task) {
			const lockKey = `lock:${options.namespace}:${key}`;
			const token = randomUUID();
			const acquiredAt = await acquireWithin(key, options, async () => {
				const attemptedAt = monotonicMs();
				let reply: unknown;
				try {
					reply = await client.sendCommand(['SET', lockKey, token, 'NX', 'PX', String(leaseMs)]);
				} catch (error) {
					throw unreachable('locking', key, options.label, error);
				}
				return reply === 'OK' ? attemptedAt : undefined;
			});
			try {
				return await task({ remainingMs: () => leaseMs - (monotonicMs() - acquiredAt) });
			} finally {
				// A release that fails (Redis went away) is not an error of the task: the lease frees the key on its own.
				await client.sendCommand(['EVAL', REDIS_RELEASE_SCRIPT, '1', lockKey, token]).catch(() => undefined);
			}
		},
		close: async () => {},
	};
}

/**
 * Session-level advisory locks (`pg_try_advisory_lock(hashtext(namespace), hashtext(key))`) on one dedicated
 * connection, polled with backoff like the Redis lock (the non-blocking form, so one key's wait never holds up the
 * connection that other keys' locks and releases go through). Chosen over transaction-scoped locks: the records are
 * read and written through the store's pool, outside any transaction, and a transaction-scoped lock would need a
 * connection held open in a transaction for every key locked at once; one session holds them all. Postgres frees a
 * session's locks when its connection ends, so a crashed process never leaves a key locked. Two keys with the same
 * hash merely share a lock: a session may hold an advisory lock twice, and each release undoes one. When the lock
 * connection is lost, the locks it held are gone: `remainingMs()` of their leases drops to 0, so no batch writes
 * under a lock it no longer holds, and the next acquisition opens a new connection.
 */
export function postgresLock(config: pg.ClientConfig, options: LockOptions): StoreLock {
	let session: Session | null = null;
	let connecting: Promise<Session> | null = null;
	let closed = false;

	const open = async (): Promise<Session> => {
		const client = new pg.Client({
			...config,
			connectionTimeoutMillis: LOCK_CONNECT_TIMEOUT_MS,
			query_timeout: LOCK_QUERY_TIMEOUT_MS,
			keepAlive: true,
		});
		const opened = { client, lost: false };
		const lose = (): void => {
			opened.lost = true;
			if (session === opened) session = null;
		};
		client.on('error', lose);
		client.on('end', lose);
		try {
			await client.connect();
		} catch (error) {
			lose();
			await client.end().catch(() => undefined);
			throw error;
		}
		return opened;
	};

	const end = (ending: Session): void => {
		ending.lost = true;
		if (session === ending) session = null;
		void ending.client.end().catch(() => undefined);
	};

	const current = async (): Promise<Session> => {
		if (closed) throw new StoreUnavailableError(`store: the lock of ${options.label} is closed`);
		if (session !== null) return session;
		connecting ??= open().finally(() => {
			connecting = null;
		});
		session = await connecting;
		return session;
	};

	return {
		async withLock(key, task) {
			const args = [options.namespace, key];
			const holder = await acquireWithin(key, options, async () => {
				let attempt: Session | null = null;
				try {
					attempt = await current();
					const result = await attempt.client.query<{ locked: boolean }>(
						'SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS locked',
						args,
					);
					return result.rows[0]?.locked === true ? attempt : undefined;
				} catch (error) {
					// A timed-out attempt may still be granted by the server later, to a lock nobody would release:
					// ending the session frees it (and fails the batches holding locks on it, which then write nothing).
					if (attempt !== null) end(attempt);
					throw unreachable('locking', key, options.label, error);
				}
			});
			try {
				return await task({ remainingMs: () => (holder.lost ? 0 : Number.POSITIVE_INFINITY) });
			} finally {
				// A lost session has released the lock already; a failed release ends the session, which releases it.
				if (!holder.lost)
					await holder.client
						.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', args)
						.catch(() => end(holder));
			}
		},
		async close() {
			closed = true;
			const last = session ?? (await connecting?.catch(() => null)) ?? null;
			session = null;
			if (last !== null && !last.lost) {
				last.lost = true;
				await last.client.end().catch(() => undefined);
			}
		},
	};
}
