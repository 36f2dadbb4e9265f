import { randomUUID } from 'node:crypto';
import { describe, it } from 'vitest';

const HOW_TO_START =
	'start the test servers with `bash .ci/servers.sh start` and export the variables it prints, or run `eval "$(bash .ci/servers.sh start)"`';

/**
 * The URL of a test server from `variable`. When it is unset the suite is skipped with a printed reason, except under
 * `CI=true`, where a failing test is registered instead: CI must never pass by skipping the networked stores.
 */
function serverUrl(suite: string, variable: string): string | null {
	const url = process.env[variable]?.trim();
	if (url !== undefined && url !== '') return url;
	const reason = `${suite}: ${variable} is not set (${HOW_TO_START})`;
	if (process.env.CI === 'true') {
		describe(suite, () => {
			it(`has ${variable} in CI`, () => {
				throw new Error(reason);
			});
		});
	} else {
		console.warn(`skipped ${reason}`);
	}
	return null;
}

/** `TEST_REDIS_URL` (e.g. `redis://127.0.0.1:6390`), or null when the suite is skipped. */
export function redisUrl(suite: string): string | null {
	return serverUrl(suite, 'TEST_REDIS_URL');
}

/** `TEST_POSTGRES_URL` (e.g. `postgres://postgres@127.0.0.1:5433/study_test`), or null when the suite is skipped. */
export function postgresUrl(suite: string): string | null {
	return serverUrl(suite, 'TEST_POSTGRES_URL');
}

/** A key namespace no other test or run uses, so tests sharing one server never see each other's keys. */
export function testNamespace(): string {
	return `test-${randomUUID().slice(0, 8)}`;
}
