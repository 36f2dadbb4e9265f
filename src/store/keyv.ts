import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import KeyvPostgres, { type KeyvPostgresOptions } from '@keyv/postgres';
import KeyvRedis, { createClient } from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import pg from 'pg';
import { describeCause, StoreError, StoreUnavailableError } from './errors.ts';
import { GuardedAdapter } from './guard.ts';
import { type LockOptions, localLock, postgresLock, redisLock, type StoreLock } from './lock.ts';

export { StoreError, StoreUnavailableError } from './errors.ts';

/** The namespace of the bot's keys in every store (`study:<key>` in SQLite and Postgres, `study::<key>` in Redis). */
export const DEFAULT_NAMESPACE = 'study';
/** Written and deleted when a store is opened, to fail at start-up rather than at the first click. */
export const PROBE_KEY = 'store:probe';

/** A server that does not accept a connection in this long is unreachable (open fails, reconnects try again). */
export const CONNECT_TIMEOUT_MS = 5_000;
/**
 * Redis: an idle connection is pinged this often, and a connection silent for `REDIS_SOCKET_TIMEOUT_MS` (a hung or
 * vanished server) is dropped, which fails its pending commands and starts reconnecting.
 */
const REDIS_PING_INTERVAL_MS = 2_000;
const REDIS_SOCKET_TIMEOUT_MS = 5_000;
/** Redis reconnects after a lost connection: 100 ms, doubling up to 2 s between attempts, for as long as it takes. */
const REDIS_RECONNECT_FIRST_MS = 100;
const REDIS_RECONNECT_MAX_MS = 2_000;
/** Postgres: a query without an answer in this long fails (a hung server); 5 MB records take well under a second. */
const POSTGRES_QUERY_TIMEOUT_MS = 10_000;
const POSTGRES_POOL_SIZE = 10;
/** Rows per query when listing a SQLite or Postgres store (migration); records are up to a few MB each. */
const ITERATION_ROWS = 100;

export const STORE_SCHEMES = ['sqlite', 'redis', 'rediss', 'postgres', 'postgresql', 'memory'] as const;

/** An opened store: the Keyv the bot reads and writes, and the lock its processes share. */
export interface OpenStore {
	/**
	 * Values are versioned records (`records.ts`). Every failure of the store rejects with a `StoreUnavailableError`
	 * (`throwOnErrors`), never resolves as a missing value.
	 */
	readonly keyv: Keyv;
	/**
	 * The per-key lock for `GroupCommitter`: across processes for Redis and Postgres, within this process for SQLite
	 * and memory (a SQLite file must have a single bot process).
	 */
	readonly lock: StoreLock;
	/** The store's URL without credentials, for messages and logs. */
	readonly label: string;
	/** Closes the lock's connection, then the store's. Safe to call twice. */
	close(): Promise<void>;
}

export interface OpenOptions {
	/**
	 * Prefix of every key (letters, digits, `_`, `.`, `-`); tests use their own so that runs sharing a server do not
	 * see each other's keys. Default `DEFAULT_NAMESPACE`.
	 */
	readonly namespace?: string;
	/** How long a batch waits for a key another process holds (default `LOCK_WAIT_MS`). */
	readonly lockWaitMs?: number;
}

/**
 * `STORE_URL` as it may appear in messages and logs: scheme, host, port and path, without user, password or query
 * (which may carry a password).
 */
export function storeLabel(url: string): string {
	const scheme = url.slice(0, Math.max(0, url.indexOf('://')));
	if (scheme === 'sqlite' || scheme === 'memory' || !URL.canParse(url)) return url.replace(/\/\/[^/@]*@/, '//');
	const parsed = new URL(url);
	return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}

/** The database file a `sqlite://` URL names: relative paths are resolved against `baseDir`. Null for other URLs. */
export function sqliteFile(url: string, baseDir: string): string | null {
	if (!url.startsWith('sqlite://') || url === 'sqlite://') return null;
	return path.resolve(baseDir, url.slice('sqlite://'.length));
}

/** The URL's password in the forms a driver's message could repeat. */
function secretsOf(url: string): string[] {
	if (!URL.canParse(url)) return [];
	const parsed = new URL(url);
	const passwords = [parsed.password, parsed.searchParams.get('password') ?? ''];
	return passwords.flatMap((password) => (password === '' ? [] : [password, decodeURIComponent(password)]));
}

/** `store: cannot reach redis://127.0.0.1:6390 (connect ECONNREFUSED 127.0.0.1:6390)`; `open` for a file. */
function unreachable(
	label: string,
	error: unknown,
	secrets: readonly string[],
	verb: 'reach' | 'open' = 'reach',
): StoreUnavailableError {
	let cause = describeCause(error instanceof StoreUnavailableError && error.cause !== undefined ? error.cause : error);
	for (const secret of secrets) if (secret !== '') cause = cause.replaceAll(secret, '***');
	return new StoreUnavailableError(`store: cannot ${verb} ${label} (${cause})`, { cause: error });
}

function opened(keyv: Keyv, lock: StoreLock, label: string): OpenStore {
	let closing: Promise<void> | null = null;
	return {
		keyv,
		lock,
		label,
		close() {
			closing ??= (async () => {
				await lock.close();
				await keyv.disconnect();
			})();
			return closing;
		},
	};
}

/** Keyv over a guarded adapter: every failure throws (`throwOnErrors`), as a `StoreUnavailableError`. */
function guardedKeyv(
	adapter: KeyvStoreAdapter,
	label: string,
	secrets: readonly string[],
	namespace: string,
	useKeyPrefix: boolean,
): Keyv {
	return new Keyv({ store: new GuardedAdapter(adapter, label, secrets), namespace, useKeyPrefix, throwOnErrors: true });
}

/** Fails at open rather than at the first click: a read-only or unreachable store is refused here. */
async function probe(
	store: OpenStore,
	secrets: readonly string[],
	verb: 'reach' | 'open' = 'reach',
): Promise<OpenStore> {
	try {
		await store.keyv.set(PROBE_KEY, { v: 1 });
		await store.keyv.delete(PROBE_KEY);
		return store;
	} catch (error) {
		await store.close().catch(() => undefined);
		throw unreachable(store.label, error, secrets, verb);
	}
}

/**
 * Opens the Keyv store that `STORE_URL` names:
 * - `sqlite://relative/path` is resolved against `baseDir` (the project folder), and its folder is created;
 * - `redis://` / `rediss://` (@keyv/redis): reconnects by itself after the server comes back; while it is away,
 *   commands fail at once instead of queueing (`disableOfflineQueue`), and a silent server fails them within 5 s;
 * - `postgres://` / `postgresql://` (@keyv/postgres, on a pool of its own): connections are made anew after a restart;
 * - `memory://` keeps everything in this process (tests, sandbox).
 *
 * An unreachable server fails here, within `CONNECT_TIMEOUT_MS`, with `store: cannot reach <url> (<reason>)`; the URL
 * in messages never has its credentials.
 */
export async function openKeyv(url: string, baseDir: string, options: OpenOptions = {}): Promise<OpenStore> {
	const namespace = options.namespace ?? DEFAULT_NAMESPACE;
	// Keyv strips a key's namespace up to its first colon when it lists keys.
	if (!/^[\w.-]+$/.test(namespace))
		throw new StoreError(`store: namespace "${namespace}" must be letters, digits, '_', '.' or '-'`);
	const scheme = url.slice(0, Math.max(0, url.indexOf('://')));
	const label = storeLabel(url);
	const secrets = secretsOf(url);
	const lockOptions: LockOptions = {
		label,
		namespace,
		...(options.lockWaitMs === undefined ? {} : { waitMs: options.lockWaitMs }),
	};
	switch (scheme) {
		case 'memory':
			return opened(new Keyv({ namespace, throwOnErrors: true }), localLock(), label);
		case 'sqlite': {
			const file = sqliteFile(url, baseDir);
			if (file === null)
				throw new StoreError('store: STORE_URL sqlite:// needs a file path, e.g. sqlite://data/study.sqlite');
			const fileLabel = `sqlite://${file}`;
			try {
				await mkdir(path.dirname(file), { recursive: true });
			} catch (error) {
				throw new StoreUnavailableError(`store: cannot create the folder of ${fileLabel} (${describeCause(error)})`, {
					cause: error,
				});
			}
			const adapter = new KeyvSqlite({ uri: fileLabel, busyTimeout: 10_000, iterationLimit: ITERATION_ROWS });
			return probe(opened(guardedKeyv(adapter, fileLabel, [], namespace, true), localLock(), fileLabel), [], 'open');
		}
		case 'redis':
		case 'rediss':
			return probe(await openRedis(url, label, secrets, lockOptions), secrets);
		case 'postgres':
		case 'postgresql':
			return probe(await openPostgres(url, label, secrets, lockOptions), secrets);
		default:
			throw new StoreError(
				`store: STORE_URL ${scheme === '' ? url : `${scheme}://`} is not supported; use ${STORE_SCHEMES.map((s) => `${s}://`).join(', ')}`,
			);
	}
}

async function openRedis(
	url: string,
	label: string,
	secrets: readonly string[],
	lockOptions: LockOptions,
): Promise<OpenStore> {
	const { namespace } = lockOptions;
	let connectedOnce = false;
	const client = createClient({
		url,
		disableOfflineQueue: true,
		pingInterval: REDIS_PING_INTERVAL_MS,
		socket: {
			connectTimeout: CONNECT_TIMEOUT_MS,
			socketTimeout: REDIS_SOCKET_TIMEOUT_MS,
			// The first connection is tried once, so that open fails fast; a lost one is retried forever.
			reconnectStrategy: (retries: number) =>
				connectedOnce ? Math.min(REDIS_RECONNECT_FIRST_MS * 2 ** retries, REDIS_RECONNECT_MAX_MS) : false,
		},
	});
	const quiet = (): void => {};
	client.on('error', quiet);
	client.on('ready', () => {
		connectedOnce = true;
	});
	try {
		await client.connect();
	} catch (error) {
		throw unreachable(label, error, secrets);
	} finally {
		client.off('error', quiet);
	}
	const adapter = new KeyvRedis(client, { namespace, throwOnErrors: true, throwOnConnectError: true });
	// The adapter adds the namespace itself (`study::key`); Keyv's own prefix would double it.
	const keyv = guardedKeyv(adapter, label, secrets, namespace, false);
	return opened(keyv, redisLock(client, lockOptions), label);
}

async function openPostgres(
	url: string,
	label: string,
	secrets: readonly string[],
	lockOptions: LockOptions,
): Promise<OpenStore> {
	const connection: pg.ClientConfig = { connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS };
	const pool = new pg.Pool({
		...connection,
		max: POSTGRES_POOL_SIZE,
		query_timeout: POSTGRES_QUERY_TIMEOUT_MS,
		keepAlive: true,
	});
	try {
		const client = await pool.connect();
		client.release();
	} catch (error) {
		await pool.end().catch(() => undefined);
		throw unreachable(label, error, secrets);
	}
	const adapter = pooledPostgres(pool, { uri: url, iterationLimit: ITERATION_ROWS });
	// An idle connection that breaks (a server restart) is reported, not thrown: the pool connects anew on demand.
	pool.on('error', (error) => adapter.emit('error', error));
	const keyv = guardedKeyv(adapter, label, secrets, lockOptions.namespace, true);
	return opened(keyv, postgresLock(connection, lockOptions), label);
}

/**
 * @keyv/postgres on a pool of our own. The package keeps one module-wide pool shared by every adapter with the same
 * URL (so closing one store would end another's) and attaches no error listener to it (so an idle connection broken by
 * a server restart would crash the process); it also has no timeouts.
 */
function pooledPostgres(pool: pg.Pool, options: KeyvPostgresOptions): KeyvPostgres {
	class PooledPostgres extends KeyvPostgres {
		override async connect(): Promise<(sql: string, values?: unknown[]) => Promise<unknown[]>> {
			return async (sql, values) => (await pool.query(sql, values)).rows;
		}

		override async disconnect(): Promise<void> {
			if (!pool.ending) await pool.end();
		}
	}
	return new PooledPostgres(options);
}
