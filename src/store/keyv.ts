import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';

/** The store cannot be opened; the message says which part of `STORE_URL` is wrong. */
export class StoreError extends Error {
	override readonly name = 'StoreError';
}

/**
 * Opens the Keyv store that `STORE_URL` names. `sqlite://relative/path` is resolved against `baseDir`
 * (the project folder), and its folder is created; `memory://` keeps everything in this process (tests, sandbox).
 */
export async function openKeyv(url: string, baseDir: string): Promise<Keyv> {
	const scheme = url.slice(0, url.indexOf('://'));
	switch (scheme) {
		case 'memory':
			return new Keyv();
		case 'sqlite': {
			const location = url.slice('sqlite://'.length);
			if (location === '')
				throw new StoreError('store: STORE_URL sqlite:// needs a file path, e.g. sqlite://data/study.sqlite');
			const file = path.resolve(baseDir, location);
			await mkdir(path.dirname(file), { recursive: true });
			const keyv = new Keyv({
				store: new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 10_000 }),
				namespace: 'study',
			});
			// Fail at start-up, not at the first click, when the file cannot be opened or written.
			await keyv.set('store:probe', { v: 1 });
			return keyv;
		}
		default:
			throw new StoreError(
				`store: STORE_URL ${scheme}:// is not supported by this version; use sqlite:// or memory://`,
			);
	}
}
