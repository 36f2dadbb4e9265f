import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKeyv, StoreError } from '../../src/store/keyv.ts';
import { type RecordKind, readRecord, writeRecord } from '../../src/store/records.ts';

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

describe('openKeyv', () => {
	it('keeps records in a SQLite file across reopening', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'store-'));
		const first = await openKeyv('sqlite://nested/study.sqlite', dir);
		await writeRecord(first, 'note:1', NOTE, { text: '안녕' });
		await first.disconnect();
		const second = await openKeyv(`sqlite://${path.join(dir, 'nested/study.sqlite')}`, '/');
		expect(await readRecord(second, 'note:1', NOTE)).toEqual({ text: '안녕' });
		expect(await second.get('note:1')).toEqual({ v: 2, text: '안녕' });
		await second.disconnect();
	});

	it('refuses unsupported or incomplete URLs with a clear message', async () => {
		await expect(openKeyv('mongodb://x', '/')).rejects.toThrow(
			new StoreError('store: STORE_URL mongodb:// is not supported by this version; use sqlite:// or memory://'),
		);
		await expect(openKeyv('sqlite://', '/')).rejects.toThrow('needs a file path');
	});
});

describe('versioned records', () => {
	it('refuses a record newer than this bot, naming the kind and both versions', async () => {
		const keyv = await openKeyv('memory://', '/');
		await keyv.set('note:2', { v: 3, text: 'from the future' });
		await expect(readRecord(keyv, 'note:2', NOTE)).rejects.toThrow('Note: record version 3 is newer than this bot (2)');
		await keyv.set('note:3', { text: 'no version' });
		await expect(readRecord(keyv, 'note:3', NOTE)).rejects.toThrow('Note: record note:3 has no version');
		expect(await readRecord(keyv, 'absent', NOTE)).toBeUndefined();
	});
});
