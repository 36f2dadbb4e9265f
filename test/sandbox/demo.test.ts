import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { Question } from '../../src/quiz/question.ts';
import { ReviewStore } from '../../src/review/store.ts';
import { ScoreStore } from '../../src/scores/store.ts';
import { GroupCommitter } from '../../src/store/commit.ts';
import { openKeyv } from '../../src/store/keyv.ts';
import { HISTORY, historyQuestions, seedHistory } from './demo.ts';

const IDS = new Map([
	['student', '1'],
	['classmate', '2'],
	['minji', '3'],
	['jun', '4'],
]);

const WHERE = { guildId: '900', zone: 'Asia/Seoul' };

function question(id: string, conceptId: string, topic: string): Question {
	return {
		id,
		kind: 'term',
		conceptId,
		stem: `Which term is ${id}?`,
		options: ['A', 'B', 'C', 'D'],
		answer: 0,
		explanation: `${id} explained.`,
		source: { file: 'notes.md', headingPath: [topic, conceptId.slice('notes#'.length).toUpperCase()], line: 1 },
		topic,
	};
}

/** Two topics; the first has two questions about one concept and one about another. */
const QUESTIONS: Question[] = [
	question('q1', 'notes#selinux', '보안'),
	question('q2', 'notes#selinux', '보안'),
	question('q3', 'notes#apparmor', '보안'),
	question('q4', 'notes#vm', '가상화'),
];
const POOL = { questions: QUESTIONS, topics: () => ['가상화', '보안'] };

describe('sandbox demo history', () => {
	it('dates the past questions back to yesterday, takes topics in turn and answers by member id', () => {
		const history = historyQuestions('2026-03-02', IDS, POOL, WHERE);
		expect(history.map(({ closed }) => [closed.date, closed.topic])).toEqual([
			['2026-02-26', '가상화'],
			['2026-02-27', '보안'],
			['2026-02-28', '가상화'],
			['2026-03-01', '보안'],
		]);
		expect(history[1]?.closed.answers).toEqual([
			{ userId: '1', correct: true },
			{ userId: '2', correct: false },
			{ userId: '3', correct: true },
			{ userId: '4', correct: true },
		]);
		expect(history).toHaveLength(HISTORY.length);
	});

	it('asks each day a question of its topic, about a concept not asked before while the topic has one', () => {
		const history = historyQuestions('2026-03-02', IDS, POOL, WHERE);
		expect(history.map(({ question }) => question?.topic)).toEqual(['가상화', '보안', '가상화', '보안']);
		const security = [history[1]?.question?.conceptId, history[3]?.question?.conceptId];
		expect(new Set(security)).toEqual(new Set(['notes#selinux', 'notes#apparmor']));
		// The scores name the concept asked, as the bot's closed questions do.
		expect(history[0]?.closed.concept).toEqual({ id: 'notes#vm', label: 'VM' });
	});

	it('has members answer in turn a few minutes after the question was posted, on its day in the zone', () => {
		const [first] = historyQuestions('2026-03-02', IDS, POOL, WHERE);
		expect(first?.answeredAt).toEqual({
			'1': new Date('2026-02-26T00:05:00Z'),
			'2': new Date('2026-02-26T00:17:00Z'),
			'3': new Date('2026-02-26T00:29:00Z'),
		});
	});

	it('still gives every question a topic when the notes give none, and no question to review', () => {
		const history = historyQuestions('2026-03-02', new Map(), { questions: [], topics: () => [] }, WHERE);
		expect(history.map(({ closed, question }) => [closed.topic, closed.concept, question])).toEqual([
			['Demo', undefined, null],
			['Demo', undefined, null],
			['Demo', undefined, null],
			['Demo', undefined, null],
		]);
	});
});

describe('sandbox seedHistory', () => {
	let dir = '';
	afterEach(async () => {
		if (dir !== '') await rm(dir, { recursive: true, force: true });
	});

	it('scores the past questions and puts every answer on a review card, as the bot does when a question closes', async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-demo-'));
		const storeUrl = `sqlite://${path.join(dir, 'study.sqlite')}`;
		const history = historyQuestions('2026-03-02', IDS, POOL, WHERE);
		await seedHistory(storeUrl, WHERE.guildId, history, (conceptId) => `title of ${conceptId}`);

		const store = await openKeyv(storeUrl, PROJECT_DIR);
		try {
			const committer = new GroupCommitter(store.keyv, store.lock);
			const scores = new ScoreStore(store.keyv, committer);
			const review = new ReviewStore(store.keyv, committer);
			expect(await scores.memberStats(WHERE.guildId, '1')).toMatchObject({ answered: 4, correct: 3 });

			const student = await review.memberData(WHERE.guildId, '1');
			expect(student?.answers.map((answer) => [answer.source, answer.date, answer.correct])).toEqual([
				['daily', '2026-02-26', true],
				['daily', '2026-02-27', true],
				['daily', '2026-02-28', false],
				['daily', '2026-03-01', true],
			]);
			expect(student?.answers[0]?.at).toBe('2026-02-26T00:05:00.000Z');
			expect(student?.cards['notes#vm']).toMatchObject({ term: 'title of notes#vm', answered: 2, missed: 1 });
			// Missed two days ago, so due again by today.
			const today = new Date('2026-03-02T03:00:00Z');
			expect((await review.overview(WHERE.guildId, '1', today)).due).toBeGreaterThanOrEqual(1);
			expect(await review.memberData(WHERE.guildId, '4')).toMatchObject({
				answers: [{ date: '2026-02-27' }, { date: '2026-02-28' }],
			});
		} finally {
			await store.close();
		}
	});
});
