import { describe, expect, it } from 'vitest';
import {
	FSRS_PARAMETERS,
	fromStoredCard,
	isDue,
	newCard,
	type ReviewRating,
	rateCard,
	ratingOfChoice,
	type StoredCard,
	toStoredCard,
} from '../../src/review/card.ts';

const NOW = new Date('2026-12-01T00:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;

describe('review cards on FSRS', () => {
	it('uses exact schedules: no fuzz, no minute steps, retention 0.9', () => {
		expect(FSRS_PARAMETERS.enable_fuzz).toBe(false);
		expect(FSRS_PARAMETERS.enable_short_term).toBe(false);
		expect(FSRS_PARAMETERS.request_retention).toBe(0.9);
	});

	it('starts a card due now, in state new, never rated', () => {
		expect(newCard(NOW)).toEqual({
			due: '2026-12-01T00:00:00.000Z',
			stability: 0,
			difficulty: 0,
			scheduledDays: 0,
			learningSteps: 0,
			reps: 0,
			lapses: 0,
			state: 'new',
			lastReview: null,
		});
	});

	it.each([
		[1, '2026-12-02T00:00:00.000Z', 1],
		[2, '2026-12-03T00:00:00.000Z', 2],
		[3, '2026-12-04T00:00:00.000Z', 3],
		[4, '2026-12-09T00:00:00.000Z', 8],
	] as const)('schedules a new card rated %i for %s (%i days)', (rating, due, days) => {
		const card = rateCard(newCard(NOW), rating, NOW);
		expect(card.due).toBe(due);
		expect(card.scheduledDays).toBe(days);
		expect(card.state).toBe('review');
		expect(card.reps).toBe(1);
		expect(card.lastReview).toBe('2026-12-01T00:00:00.000Z');
	});

	it('gives the exact stability FSRS-6 starts a Good card with, and 14 days after a second Good on time', () => {
		const first = rateCard(newCard(NOW), 3, NOW);
		expect(first.stability).toBe(2.3065);
		const second = rateCard(first, 3, new Date(first.due));
		expect(second.due).toBe('2026-12-18T00:00:00.000Z');
		expect(second.scheduledDays).toBe(14);
	});

	it('pushes the due date later after a right answer than after a wrong one', () => {
		const right = rateCard(newCard(NOW), ratingOfChoice(true), NOW);
		const wrong = rateCard(newCard(NOW), ratingOfChoice(false), NOW);
		expect(ratingOfChoice(true)).toBe(3);
		expect(ratingOfChoice(false)).toBe(1);
		expect(Date.parse(right.due) - NOW.getTime()).toBe(3 * DAY_MS);
		expect(Date.parse(wrong.due) - NOW.getTime()).toBe(1 * DAY_MS);
	});

	it('counts a lapse when a card in review is forgotten', () => {
		const learned = rateCard(newCard(NOW), 3, NOW);
		const forgotten = rateCard(learned, 1, new Date(learned.due));
		expect(forgotten.lapses).toBe(1);
		expect(forgotten.due).toBe('2026-12-05T00:00:00.000Z');
	});

	it('rates a late-recorded answer at the last rating, so the history never runs backwards', () => {
		const rated = rateCard(newCard(NOW), 3, NOW);
		const late = rateCard(rated, 1, new Date(NOW.getTime() - DAY_MS));
		expect(late.lastReview).toBe('2026-12-01T00:00:00.000Z');
		expect(late).toEqual(rateCard(rated, 1, NOW));
	});

	it('round-trips between the stored card and the ts-fsrs card', () => {
		let stored: StoredCard = newCard(NOW);
		const ratings: ReviewRating[] = [3, 1, 2, 4];
		for (const rating of ratings) {
			stored = rateCard(stored, rating, new Date(stored.due));
			expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
			expect(toStoredCard(fromStoredCard(stored))).toEqual(stored);
		}
		const card = fromStoredCard(stored);
		expect(card.due).toEqual(new Date(stored.due));
		expect(card.last_review).toEqual(new Date(stored.lastReview ?? ''));
		expect(card.reps).toBe(4);
		expect(fromStoredCard(newCard(NOW)).last_review).toBeUndefined();
	});

	it('is due from its due instant on', () => {
		const card = rateCard(newCard(NOW), 1, NOW);
		expect(isDue(card, new Date('2026-12-01T23:59:59.999Z'))).toBe(false);
		expect(isDue(card, new Date('2026-12-02T00:00:00.000Z'))).toBe(true);
	});
});
