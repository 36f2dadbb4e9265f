import { describe, expect, it } from 'vitest';
import { messagesIn } from '../../src/i18n/messages.ts';
import type { Question } from '../../src/quiz/question.ts';
import type { DailyPost } from '../../src/quiz/records.ts';
import {
	renderAnswerFeedback,
	renderDailyPost,
	renderDailyStatus,
	renderPractice,
	renderPracticeResult,
	renderResults,
	tally,
} from '../../src/quiz/render.ts';

const EN = messagesIn('en');

const QUESTION: Question = {
	id: 'ap-1',
	kind: 'applies-to',
	conceptId: 'virtualization-and-security#apparmor',
	stem: 'Which of these applies to **AppArmor**? @everyone',
	options: ['레이블에 적용', '파일 경로에 적용', '패키지 관리', '가상 머신 관리'],
	answer: 1,
	explanation: '**AppArmor**: 파일 경로에 적용',
	source: { file: 'virtualization-and-security.md', headingPath: ['보안', 'AppArmor'], line: 120 },
	topic: '보안',
};

function post(overrides: Partial<DailyPost> = {}): DailyPost {
	return {
		guildId: '1',
		date: '2026-12-01',
		channelId: '2',
		question: QUESTION,
		state: 'open',
		messageId: '3',
		postedAt: '2026-12-01T00:00:00.000Z',
		closesAt: '2026-12-02T00:00:00.000Z',
		zone: 'Asia/Seoul',
		answers: {
			'10': { choice: 1, at: '2026-12-01T00:01:00.000Z' },
			'11': { choice: 0, at: '2026-12-01T00:02:00.000Z' },
			'12': { choice: 1, at: '2026-12-01T00:03:00.000Z' },
		},
		resultsMessageId: null,
		awards: null,
		failure: null,
		...overrides,
	};
}

describe('the daily post', () => {
	it('shows the question, lettered options and the closing time, without the source or a ping', () => {
		const message = renderDailyPost(post(), EN);
		expect(message.embeds?.[0]).toEqual({
			title: 'Daily question · 2026-12-01',
			description:
				'Which of these applies to **AppArmor**? @\u200beveryone\n\n**A.** 레이블에 적용\n**B.** 파일 경로에 적용\n**C.** 패키지 관리\n**D.** 가상 머신 관리',
			footer: { text: 'Answer with the buttons below · closes 2026-12-02 09:00 (Asia/Seoul)' },
		});
		expect(JSON.stringify(message)).not.toContain('virtualization-and-security.md');
		expect(message.components?.[0]?.components.map((b) => ('custom_id' in b ? b.custom_id : ''))).toEqual([
			'v1:daily:answer:2026-12-01:0',
			'v1:daily:answer:2026-12-01:1',
			'v1:daily:answer:2026-12-01:2',
			'v1:daily:answer:2026-12-01:3',
		]);
	});

	it('once closed, disables the buttons and marks the answer', () => {
		const message = renderDailyPost(post({ state: 'closed' }), EN);
		expect(message.embeds?.[0]?.footer?.text).toBe('Closed · answer B');
		const buttons = message.components?.[0]?.components ?? [];
		expect(buttons.map((b) => [b.disabled, 'style' in b ? b.style : 0])).toEqual([
			[true, 1],
			[true, 3],
			[true, 1],
			[true, 1],
		]);
	});

	it('sums up the results: answer, split per option and how many got it right', () => {
		expect(tally(post())).toEqual({ counts: [1, 2, 0, 0], total: 3, correct: 2 });
		const results = renderResults(post({ state: 'closed' }), EN);
		expect(results.embeds?.[0]?.description).toBe(
			[
				'**Answer:** **B.** 파일 경로에 적용',
				'',
				'**AppArmor**: 파일 경로에 적용',
				'',
				'`A    ` ▰▰▰▱▱▱▱▱▱▱ 1',
				'`B    ` ▰▰▰▰▰▰▰▱▱▱ 2 ✓',
				'`C    ` ▱▱▱▱▱▱▱▱▱▱ 0',
				'`D    ` ▱▱▱▱▱▱▱▱▱▱ 0',
				'',
				'**2 of 3** answered correctly (67%).',
			].join('\n'),
		);
		expect(results.embeds?.[0]?.footer?.text).toBe('Source: virtualization-and-security.md › 보안 › AppArmor');
		expect(renderResults(post({ answers: {} }), EN).embeds?.[0]?.description).toContain('Nobody answered this one.');
	});
});

describe('answer feedback', () => {
	it('tells a member privately whether they were right, with the explanation, source and an Explain button', () => {
		const right = renderAnswerFeedback(post(), { kind: 'recorded', choice: 1, correct: true }, 'k1', EN);
		expect(right.content).toBe(
			'✅ Correct: **B.** 파일 경로에 적용. Your points are added when the question closes, 2026-12-02 09:00 (Asia/Seoul).\n\n**AppArmor**: 파일 경로에 적용\n-# Source: virtualization-and-security.md › 보안 › AppArmor',
		);
		expect(right.components[0]?.components[0]).toMatchObject({ label: 'Explain', custom_id: 'v1:explain:open:k1' });
		const wrong = renderAnswerFeedback(post(), { kind: 'recorded', choice: 0, correct: false }, null, EN);
		expect(wrong.content.split('\n')[0]).toBe(
			'❌ Not this time: you answered **A.** 레이블에 적용; the answer is **B.** 파일 경로에 적용.',
		);
		expect(wrong.components).toEqual([]);
	});

	it('keeps the first answer and says a closed question is closed', () => {
		const again = renderAnswerFeedback(
			post(),
			{ kind: 'already', choice: 0, at: '2026-12-01T00:02:00.000Z' },
			'k1',
			EN,
		);
		expect(again.content.split('\n')[0]).toBe(
			'You already answered **A.** 레이블에 적용 (not correct); your first answer counts.',
		);
		const closed = renderAnswerFeedback(post(), { kind: 'closed' }, 'k1', EN);
		expect(closed.content.split('\n')[0]).toBe('This question closed. The answer was **B.** 파일 경로에 적용.');
	});
});

describe('practice', () => {
	it('asks privately and grades with the right answer highlighted and a Next button', () => {
		const asked = renderPractice(QUESTION, 'all', EN);
		expect(asked.embeds[0]?.title).toBe('Practice · 보안');
		expect(asked.components[0]?.components.map((b) => ('custom_id' in b ? b.custom_id : ''))).toEqual([
			'v1:quiz:answer:ap-1:0:all',
			'v1:quiz:answer:ap-1:1:all',
			'v1:quiz:answer:ap-1:2:all',
			'v1:quiz:answer:ap-1:3:all',
		]);
		const graded = renderPracticeResult(QUESTION, 2, 'k1', 'all', EN);
		expect(graded.embeds[0]?.description).toContain(
			'❌ You answered **C.** 패키지 관리; the answer is **B.** 파일 경로에 적용.',
		);
		expect(graded.components[1]?.components.map((b) => ('label' in b ? b.label : ''))).toEqual([
			'Next question',
			'Explain',
		]);
		expect(graded.components[0]?.components.every((b) => b.disabled === true)).toBe(true);
	});
});

describe('/daily status', () => {
	it('lists channel, time, next post, today and the last problem', () => {
		const text = renderDailyStatus(
			{
				schedule: {
					channelId: '2',
					time: '09:00',
					zone: 'Asia/Seoul',
					enabled: true,
					updatedBy: '9',
					updatedAt: '2026-11-30T00:00:00.000Z',
				},
				nextPostAt: new Date('2026-12-02T00:00:00Z'),
				today: post(),
				lastError: 'the bot lacks a permission there',
			},
			false,
			EN,
		);
		expect(text.split('\n')).toEqual([
			'**Channel:** <#2>',
			'**Time:** 09:00 (Asia/Seoul)',
			'**Next post:** 2026-12-02 09:00 (Asia/Seoul)',
			"**Today's question:** open, 3 answers — https://discord.com/channels/1/2/3",
			'⚠️ **Last problem:** the bot lacks a permission there',
		]);
		expect(renderDailyStatus({ schedule: null, nextPostAt: null, today: null, lastError: null }, false, EN)).toBe(
			'The daily quiz is not set up here. `/daily setup` picks a channel, a time and a time zone.',
		);
	});
});

describe('in Korean', () => {
	const KO = messagesIn('ko');
	const TRUE_FALSE: Question = {
		...QUESTION,
		id: 'tf-1',
		kind: 'true-false',
		stem: 'AppArmor는 파일 경로에 적용된다.',
		options: ['True', 'False'],
		answer: 0,
	};

	it('shows stored true/false options as 참 and 거짓 on buttons and in text, and keeps the stored values', () => {
		const asked = renderPractice(TRUE_FALSE, 'all', KO);
		expect(asked.components[0]?.components.map((b) => ('label' in b ? b.label : ''))).toEqual(['참', '거짓']);
		expect(asked.embeds[0]?.description).toContain('**참**\n**거짓**');
		const graded = renderPracticeResult(TRUE_FALSE, 1, null, 'all', KO);
		expect(graded.embeds[0]?.description).toContain(KO.quiz.wrong({ chosen: '**거짓**', answer: '**참**' }));
		expect(TRUE_FALSE.options).toEqual(['True', 'False']);
		expect(
			renderPractice(TRUE_FALSE, 'all', EN).components[0]?.components.map((b) => ('label' in b ? b.label : '')),
		).toEqual(['True', 'False']);
	});

	it('writes the daily post, the results and the feedback in Korean', () => {
		const message = renderDailyPost(post(), KO);
		expect(message.embeds?.[0]?.title).toBe('오늘의 문제 · 2026-12-01');
		expect(message.embeds?.[0]?.footer?.text).toBe('아래 버튼으로 답하세요 · 마감 2026-12-02 09:00 (Asia/Seoul)');
		const results = renderResults(post({ state: 'closed' }), KO);
		expect(results.embeds?.[0]?.title).toBe('결과 · 오늘의 문제 2026-12-01');
		expect(results.embeds?.[0]?.description?.split('\n').at(-1)).toBe('**3명 중 2명** 정답 (67%).');
		expect(results.embeds?.[0]?.footer?.text).toBe('출처: virtualization-and-security.md › 보안 › AppArmor');
		expect(results.components?.[0]?.components[0]).toMatchObject({ label: '설명' });
		const wrong = renderAnswerFeedback(post(), { kind: 'recorded', choice: 0, correct: false }, 'k1', KO);
		expect(wrong.content.split('\n')[0]).toBe(
			'❌ 아쉽네요. 고른 답: **A.** 레이블에 적용 · 정답: **B.** 파일 경로에 적용.',
		);
		expect(wrong.components[0]?.components[0]).toMatchObject({ label: '설명' });
	});

	it('shows the stored English problems of /daily status in Korean, and unknown ones as they are', () => {
		const schedule = {
			channelId: '2',
			time: '09:00',
			zone: 'Asia/Seoul',
			enabled: false,
			updatedBy: '9',
			updatedAt: '2026-11-30T00:00:00.000Z',
		};
		const status = (today: DailyPost | null, lastError: string | null) =>
			renderDailyStatus({ schedule, nextPostAt: null, today, lastError }, true, KO).split('\n');
		expect(
			status(
				post({ state: 'failed', failure: EN.daily.problems.noPermission }),
				EN.daily.problems.notPosted({ date: '2026-12-01', reason: EN.daily.problems.noPermission }),
			),
		).toEqual([
			'저장했습니다.',
			'**채널:** <#2>',
			'**시각:** 09:00 (Asia/Seoul) — **꺼짐**',
			'**다음 문제:** —',
			`**오늘의 문제:** 올리지 못함 (${KO.daily.problems.noPermission})`,
			`⚠️ **최근 오류:** 2026-12-01 문제를 올리지 못했습니다: ${KO.daily.problems.noPermission}`,
		]);
		expect(status(null, EN.daily.problems.willRetry({ error: 'Service Unavailable' })).at(-1)).toBe(
			'⚠️ **최근 오류:** 올리지 못해 다시 시도합니다: Service Unavailable',
		);
		expect(status(null, 'the bot lacks a permission there').at(-1)).toBe(
			'⚠️ **최근 오류:** the bot lacks a permission there',
		);
	});
});
