import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import { DAILY_POST, DAILY_SCHEDULE, DAILY_STATE, SCHEDULED_GUILDS } from '../../src/quiz/records.ts';
import { MEMBER_STUDY, REMINDER_GUILDS, REMINDER_MEMBERS } from '../../src/review/records.ts';
import { MEMBER_BOOK, POINTS_BOARD } from '../../src/scores/book.ts';
import { SERVER_STATS } from '../../src/scores/server.ts';
import { type RecordKind, readRecord } from '../../src/store/records.ts';

const FIXTURES = path.join(PROJECT_DIR, 'test/fixtures/records');

/** Every kind the bot persists, with a frozen record of each version it must keep reading. */
const KINDS: readonly [string, RecordKind<object>, string][] = (
	[
		[DAILY_POST, 'daily-post.v1.json'],
		[DAILY_SCHEDULE, 'daily-schedule.v1.json'],
		[DAILY_STATE, 'daily-state.v1.json'],
		[SCHEDULED_GUILDS, 'scheduled-guilds.v1.json'],
		[MEMBER_BOOK, 'member-book.v1.json'],
		[POINTS_BOARD, 'points-board.v1.json'],
		[SERVER_STATS, 'server-stats.v1.json'],
		[MEMBER_STUDY, 'member-study.v1.json'],
		[REMINDER_MEMBERS, 'reminder-members.v1.json'],
		[REMINDER_GUILDS, 'reminder-guilds.v1.json'],
	] as const
).map(([kind, file]) => [kind.name, kind as RecordKind<object>, file]);

async function stored(file: string): Promise<Keyv> {
	const keyv = new Keyv();
	await keyv.set('k', JSON.parse(await readFile(path.join(FIXTURES, file), 'utf8')));
	return keyv;
}

describe('frozen records', () => {
	it.each(KINDS)('reads a stored %s of version 1 field for field', async (_name, kind, file) => {
		const raw = JSON.parse(await readFile(path.join(FIXTURES, file), 'utf8')) as Record<string, unknown>;
		const { v: _version, ...fields } = raw;
		expect(await readRecord(await stored(file), 'k', kind)).toEqual(fields);
	});

	it.each(KINDS)('refuses a %s newer than the bot with a precise message', async (_name, kind, file) => {
		const keyv = await stored(file);
		await keyv.set('k', { ...((await keyv.get('k')) as object), v: kind.version + 1 });
		await expect(readRecord(keyv, 'k', kind)).rejects.toThrow(
			`${kind.name}: record version ${kind.version + 1} is newer than this bot (${kind.version})`,
		);
	});

	it('names the field of a damaged daily post', async () => {
		const keyv = await stored('daily-post.v1.json');
		const raw = (await keyv.get('k')) as Record<string, unknown>;
		await keyv.set('k', { ...raw, answers: { '1': { choice: 'B', at: 'x' } } });
		await expect(readRecord(keyv, 'k', DAILY_POST)).rejects.toThrow(
			'DailyPost: field answers.1 is malformed (StoredAnswer: field choice must be a number)',
		);
	});
});
