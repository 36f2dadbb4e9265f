import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';

/** The public study notes next to the repository (`../shared/corpus`); read in place, never copied in. */
export const CORPUS_DIR = path.resolve(PROJECT_DIR, '..', 'shared', 'corpus');

/**
 * Whether suites that read the corpus can run. When it is absent they are skipped with a printed reason,
 * except under `CI=true`, where a failing test is registered instead: CI must never pass by skipping them.
 */
export function corpusAvailable(suite: string): boolean {
	if (existsSync(CORPUS_DIR)) return true;
	const reason = `${suite}: ${CORPUS_DIR} does not exist (the public notes corpus lives next to the repository, in shared/corpus)`;
	if (process.env.CI === 'true') {
		describe(suite, () => {
			it('has the notes corpus it needs in CI', () => {
				throw new Error(reason);
			});
		});
	} else {
		console.warn(`skipped ${reason}`);
	}
	return false;
}
