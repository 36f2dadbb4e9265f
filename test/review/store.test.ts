import path from 'node:path';
import Keyv from 'keyv';
import { beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import { openLibrary } from '../../src/library.ts';
import type { QuestionPool } from '../../src/quiz/generate.ts';
import type { Question, QuestionKind } from '../../src/quiz/question.ts';
import type { DailyPost } from '../../src/quiz/records.ts';
import { newCard, rateCard } from '../../src/review/card.ts';
import {
	emptyStudy,
	MAX_ANSWERS,
	MEMBER_STUDY,
	type MemberStudy,
	REMINDER_GUILDS,
	REMINDER_MEMBERS,
	type StudyAnswer,
	studyKeys,
} from '../../src/review/records.ts';
import { ReviewStore } from '../../src/review/store.ts';
import { GroupCommitter } from '../../src/store/commit.ts';
import { readRecord, writeRecord } from '../../src/store/records.ts';

const GUILD = '500000000000000001';
const ALICE = '300000000000000001';
const BOB = '300000000000000002';
const CAROL = '300000000000000003';
const T0 = new Date('2026-12-01T00:00:00.000Z');
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const at = (ms: number): Date => new Date(T0.getTime() + ms);

function question(id: string, conceptId: string, kind: QuestionKind = 'term', topic = 'Processes'): Question {
	return {
		id,
		kind,
		conceptId,
		stem: `Stem of ${id}`,
		options: kind === 'true-false' ? ['True', 'False'] : ['one', 'two', 'three', 'four'],
		answer: 1,
		explanation: `**${conceptId}**: explained by ${id}`,
		source: { file: 'os.md', headingPath: [topic], line: 1 },
		topic,
	};
}

/** A question pool over hand-made questions. */
function poolOf(questions: readonly Question[]): QuestionPool {
	return {
		questions,
		get: (id) => questions.find((q) => q.id === id),
		ofConcept: (conceptId) => questions.filter((q) => q.conceptId === conceptId),
		topics: () => [...new Set(questions.map((q) => q.topic))].sort(),
	};
}

const Q = {
	forkTerm: question('tm-fork', 'os#fork'),
	forkTf: question('tf-fork', 'os#fork', 'true-false'),
	execTerm: question('tm-exec', 'os#exec'),
	pipeDef: question('df-pipe', 'os#pipe', 'definition', 'IPC'),
	ipcAcronym: question('ac-ipc', 'os#ipc', 'acronym', 'IPC'),
	goneTerm: question('tm-gone', 'os#gone'),
};
const POOL = poolOf([Q.forkTerm, Q.forkTf, Q.execTerm, Q.pipeDef, Q.ipcAcronym]);

let keyv: Keyv;
let review: ReviewStore;

beforeEach(() => {
	keyv = new Keyv();
	review = new ReviewStore(keyv, new GroupCommitter(keyv));
});

const practice = (userId: string, q: Question, correct: boolean, when: Date, term = `Term ${q.conceptId}`) =>
	review.recordAnswer(GUILD, userId, { question: q, term, correct, source: 'practice', date: null, at: when });

async function stored(userId: string): Promise<MemberStudy> {
	const study = await review.memberData(GUILD, userId);
	if (study === undefined) throw new Error('no record');
	return study;
}

describe('recording answers', () => {
	it('creates a card due the next day after a wrong practice answer, and keeps the answer', async () => {
		const outcome = await practice(ALICE, Q.forkTerm, false, T0, 'fork()');
		expect(outcome).toEqual({ recorded: true, dueAt: new Date('2026-12-02T00:00:00.000Z') });
		const study = await stored(ALICE);
		expect(study.cards).toEqual({
			'os#fork': {
				fsrs: rateCard(newCard(T0), 1, T0),
				term: 'fork()',
				back: '**os#fork**: explained by tm-fork',
				topic: 'Processes',
				answered: 1,
				missed: 1,
			},
		});
		expect(study.answers).toEqual([
			{
				at: '2026-12-01T00:00:00.000Z',
				source: 'practice',
				date: null,
				questionId: 'tm-fork',
				conceptId: 'os#fork',
				topic: 'Processes',
				kind: 'term',
				correct: false,
				rating: 1,
				cardState: 'new',
			},
		]);
		expect(study.cards['os#fork']?.fsrs.due).toBe('2026-12-02T00:00:00.000Z');
	});

	it('schedules a right answer three days out, later than a wrong one', async () => {
		const right = await practice(ALICE, Q.forkTerm, true, T0);
		const wrong = await practice(BOB, Q.forkTerm, false, T0);
		expect(right.dueAt).toEqual(new Date('2026-12-04T00:00:00.000Z'));
		expect(wrong.dueAt).toEqual(new Date('2026-12-02T00:00:00.000Z'));
	});

	it('rates an existing card again and keeps the newest term and explanation', async () => {
		await practice(ALICE, Q.forkTerm, false, T0, 'fork');
		await practice(ALICE, Q.forkTf, true, at(DAY_MS), 'fork()');
		const card = (await stored(ALICE)).cards['os#fork'];
		expect(card?.answered).toBe(2);
		expect(card?.missed).toBe(1);
		expect(card?.term).toBe('fork()');
		expect(card?.back).toBe('**os#fork**: explained by tf-fork');
		expect(card?.fsrs).toEqual(rateCard(rateCard(newCard(T0), 1, T0), 3, at(DAY_MS)));
	});

	it('records a daily date once: the same date again changes nothing', async () => {
		const input = {
			question: Q.execTerm,
			term: 'exec',
			correct: false,
			source: 'daily',
			date: '2026-12-01',
			at: T0,
		} as const;
		expect((await review.recordAnswer(GUILD, ALICE, input)).recorded).toBe(true);
		const before = await stored(ALICE);
		const again = await review.recordAnswer(GUILD, ALICE, { ...input, correct: true, at: at(HOUR_MS) });
		expect(again).toEqual({ recorded: false, dueAt: new Date('2026-12-02T00:00:00.000Z') });
		expect(await stored(ALICE)).toEqual(before);
	});

	it('keeps answers in the order they were given, also a daily answer recorded after later practice', async () => {
		await practice(ALICE, Q.forkTerm, true, at(2 * HOUR_MS));
		await practice(ALICE, Q.pipeDef, false, at(3 * HOUR_MS));
		await review.recordAnswer(GUILD, ALICE, {
			question: Q.execTerm,
			term: 'exec',
			correct: true,
			source: 'daily',
			date: '2026-12-01',
			at: at(HOUR_MS),
		});
		expect((await stored(ALICE)).answers.map((answer) => [answer.at, answer.questionId])).toEqual([
			['2026-12-01T01:00:00.000Z', 'tm-exec'],
			['2026-12-01T02:00:00.000Z', 'tm-fork'],
			['2026-12-01T03:00:00.000Z', 'df-pipe'],
		]);
	});

	it('folds every answer of a closed daily question at the time it was given, once', async () => {
		const post: DailyPost = {
			guildId: GUILD,
			date: '2026-12-01',
			channelId: '400000000000000001',
			question: Q.execTerm,
			state: 'closed',
			messageId: '600000000000000001',
			postedAt: '2026-12-01T00:00:00.000Z',
			closesAt: '2026-12-02T00:00:00.000Z',
			zone: 'Asia/Seoul',
			answers: {
				[ALICE]: { choice: 0, at: '2026-12-01T01:00:00.000Z' },
				[BOB]: { choice: 1, at: '2026-12-01T02:00:00.000Z' },
				[CAROL]: { choice: 3, at: '2026-12-01T03:00:00.000Z' },
			},
			resultsMessageId: null,
			awards: null,
			failure: null,
		};
		const termOf = (conceptId: string) => (conceptId === 'os#exec' ? 'exec()' : '?');
		expect(await review.foldDaily(GUILD, post, termOf)).toBe(3);
		const alice = await stored(ALICE);
		const bob = await stored(BOB);
		expect(alice.cards['os#exec']?.fsrs.due).toBe('2026-12-02T01:00:00.000Z');
		expect(alice.cards['os#exec']?.term).toBe('exec()');
		expect(alice.answers.map((a) => [a.source, a.date, a.correct, a.at])).toEqual([
			['daily', '2026-12-01', false, '2026-12-01T01:00:00.000Z'],
		]);
		expect(bob.cards['os#exec']?.fsrs.due).toBe('2026-12-04T02:00:00.000Z');
		expect((await stored(CAROL)).cards['os#exec']?.missed).toBe(1);
		expect(await review.foldDaily(GUILD, post, termOf)).toBe(0);
		expect(await stored(ALICE)).toEqual(alice);
		expect(await stored(BOB)).toEqual(bob);
	});

	it(`keeps the newest ${MAX_ANSWERS} answers and drops the oldest`, async () => {
		const full = emptyStudy(GUILD, ALICE);
		full.answers = Array.from(
			{ length: MAX_ANSWERS },
			(_, i): StudyAnswer => ({
				at: new Date(T0.getTime() - (MAX_ANSWERS - i) * 1000).toISOString(),
				source: 'practice',
				date: null,
				questionId: `tm-old-${i}`,
				conceptId: 'os#old',
				topic: 'Processes',
				kind: 'term',
				correct: true,
				rating: 3,
				cardState: 'review',
			}),
		);
		await writeRecord(keyv, studyKeys.member(GUILD, ALICE), MEMBER_STUDY, full);
		await practice(ALICE, Q.forkTerm, false, T0);
		await practice(ALICE, Q.execTerm, true, T0);
		const answers = (await stored(ALICE)).answers;
		expect(answers).toHaveLength(MAX_ANSWERS);
		expect(answers[0]?.questionId).toBe('tm-old-2');
		expect(answers.slice(-2).map((a) => a.questionId)).toEqual(['tm-fork', 'tm-exec']);
	});
});

describe('the questions of a concept', () => {
	it('are the pool’s questions about it, in pool order, and none for an unknown concept', async () => {
		const pool = (await openLibrary(path.join(PROJECT_DIR, 'data/notes'))).questions;
		const vm = 'virtualization-and-security#vm';
		expect(pool.ofConcept(vm).map((q) => q.id)).toEqual(['tm-2jahe58j1478c', 'df-1a1gum7kl6qiz']);
		expect(pool.ofConcept(vm)).toEqual(pool.questions.filter((q) => q.conceptId === vm));
		expect(pool.ofConcept('virtualization-and-security#nothing')).toEqual([]);
		const total = new Set(pool.questions.map((q) => q.conceptId));
		expect([...total].reduce((sum, id) => sum + pool.ofConcept(id).length, 0)).toBe(pool.questions.length);
	});
});

describe('serving and grading', () => {
	it('serves the most overdue card first, and the next one after grading', async () => {
		await practice(ALICE, Q.execTerm, false, at(HOUR_MS));
		await practice(ALICE, Q.forkTerm, false, T0);
		const now = at(2 * DAY_MS);
		const first = await review.serve(GUILD, ALICE, POOL, now, 'seed');
		expect(first.kind).toBe('served');
		if (first.kind !== 'served') return;
		expect(first.card.term).toBe('Term os#fork');
		expect(first.due).toBe(2);
		expect(first.mode).toBe('choice');
		expect((await stored(ALICE)).pending).toEqual({
			questionId: first.question.id,
			conceptId: 'os#fork',
			servedAt: now.toISOString(),
			mode: 'choice',
		});
		const graded = await review.grade(
			GUILD,
			ALICE,
			{ questionId: first.question.id, choice: first.question.answer },
			POOL,
			now,
		);
		expect(graded).toMatchObject({
			kind: 'graded',
			correct: true,
			rating: 3,
			choice: first.question.answer,
			moreDue: 1,
		});
		const second = await review.serve(GUILD, ALICE, POOL, now, 'seed');
		expect(second.kind === 'served' && second.question.conceptId).toBe('os#exec');
	});

	it('asks another question of the concept than last time when the notes give more than one', async () => {
		await practice(ALICE, Q.forkTerm, false, T0);
		for (const seed of ['a', 'b', 'c', 'd', 'e']) {
			const served = await review.serve(GUILD, ALICE, POOL, at(DAY_MS), seed);
			expect(served.kind === 'served' && served.question.id).toBe('tf-fork');
		}
	});

	it('skips concepts the notes no longer ask about, and keeps their cards', async () => {
		await practice(ALICE, Q.goneTerm, false, T0);
		await practice(ALICE, Q.execTerm, false, at(HOUR_MS));
		const now = at(3 * DAY_MS);
		const served = await review.serve(GUILD, ALICE, POOL, now, 'seed');
		expect(served.kind === 'served' && served.question.id).toBe('tm-exec');
		expect(served.kind === 'served' && served.due).toBe(1);
		expect(Object.keys((await stored(ALICE)).cards).sort()).toEqual(['os#exec', 'os#gone']);
		expect((await review.overview(GUILD, ALICE, now, POOL)).due).toBe(1);
		expect((await review.overview(GUILD, ALICE, now)).due).toBe(2);
	});

	it('says when the next card is due when none is due yet', async () => {
		await practice(ALICE, Q.forkTerm, true, T0);
		expect(await review.serve(GUILD, ALICE, POOL, at(DAY_MS), 'seed')).toEqual({
			kind: 'none',
			nextDueAt: new Date('2026-12-04T00:00:00.000Z'),
			cards: 1,
			notice: null,
		});
		expect(await review.serve(GUILD, BOB, POOL, at(DAY_MS), 'seed')).toEqual({
			kind: 'none',
			nextDueAt: null,
			cards: 0,
			notice: null,
		});
		expect(await review.memberData(GUILD, BOB)).toBeUndefined();
	});

	it('serves definitions and acronyms as flashcards, graded by the member’s own rating', async () => {
		await practice(ALICE, Q.pipeDef, false, T0);
		await practice(ALICE, Q.ipcAcronym, false, at(HOUR_MS));
		const now = at(2 * DAY_MS);
		const first = await review.serve(GUILD, ALICE, POOL, now, 'seed');
		expect(first.kind === 'served' && [first.question.id, first.mode]).toEqual(['df-pipe', 'flashcard']);
		expect(await review.reveal(GUILD, ALICE, 'df-pipe', POOL)).toMatchObject({ kind: 'shown', question: Q.pipeDef });
		expect(await review.grade(GUILD, ALICE, { questionId: 'df-pipe', choice: 1 }, POOL, now)).toEqual({
			kind: 'refused',
			reason: 'invalid',
		});
		const graded = await review.grade(GUILD, ALICE, { questionId: 'df-pipe', rating: 4 }, POOL, now);
		expect(graded).toMatchObject({ kind: 'graded', correct: null, choice: null, rating: 4, moreDue: 1 });
		const card = (await stored(ALICE)).cards['os#pipe'];
		expect(card?.fsrs).toEqual(rateCard(rateCard(newCard(T0), 1, T0), 4, now));
		expect(graded.kind === 'graded' && graded.nextDueAt).toEqual(new Date(card?.fsrs.due ?? ''));
		const second = await review.serve(GUILD, ALICE, POOL, now, 'seed');
		expect(second.kind === 'served' && [second.question.id, second.mode]).toEqual(['ac-ipc', 'flashcard']);
	});

	it('accepts a grade only for the question served last, and only once', async () => {
		await practice(ALICE, Q.forkTerm, false, T0);
		await practice(ALICE, Q.execTerm, false, T0);
		const now = at(DAY_MS);
		const refused = { kind: 'refused', reason: 'not-pending' };
		expect(await review.grade(GUILD, ALICE, { questionId: 'tm-exec', choice: 1 }, POOL, now)).toEqual(refused);
		const served = await review.serve(GUILD, ALICE, POOL, now, 'seed');
		if (served.kind !== 'served') throw new Error('nothing served');
		expect(served.question.id).toBe('tm-exec');
		expect(await review.grade(GUILD, ALICE, { questionId: 'tm-fork', choice: 1 }, POOL, now)).toEqual(refused);
		expect(await review.grade(GUILD, ALICE, { questionId: 'tm-exec', choice: 7 }, POOL, now)).toEqual({
			kind: 'refused',
			reason: 'invalid',
		});
		expect(await review.grade(GUILD, ALICE, { questionId: 'tm-exec', rating: 3 }, POOL, now)).toEqual({
			kind: 'refused',
			reason: 'invalid',
		});
		expect(await review.grade(GUILD, ALICE, { questionId: 'tm-exec', choice: 0 }, POOL, now)).toMatchObject({
			kind: 'graded',
			correct: false,
			rating: 1,
		});
		const before = await stored(ALICE);
		expect(await review.grade(GUILD, ALICE, { questionId: 'tm-exec', choice: 1 }, POOL, now)).toEqual(refused);
		expect(await review.reveal(GUILD, ALICE, 'tm-exec', POOL)).toEqual(refused);
		expect(await stored(ALICE)).toEqual(before);
		expect(before.answers.filter((a) => a.source === 'review')).toHaveLength(1);
	});

	it('refuses a pending question that left the notes, and forgets it', async () => {
		await practice(ALICE, Q.execTerm, false, T0);
		const served = await review.serve(GUILD, ALICE, POOL, at(DAY_MS), 'seed');
		expect(served.kind).toBe('served');
		const edited = poolOf([Q.forkTerm]);
		expect(await review.grade(GUILD, ALICE, { questionId: 'tm-exec', choice: 1 }, edited, at(DAY_MS))).toEqual({
			kind: 'refused',
			reason: 'outdated',
		});
		expect((await stored(ALICE)).pending).toBeNull();
	});
});

describe('overview', () => {
	it('counts due cards and the retention of the last 30 days on cards already in review', async () => {
		// fork: new → Again (not counted), then in review: Good (recalled), Again (forgotten).
		await practice(ALICE, Q.forkTerm, false, T0);
		await practice(ALICE, Q.forkTerm, true, at(DAY_MS));
		await practice(ALICE, Q.forkTerm, false, at(5 * DAY_MS));
		// exec: new → Good (not counted); in review 35 days ago (before the window), and on day 2 (recalled).
		await practice(ALICE, Q.execTerm, true, at(-40 * DAY_MS));
		await practice(ALICE, Q.execTerm, true, at(-35 * DAY_MS));
		await practice(ALICE, Q.execTerm, true, at(2 * DAY_MS));
		// pipe: a new card, Good on day 6 (2026-12-07): the next due, three days later.
		await practice(ALICE, Q.pipeDef, true, at(6 * DAY_MS));
		const now = at(6 * DAY_MS + HOUR_MS);
		expect(await review.overview(GUILD, ALICE, now, POOL)).toEqual({
			due: 1,
			cards: 3,
			nextDueAt: new Date('2026-12-10T00:00:00.000Z'),
			retention: { recalled: 2, reviewed: 3 },
			remindOn: false,
		});
		expect(await review.overview(GUILD, BOB, now, POOL)).toEqual({
			due: 0,
			cards: 0,
			nextDueAt: null,
			retention: { recalled: 0, reviewed: 0 },
			remindOn: false,
		});
	});
});

describe('reminder settings and forgetting', () => {
	it('keeps the reminder indexes in step with the members’ settings', async () => {
		await review.setReminder(GUILD, ALICE, true, 'ko');
		await review.setReminder(GUILD, BOB, true, 'en');
		expect((await stored(ALICE)).remind).toEqual({
			on: true,
			lang: 'ko',
			lastSentDate: null,
			closedDmDays: 0,
			turnedOff: false,
		});
		expect(await review.reminderMembers(GUILD)).toEqual([ALICE, BOB]);
		expect(await review.reminderGuilds()).toEqual([GUILD]);
		await review.setReminder(GUILD, ALICE, false, 'ko');
		expect(await review.reminderMembers(GUILD)).toEqual([BOB]);
		await review.setReminder(GUILD, BOB, false, 'en');
		expect(await review.reminderMembers(GUILD)).toEqual([]);
		expect(await review.reminderGuilds()).toEqual([]);
		expect((await review.overview(GUILD, BOB, T0)).remindOn).toBe(false);
	});

	it('forgets a member: the record and the index entries are gone, other members stay', async () => {
		await practice(ALICE, Q.forkTerm, false, T0);
		await review.setReminder(GUILD, ALICE, true, 'en');
		await review.setReminder(GUILD, BOB, true, 'en');
		expect(await review.forget(GUILD, ALICE)).toBe(true);
		expect(await keyv.get(studyKeys.member(GUILD, ALICE))).toBeUndefined();
		expect(await readRecord(keyv, studyKeys.reminders(GUILD), REMINDER_MEMBERS)).toEqual({ userIds: [BOB] });
		expect(await readRecord(keyv, studyKeys.reminderGuilds(), REMINDER_GUILDS)).toEqual({ guildIds: [GUILD] });
		expect(await review.forget(GUILD, ALICE)).toBe(false);
		expect(await review.forget(GUILD, BOB)).toBe(true);
		expect(await readRecord(keyv, studyKeys.reminderGuilds(), REMINDER_GUILDS)).toEqual({ guildIds: [] });
	});
});

describe('stored records', () => {
	/** A MemberStudy as version 1 writes it; must keep reading field for field. */
	const FROZEN_V1 = {
		v: 1,
		guildId: GUILD,
		userId: ALICE,
		cards: {
			'os#fork': {
				fsrs: {
					due: '2026-12-02T00:00:00.000Z',
					stability: 0.212,
					difficulty: 6.4133,
					scheduledDays: 1,
					learningSteps: 0,
					reps: 1,
					lapses: 0,
					state: 'review',
					lastReview: '2026-12-01T00:00:00.000Z',
				},
				term: '포크(fork)',
				back: '**fork**: 프로세스를 복제',
				topic: '프로세스',
				answered: 1,
				missed: 1,
			},
		},
		answers: [
			{
				at: '2026-12-01T00:00:00.000Z',
				source: 'daily',
				date: '2026-12-01',
				questionId: 'tm-fork',
				conceptId: 'os#fork',
				topic: '프로세스',
				kind: 'term',
				correct: false,
				rating: 1,
				cardState: 'new',
			},
			{
				at: '2026-12-02T00:00:00.000Z',
				source: 'review',
				date: null,
				questionId: 'df-fork',
				conceptId: 'os#fork',
				topic: '프로세스',
				kind: 'definition',
				correct: null,
				rating: 3,
				cardState: 'review',
			},
		],
		remind: { on: true, lang: 'ko', lastSentDate: '2026-12-01', closedDmDays: 1, turnedOff: false },
		pending: { questionId: 'tm-fork', conceptId: 'os#fork', servedAt: '2026-12-02T00:00:00.000Z', mode: 'choice' },
	};

	it('reads a frozen version 1 record field for field', async () => {
		await keyv.set('k', FROZEN_V1);
		const { v: _v, ...fields } = FROZEN_V1;
		expect(await readRecord(keyv, 'k', MEMBER_STUDY)).toEqual(fields);
	});

	it('names the field of a damaged answer', async () => {
		await keyv.set('k', { ...FROZEN_V1, answers: [{ ...FROZEN_V1.answers[0], rating: 5 }] });
		await expect(readRecord(keyv, 'k', MEMBER_STUDY)).rejects.toThrow(
			'MemberStudy: field answers.0 is malformed (StudyAnswer: field rating must be 1 to 4)',
		);
	});
});
