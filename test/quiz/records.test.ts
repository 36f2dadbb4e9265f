import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import { messagesFor, messagesIn } from '../../src/i18n/messages.ts';
import { DAILY_POST, DAILY_SCHEDULE } from '../../src/quiz/records.ts';
import { type RecordKind, readRecord } from '../../src/store/records.ts';

const FIXTURES = path.join(PROJECT_DIR, 'test/fixtures/records');

async function read<T extends object>(
	kind: RecordKind<T>,
	file: string,
	change: Record<string, unknown>,
): Promise<T | undefined> {
	const keyv = new Keyv();
	const raw = JSON.parse(await readFile(path.join(FIXTURES, file), 'utf8')) as Record<string, unknown>;
	await keyv.set('k', { ...raw, ...change });
	return readRecord(keyv, 'k', kind);
}

describe('the language of daily records', () => {
	it('reads a version 1 schedule and post without a locale as English', async () => {
		const schedule = await read(DAILY_SCHEDULE, 'daily-schedule.v1.json', {});
		const post = await read(DAILY_POST, 'daily-post.v1.json', {});
		expect(schedule?.locale).toBeUndefined();
		expect(post?.locale).toBeUndefined();
		expect(messagesFor(schedule?.locale)).toBe(messagesIn('en'));
	});

	it('keeps the locale of a schedule and a post that have one, still as version 1', async () => {
		const schedule = await read(DAILY_SCHEDULE, 'daily-schedule.v1.json', { locale: 'ko' });
		const post = await read(DAILY_POST, 'daily-post.v1.json', { locale: 'ko' });
		expect(schedule?.locale).toBe('ko');
		expect(post?.locale).toBe('ko');
		expect(messagesFor(post?.locale)).toBe(messagesIn('ko'));
	});

	it('names a locale that is not a string', async () => {
		await expect(read(DAILY_SCHEDULE, 'daily-schedule.v1.json', { locale: 3 })).rejects.toThrow(
			'DailySchedule: field locale must be a string',
		);
	});
});
