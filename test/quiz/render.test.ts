import { describe, expect, it } from 'vitest';
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
		const message = renderDailyPost(post());
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
		const message = renderDailyPost(post({ state: 'closed' }));
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
		const results = renderResults(post({ state: 'closed' }));
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
		expect(renderResults(post({ answers: {} })).embeds?.[0]?.description).toContain('Nobody answered this one.');
	});
});

describe('answer feedback', () => {
	it('tells a member privately whether they were right, with the explanation, source and an Explain button', () => {
		const right = renderAnswerFeedback(post(), { kind: 'recorded', choice: 1, correct: true }, 'k1');
		expect(right.content).toBe(
			'✅ Correct: **B.** 파일 경로에 적용. Your points are added when the question closes, 2026-12-02 09:00 (Asia/Seoul).\n\n**AppArmor**: 파일 경로에 적용\n-# Source: virtualization-and-security.md › 보안 › AppArmor',
		);
		expect(right.components[0]?.components[0]).toMatchObject({ label: 'Explain', custom_id: 'v1:explain:open:k1' });
		const wrong = renderAnswerFeedback(post(), { kind: 'recorded', choice: 0, correct: false }, null);
		expect(wrong.content.split('\n')[0]).toBe(
			'❌ Not this time: you answered **A.** 레이블에 적용; the answer is **B.** 파일 경로에 적용.',
		);
		expect(wrong.components).toEqual([]);
	});

	it('keeps the first answer and says a closed question is closed', () => {
		const again = renderAnswerFeedback(post(), { kind: 'already', choice: 0, at: '2026-12-01T00:02:00.000Z' }, 'k1');
		expect(again.content.split('\n')[0]).toBe(
			'You already answered **A.** 레이블에 적용 (not correct); your first answer counts.',
		);
		const closed = renderAnswerFeedback(post(), { kind: 'closed' }, 'k1');
		expect(closed.content.split('\n')[0]).toBe('This question closed. The answer was **B.** 파일 경로에 적용.');
	});
});

describe('practice', () => {
	it('asks privately and grades with the right answer highlighted and a Next button', () => {
		const asked = renderPractice(QUESTION, 'all');
		expect(asked.embeds[0]?.title).toBe('Practice · 보안');
		expect(asked.components[0]?.components.map((b) => ('custom_id' in b ? b.custom_id : ''))).toEqual([
			'v1:quiz:answer:ap-1:0:all',
			'v1:quiz:answer:ap-1:1:all',
			'v1:quiz:answer:ap-1:2:all',
			'v1:quiz:answer:ap-1:3:all',
		]);
		const graded = renderPracticeResult(QUESTION, 2, 'k1', 'all');
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
			null,
		);
		expect(text.split('\n')).toEqual([
			'**Channel:** <#2>',
			'**Time:** 09:00 (Asia/Seoul)',
			'**Next post:** 2026-12-02 09:00 (Asia/Seoul)',
			"**Today's question:** open, 3 answers — https://discord.com/channels/1/2/3",
			'⚠️ **Last problem:** the bot lacks a permission there',
		]);
		expect(renderDailyStatus({ schedule: null, nextPostAt: null, today: null, lastError: null }, null)).toBe(
			'The daily quiz is not set up here. `/daily setup` picks a channel, a time and a time zone.',
		);
	});
});
