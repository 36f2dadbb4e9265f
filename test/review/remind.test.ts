import { Writable } from 'node:stream';
import { REST } from 'discord.js';
import Keyv from 'keyv';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Lang } from '../../src/i18n/locale.ts';
import { buildLibrary } from '../../src/library.ts';
import type { QuestionPool } from '../../src/quiz/generate.ts';
import type { Question } from '../../src/quiz/question.ts';
import { DAILY_SCHEDULE, dailyKeys } from '../../src/quiz/records.ts';
import { CLOSED_DM_DAYS_LIMIT, REMIND_CRON, REMIND_JOB, ReminderService } from '../../src/review/remind.ts';
import { ReviewStore } from '../../src/review/store.ts';
import { GroupCommitter } from '../../src/store/commit.ts';
import { writeRecord } from '../../src/store/records.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { ManualClock, testContext } from '../support/context.ts';
import { ManualScheduler } from '../support/manual-scheduler.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDA.remind-test.token';
const DM_SEND = 'POST /channels/:channel_id/messages';

const FORK: Question = {
	id: 'tm-fork',
	kind: 'term',
	conceptId: 'os#fork',
	stem: 'Which term creates a process?',
	options: ['fork', 'exec', 'wait', 'exit'],
	answer: 0,
	explanation: '**fork** copies the calling process.',
	source: { file: 'os.md', headingPath: ['Processes'], line: 1 },
	topic: 'Processes',
};
const POOL: QuestionPool = {
	questions: [FORK],
	get: (id) => (id === FORK.id ? FORK : undefined),
	ofConcept: (conceptId) => (conceptId === FORK.conceptId ? [FORK] : []),
	topics: () => ['Processes'],
};

let fake: FakeDiscord;
let rest: REST;
let seoul: string;
let newYork: string;

beforeAll(async () => {
	fake = await FakeDiscord.start({ token: TOKEN });
	seoul = fake.addGuild({ name: 'Seoul Study', channels: [{ name: 'study' }] }).id;
	newYork = fake.addGuild({ name: 'NY Study', channels: [{ name: 'study' }] }).id;
	rest = new REST({ api: fake.apiUrl, retries: 1, timeout: 5_000 }).setToken(TOKEN);
});

afterAll(async () => {
	await fake.close();
});

interface Setup {
	readonly keyv: Keyv;
	readonly committer: GroupCommitter;
	readonly review: ReviewStore;
	readonly reminders: ReminderService;
	readonly clock: ManualClock;
	readonly scheduler: ManualScheduler;
	readonly logs: Record<string, unknown>[];
}

let setup: Setup;
let members = 0;

/** A reminder service on the test's store, clock and Discord fake; `deps` replaces some of its parts. */
function reminderService(deps: Partial<ConstructorParameters<typeof ReminderService>[0]> = {}): ReminderService {
	const sink = new Writable({
		write(chunk, _encoding, done) {
			for (const line of String(chunk).split('\n')) if (line.trim() !== '') setup.logs.push(JSON.parse(line));
			done();
		},
	});
	const zones: Record<string, string> = { [seoul]: 'Asia/Seoul', [newYork]: 'America/New_York' };
	return new ReminderService({
		store: setup.keyv,
		committer: setup.committer,
		clock: setup.clock,
		logger: pino({ level: 'debug' }, sink),
		rest,
		scheduler: setup.scheduler,
		owns: () => true,
		zoneOf: async (guildId) => zones[guildId] ?? 'UTC',
		questions: () => POOL,
		...deps,
	});
}

beforeEach(() => {
	const keyv = new Keyv();
	const committer = new GroupCommitter(keyv);
	setup = {
		keyv,
		committer,
		review: new ReviewStore(keyv, committer),
		clock: new ManualClock(new Date('2026-12-01T00:00:00.000Z')),
		scheduler: new ManualScheduler(),
		logs: [],
		// Replaced right below, once `setup` exists for the factory to read.
		reminders: undefined as unknown as ReminderService,
	};
	setup = { ...setup, reminders: reminderService() };
});

/** A new member of the server who answered fork wrong at `at` (due a day later) and turned the reminder on. */
async function dueMember(guildId: string, lang: Lang = 'en', at = new Date('2026-12-01T00:00:00.000Z')) {
	members++;
	const userId = fake.addMember(guildId, { username: `member-${members}` }).user.id;
	await setup.review.recordAnswer(guildId, userId, {
		question: FORK,
		term: 'fork',
		correct: false,
		source: 'practice',
		date: null,
		at,
	});
	await setup.review.setReminder(guildId, userId, true, lang);
	return userId;
}

function dms(userId: string): string[] {
	return fake.messages(fake.dmChannelId(userId)).map((message) => message.content);
}

function sendAttempts(userId: string): number {
	const path = `/channels/${fake.dmChannelId(userId)}/messages`;
	return fake.requests.filter((request) => request.method === 'POST' && request.path === path).length;
}

async function sweepAt(iso: string) {
	setup.clock.set(new Date(iso));
	return setup.reminders.sweep();
}

const englishDm = (guildId: string, count = 1) =>
	`📚 ${count === 1 ? '1 review is' : `${count} reviews are`} due. Run \`/review\` in the server: https://discord.com/channels/${guildId}\n-# Turn this reminder off with \`/review remind:off\`.`;

describe('the review reminder', () => {
	it('registers a sweep every 15 minutes in UTC and runs one at start', async () => {
		const userId = await dueMember(seoul);
		setup.clock.set(new Date('2026-12-02T09:00:00.000Z'));
		await setup.reminders.start();
		expect(setup.scheduler.jobs()).toEqual([{ name: REMIND_JOB, cron: REMIND_CRON, zone: 'UTC' }]);
		expect(REMIND_CRON).toBe('*/15 * * * *');
		expect(dms(userId)).toEqual([englishDm(seoul)]);
		setup.clock.set(new Date('2026-12-03T09:00:00.000Z'));
		await setup.scheduler.fire(REMIND_JOB);
		expect(dms(userId)).toHaveLength(2);
		setup.reminders.stop();
		expect(setup.scheduler.names()).toEqual([]);
	});

	it('sends one DM from 18:00 in Seoul, not before, and not twice the same local day', async () => {
		const userId = await dueMember(seoul);
		expect(await sweepAt('2026-12-02T08:59:00.000Z')).toEqual({ sent: 0, closedDms: 0, failed: 0 });
		expect(dms(userId)).toEqual([]);
		expect(await sweepAt('2026-12-02T09:00:00.000Z')).toEqual({ sent: 1, closedDms: 0, failed: 0 });
		expect(dms(userId)).toEqual([englishDm(seoul)]);
		expect(fake.messages(fake.dmChannelId(userId))[0]?.mentions).toEqual([]);
		await sweepAt('2026-12-02T09:15:00.000Z');
		await sweepAt('2026-12-02T14:59:00.000Z');
		expect(dms(userId)).toHaveLength(1);
		expect((await setup.review.memberData(seoul, userId))?.remind.lastSentDate).toBe('2026-12-02');
		// Midnight in Seoul is a new day, but 18:00 has not come yet.
		await sweepAt('2026-12-02T15:00:00.000Z');
		expect(dms(userId)).toHaveLength(1);
		await sweepAt('2026-12-03T09:00:00.000Z');
		expect(dms(userId)).toHaveLength(2);
		expect(fake.stats.rejected).toEqual([]);
	});

	it('uses each server’s own zone: 18:00 in New York is 23:00 UTC', async () => {
		const userId = await dueMember(newYork);
		await sweepAt('2026-12-02T22:59:00.000Z');
		expect(dms(userId)).toEqual([]);
		await sweepAt('2026-12-02T23:00:00.000Z');
		expect(dms(userId)).toEqual([englishDm(newYork)]);
		// 23:00 in New York, still 2 December there.
		await sweepAt('2026-12-03T04:00:00.000Z');
		expect(dms(userId)).toHaveLength(1);
		expect((await setup.review.memberData(newYork, userId))?.remind.lastSentDate).toBe('2026-12-02');
	});

	it('sends nothing when no review is due, or when the reminder is off', async () => {
		const early = await dueMember(seoul, 'en', new Date('2026-12-02T08:00:00.000Z'));
		const off = await dueMember(seoul);
		await setup.review.setReminder(seoul, off, false, 'en');
		expect(await sweepAt('2026-12-02T09:30:00.000Z')).toEqual({ sent: 0, closedDms: 0, failed: 0 });
		expect(dms(early)).toEqual([]);
		expect(dms(off)).toEqual([]);
		expect((await setup.review.memberData(seoul, early))?.remind.lastSentDate).toBeNull();
		expect(await setup.review.reminderMembers(seoul)).toEqual([early]);
	});

	it('writes in the language the member turned the reminder on in, with the due count', async () => {
		const userId = await dueMember(seoul, 'ko');
		await setup.review.recordAnswer(seoul, userId, {
			question: { ...FORK, id: 'tm-exec', conceptId: 'os#exec' },
			term: 'exec',
			correct: false,
			source: 'practice',
			date: null,
			at: new Date('2026-12-01T00:00:00.000Z'),
		});
		const pool: QuestionPool = { ...POOL, ofConcept: () => [FORK] };
		setup = { ...setup, reminders: reminderService({ questions: () => pool }) };
		await sweepAt('2026-12-02T09:00:00.000Z');
		expect(dms(userId)).toEqual([
			`📚 복습할 카드가 2개 있습니다. 서버에서 \`/review\`를 실행하세요: https://discord.com/channels/${seoul}\n-# 알림을 끄려면 \`/review remind:off\``,
		]);
	});

	it('tries a member with closed DMs once a day, and turns the reminder off after 3 days in a row', async () => {
		const userId = await dueMember(seoul);
		fake.closeDms(userId);
		expect(await sweepAt('2026-12-02T09:00:00.000Z')).toEqual({ sent: 0, closedDms: 1, failed: 0 });
		await sweepAt('2026-12-02T09:15:00.000Z');
		await sweepAt('2026-12-02T12:00:00.000Z');
		expect(sendAttempts(userId)).toBe(1);
		expect((await setup.review.memberData(seoul, userId))?.remind).toEqual({
			on: true,
			lang: 'en',
			lastSentDate: '2026-12-02',
			closedDmDays: 1,
			turnedOff: false,
		});
		await sweepAt('2026-12-03T09:00:00.000Z');
		await sweepAt('2026-12-03T09:15:00.000Z');
		expect(sendAttempts(userId)).toBe(2);
		await sweepAt('2026-12-04T09:00:00.000Z');
		expect(sendAttempts(userId)).toBe(CLOSED_DM_DAYS_LIMIT);
		expect((await setup.review.memberData(seoul, userId))?.remind).toEqual({
			on: false,
			lang: 'en',
			lastSentDate: '2026-12-04',
			closedDmDays: 3,
			turnedOff: true,
		});
		expect(await setup.review.reminderMembers(seoul)).toEqual([]);
		expect(setup.logs.some((line) => line.msg === 'review: reminder turned off, the member’s DMs stayed closed')).toBe(
			true,
		);
		await sweepAt('2026-12-05T09:00:00.000Z');
		expect(sendAttempts(userId)).toBe(3);
		expect(dms(userId)).toEqual([]);
		// `/review` tells the member once.
		const first = await setup.review.serve(seoul, userId, POOL, new Date('2026-12-05T09:00:00.000Z'), 's');
		expect(first.notice).toBe('reminder-turned-off');
		const second = await setup.review.serve(seoul, userId, POOL, new Date('2026-12-05T09:01:00.000Z'), 's');
		expect(second.notice).toBeNull();
	});

	it('counts closed-DM days in a row only: a delivered reminder starts the count again', async () => {
		const userId = await dueMember(seoul);
		fake.closeDms(userId);
		await sweepAt('2026-12-02T09:00:00.000Z');
		await sweepAt('2026-12-03T09:00:00.000Z');
		fake.openDms(userId);
		await sweepAt('2026-12-04T09:00:00.000Z');
		expect(dms(userId)).toEqual([englishDm(seoul)]);
		expect((await setup.review.memberData(seoul, userId))?.remind.closedDmDays).toBe(0);
	});

	it('retries at the next sweep when Discord fails for another reason', async () => {
		const userId = await dueMember(seoul);
		fake.failNext(DM_SEND, { status: 500, count: 2 });
		expect(await sweepAt('2026-12-02T09:00:00.000Z')).toEqual({ sent: 0, closedDms: 0, failed: 1 });
		expect(dms(userId)).toEqual([]);
		expect((await setup.review.memberData(seoul, userId))?.remind.lastSentDate).toBeNull();
		expect(setup.logs.some((line) => line.msg === 'review: reminder not sent, will retry')).toBe(true);
		expect(await sweepAt('2026-12-02T09:15:00.000Z')).toEqual({ sent: 1, closedDms: 0, failed: 0 });
		expect(dms(userId)).toEqual([englishDm(seoul)]);
	});

	it('skips servers another process owns', async () => {
		const userId = await dueMember(seoul);
		const other = reminderService({ scheduler: new ManualScheduler(), owns: (guildId) => guildId !== seoul });
		setup.clock.set(new Date('2026-12-02T09:00:00.000Z'));
		expect(await other.sweep()).toEqual({ sent: 0, closedDms: 0, failed: 0 });
		expect(dms(userId)).toEqual([]);
	});

	it('takes a server’s zone from its daily schedule, else Asia/Seoul', async () => {
		const { ctx } = testContext(buildLibrary([]));
		await writeRecord(ctx.store, dailyKeys.schedule(newYork), DAILY_SCHEDULE, {
			channelId: '1',
			time: '09:00',
			zone: 'America/New_York',
			enabled: true,
			updatedBy: '2',
			updatedAt: '2026-12-01T00:00:00.000Z',
		});
		expect(await ctx.daily.zone(newYork)).toBe('America/New_York');
		expect(await ctx.daily.zone(seoul)).toBe('Asia/Seoul');
	});
});
