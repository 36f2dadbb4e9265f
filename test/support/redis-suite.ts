import { createClient } from '@keyv/redis';
import { redisUrl } from './servers.ts';

/**
 * A Redis database of the suite's own, for bot processes that share a store: `TEST_REDIS_URL` with its database
 * number replaced by `db`, emptied first. The bot's key namespace is fixed, so suites running bots keep apart by
 * database instead (each such suite takes its own number; tests in one process use `testNamespace()` in database 0).
 * Null when `TEST_REDIS_URL` is unset: the suite is skipped with a printed reason, or fails under `CI=true`.
 */
export async function redisDatabase(suite: string, db: number): Promise<string | null> {
	const base = redisUrl(suite);
	if (base === null) return null;
	const url = new URL(base);
	url.pathname = `/${db}`;
	const client = createClient({ url: url.toString() });
	await client.connect();
	try {
		await client.flushDb();
	} finally {
		await client.close();
	}
	return url.toString();
}
