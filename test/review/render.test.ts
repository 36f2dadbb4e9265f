import { describe, expect, it } from 'vitest';
import { messagesIn } from '../../src/i18n/messages.ts';
import { newCard, rateCard } from '../../src/review/card.ts';
import { EXPORT_FILES } from '../../src/review/export.ts';
import { emptyStudy } from '../../src/review/records.ts';
import { renderExport, renderQueued, renderReminderDm, renderStudyField } from '../../src/review/render.ts';
import { relativeTime } from '../../src/review/time.ts';

const NOW = new Date('2026-12-01T00:00:00.000Z');
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const en = messagesIn('en');
const ko = messagesIn('ko');

describe('relative times', () => {
	it.each([
		[0, 'now', '지금'],
		[90_000, 'in 2 minutes', '2분 후'],
		[2 * HOUR_MS, 'in 2 hours', '2시간 후'],
		[DAY_MS, 'tomorrow', '내일'],
		[3 * DAY_MS, 'in 3 days', '3일 후'],
	])('says %i ms as %j and %j', (ms, english, korean) => {
		expect(relativeTime('en-US', ms, 'now')).toBe(english);
		expect(relativeTime('ko-KR', ms, '지금')).toBe(korean);
		expect(en.review.relative({ ms })).toBe(english);
		expect(ko.review.relative({ ms })).toBe(korean);
	});
});

describe('review lines elsewhere', () => {
	it('tells a member who answered wrong that the concept is in the review queue', () => {
		expect(renderQueued(new Date(NOW.getTime() + DAY_MS), NOW, en)).toBe(
			'🔁 In your review queue: `/review` asks about it again tomorrow.',
		);
		expect(renderQueued(new Date(NOW.getTime() + DAY_MS), NOW, ko)).toBe(
			'🔁 복습 목록에 넣었습니다: 내일 `/review`에서 다시 나옵니다.',
		);
	});

	it('shows due reviews, retention and the reminder in /stats', () => {
		const overview = {
			due: 2,
			cards: 5,
			nextDueAt: null,
			retention: { recalled: 17, reviewed: 20 },
			remindOn: true,
		};
		expect(renderStudyField(overview, NOW, en)).toEqual({
			name: '🔁 Reviews',
			value: '**Due now:** 2 of 5 cards\n**Retention (30 days):** 85% (17/20 recalled)\n**Reminder:** on',
		});
		expect(
			renderStudyField(
				{
					...overview,
					due: 0,
					nextDueAt: new Date(NOW.getTime() + 3 * DAY_MS),
					retention: { recalled: 0, reviewed: 0 },
				},
				NOW,
				ko,
			),
		).toEqual({
			name: '🔁 복습',
			value:
				'**지금 복습할 카드:** 5개 중 0개\n**다음 복습:** 3일 후\n**기억률 (30일):** 아직 복습 기록 없음\n**알림:** 켜짐',
		});
		expect(renderStudyField({ ...overview, cards: 0, due: 0 }, NOW, en)).toEqual({
			name: '🔁 Reviews',
			value: 'No review cards yet.',
		});
	});

	it('links the reminder DM to the server', () => {
		expect(renderReminderDm(3, '500000000000000001', en)).toBe(
			'📚 3 reviews are due. Run `/review` in the server: https://discord.com/channels/500000000000000001\n-# Turn this reminder off with `/review remind:off`.',
		);
	});
});

describe('/mydata export', () => {
	it('describes the attached files, and offers the Anki deck only when something was missed', () => {
		const study = emptyStudy('1', '2');
		study.cards['os#fork'] = {
			fsrs: rateCard(newCard(NOW), 1, NOW),
			term: 'fork',
			back: 'copies a process',
			topic: 'Processes',
			answered: 1,
			missed: 1,
		};
		study.answers.push({
			at: NOW.toISOString(),
			source: 'daily',
			date: '2026-12-01',
			questionId: 'tm-fork',
			conceptId: 'os#fork',
			topic: 'Processes',
			kind: 'term',
			correct: false,
			rating: 1,
			cardState: 'new',
		});
		const english = renderExport(study, 'Study Hall', en);
		expect(english.content).toBe(
			[
				'📦 Your study data in this server: 1 answer and 1 review card.',
				'• `answers.csv`: your answers, newest 5,000 kept (opens in any spreadsheet app)',
				'• `cards.csv`: your review cards and when each is due',
				'• `missed-concepts.txt`: the concept you missed, as an Anki deck (in Anki: File › Import)',
			].join('\n'),
		);
		expect(english.files.map((file) => file.name)).toEqual([
			EXPORT_FILES.answers,
			EXPORT_FILES.cards,
			EXPORT_FILES.missedDeck,
		]);
		expect(english.files[2]?.attachment.toString('utf8')).toContain('#deck:Study Hall::Missed concepts\n');
		const korean = renderExport(study, '스터디', ko);
		expect(korean.files[2]?.attachment.toString('utf8')).toContain('#deck:스터디::틀린 개념\n');
		const card = study.cards['os#fork'];
		if (card !== undefined) card.missed = 0;
		expect(renderExport(study, 'Study Hall', ko).content.split('\n').at(-1)).toBe(
			'아직 틀린 개념이 없어서 Anki 덱은 없습니다.',
		);
		expect(renderExport(undefined, 'Study Hall', en)).toEqual({
			content: 'I keep no study data about you in this server.',
			files: [],
		});
	});
});
