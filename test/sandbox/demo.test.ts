import { describe, expect, it } from 'vitest';
import { HISTORY, historyQuestions } from './demo.ts';

describe('sandbox demo history', () => {
	it('dates the past questions back to yesterday, takes topics in turn and answers by member id', () => {
		const ids = new Map([
			['student', '1'],
			['classmate', '2'],
			['minji', '3'],
			['jun', '4'],
		]);
		const questions = historyQuestions('2026-03-02', ids, ['보안', '가상화', '네트워크']);
		expect(questions.map((question) => [question.date, question.topic])).toEqual([
			['2026-02-26', '보안'],
			['2026-02-27', '가상화'],
			['2026-02-28', '네트워크'],
			['2026-03-01', '보안'],
		]);
		expect(questions[1]?.answers).toEqual([
			{ userId: '1', correct: true },
			{ userId: '2', correct: false },
			{ userId: '3', correct: true },
			{ userId: '4', correct: true },
		]);
		expect(questions).toHaveLength(HISTORY.length);
	});

	it('still gives every question a topic when the notes give none', () => {
		expect(historyQuestions('2026-03-02', new Map(), []).map((question) => question.topic)).toEqual([
			'Demo',
			'Demo',
			'Demo',
			'Demo',
		]);
	});
});
