import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import { messagesIn } from '../../src/i18n/messages.ts';
import { type Library, openLibrary } from '../../src/library.ts';
import type { Question } from '../../src/quiz/question.ts';
import { explanationIn, stemIn } from '../../src/quiz/wording.ts';

const EN = messagesIn('en');
const KO = messagesIn('ko');
const HANGUL = /[\uac00-\ud7a3]/;
/** The fixed words of the English wording, which no Korean question may still show. */
const ENGLISH_WORDING = [
	'Which term matches',
	'Which description fits',
	'What does',
	'Which acronym stands for',
	'Which of these applies',
	'True or false?',
	'stands for',
	'The other options are about',
	'the notes say this of',
];

let library: Library;

beforeAll(async () => {
	library = await openLibrary(path.join(PROJECT_DIR, 'data/notes'));
});

const QUESTION: Question = {
	id: 'tf-1',
	kind: 'true-false',
	conceptId: 'x#selinux',
	stem: 'True or false? About **SELinux**:\n> 파일 경로에 적용',
	options: ['True', 'False'],
	answer: 1,
	explanation: 'False: the notes say this of **APPArmor**, not of **SELinux**.\n> 파일 경로에 적용',
	source: { file: 'x.md', headingPath: ['보안'], line: 1 },
	topic: '보안',
};

describe('the wording of questions', () => {
	it('shows a stored question in Korean and keeps the note text it quotes', () => {
		expect(stemIn(QUESTION, KO)).toBe('참일까요, 거짓일까요? **SELinux**에 대한 설명:\n> 파일 경로에 적용');
		expect(explanationIn(QUESTION, KO)).toBe(
			`${KO.questions.isFalse({ owner: 'APPArmor', subject: 'SELinux' })}\n> 파일 경로에 적용`,
		);
	});

	it('shows a stored question in English exactly as it was made', () => {
		for (const question of library.questions.questions) {
			expect(stemIn(question, EN)).toBe(question.stem);
			expect(explanationIn(question, EN)).toBe(question.explanation);
		}
	});

	it('words every question made from the notes in Korean', () => {
		const english: string[] = [];
		for (const question of library.questions.questions) {
			const stem = stemIn(question, KO);
			if (!HANGUL.test(stem.split('\n')[0] ?? '')) english.push(`${question.id} stem: ${stem}`);
			for (const text of [stem, explanationIn(question, KO)])
				for (const line of text.split('\n').filter((l) => !l.startsWith('>')))
					if (ENGLISH_WORDING.some((words) => line.includes(words))) english.push(`${question.id}: ${line}`);
		}
		expect(library.questions.questions.length).toBeGreaterThan(50);
		expect(english).toEqual([]);
	});
});
