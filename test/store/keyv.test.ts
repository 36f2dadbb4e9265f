import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/store/errors.ts';
import { openKeyv, StoreError, storeLabel } from '../../src/store/keyv.ts';
import { RecordError, type RecordKind, readRecord, writeRecord } from '../../src/store/records.ts';

interface Note {
	readonly text: string;
}
const NOTE: RecordKind<Note> = {
	name: 'Note',
	version: 2,
	parse(fields) {
		if (typeof fields.text !== 'string') throw new Error('Note: text must be a string');
		return { text: fields.text };
	},
};

/** A Keyv storage adapter whose server is gone: every call fails the way a driver's does. */
function failingAdapter() {
	const gone = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1'));
	return { opts: {}, get: gone, set: gone, delete: gone, clear: gone, on: () => undefined };
}

describe('openKeyv', () => {
	it('resolves a relative SQLite path against the base folder, creating its folder', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'store-'));
		const first = await openKeyv('sqlite://nested/study.sqlite', dir);
		expect(first.label).toBe(`sqlite://${path.join(dir, 'nested/study.sqlite')}`);
		await writeRecord(first.keyv, 'note:1', NOTE, { text: '안녕' });
		await first.close();
		const second = await openKeyv(`sqlite://${path.join(dir, 'nested/study.sqlite')}`, '/');
		expect(await readRecord(second.keyv, 'note:1', NOTE)).toEqual({ text: '안녕' });
		await second.close();
	});

	it('refuses unsupported or incomplete URLs with a clear message', async () => {
		await expect(openKeyv('mongodb://x', '/')).rejects.toThrow(
			new StoreError(
				'store: STORE_URL mongodb:// is not supported; use sqlite://, redis://, rediss://, postgres://, postgresql://, memory://',
			),
		);
		await expect(openKeyv('sqlite://', '/')).rejects.toThrow('needs a file path');
	});

	it('reports a SQLite path it cannot create as unavailable', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'store-'));
		await writeFile(path.join(dir, 'file'), '');
		await expect(openKeyv('sqlite://file/study.sqlite', dir)).rejects.toThrow(StoreUnavailableError);
		await expect(openKeyv('sqlite://file/study.sqlite', dir)).rejects.toThrow(
			`store: cannot create the folder of sqlite://${path.join(dir, 'file/study.sqlite')} (`,
		);
	});
});

describe('storeLabel', () => {
	it('names a store without its user, password or query', () => {
		expect(storeLabel('redis://:pw@127.0.0.1:6390')).toBe('redis://127.0.0.1:6390');
		expect(storeLabel('rediss://default:pw@cache.example:6380/2')).toBe('rediss://cache.example:6380/2');
		expect(storeLabel('postgres://bot:pw@127.0.0.1:5433/study?password=pw&sslmode=require')).toBe(
			'postgres://127.0.0.1:5433/study',
		);
		expect(storeLabel('sqlite://data/study.sqlite')).toBe('sqlite://data/study.sqlite');
		expect(storeLabel('memory://')).toBe('memory://');
	});
});

describe('versioned records', () => {
	it('refuses a record newer than this bot, naming the kind and both versions', async () => {
		const { keyv } = await openKeyv('memory://', '/');
		await keyv.set('note:2', { v: 3, text: 'from the future' });
		await expect(readRecord(keyv, 'note:2', NOTE)).rejects.toThrow('Note: record version 3 is newer than this bot (2)');
		await keyv.set('note:3', { text: 'no version' });
		await expect(readRecord(keyv, 'note:3', NOTE)).rejects.toThrow('Note: record note:3 has no version');
		expect(await readRecord(keyv, 'absent', NOTE)).toBeUndefined();
	});

	it('turns a failing store into StoreUnavailableError, also for a Keyv not opened by openKeyv', async () => {
		const keyv = new Keyv({ store: failingAdapter(), throwOnErrors: true });
		await expect(readRecord(keyv, 'note:1', NOTE)).rejects.toThrow(
			new StoreUnavailableError('store: reading note:1 failed (connect ECONNREFUSED 127.0.0.1:1)'),
		);
		await expect(writeRecord(keyv, 'note:1', NOTE, { text: 'x' })).rejects.toThrow(StoreUnavailableError);
	});

	it('refuses a write that Keyv reports as failed without throwing', async () => {
		const keyv = new Keyv({ store: failingAdapter() });
		await expect(writeRecord(keyv, 'note:1', NOTE, { text: 'x' })).rejects.toThrow(
			'store: writing note:1 failed (the store refused it)',
		);
	});

	it('names a value that is not JSON as a damaged record, not as an unavailable store', async () => {
		const map = new Map<string, string>([['keyv:note:1', '{"value":{"v":2,"text":']]);
		const keyv = new Keyv({ store: map, throwOnErrors: true });
		await expect(readRecord(keyv, 'note:1', NOTE)).rejects.toThrow(
			new RecordError('Note: record note:1 is not valid JSON'),
		);
	});
});
