/**
 * Spaced review on FSRS (`ts-fsrs`), with parameters fixed for the whole bot so that every schedule is exact and
 * repeatable: no fuzz (the same answers at the same times give the same due dates), the default desired retention
 * (0.9), and no short-term (minute-long) learning steps. Members review once a day at most, prompted by a daily
 * reminder, so every interval is whole days: a first wrong answer comes back the next day, a first right one after a
 * few days.
 */
import {
	type Card,
	createEmptyCard,
	type FSRSParameters,
	fsrs,
	type Grade,
	generatorParameters,
	Rating,
	State,
} from 'ts-fsrs';

/** The scheduler's fixed parameters. */
export const FSRS_PARAMETERS: Readonly<FSRSParameters> = Object.freeze(
	generatorParameters({ enable_fuzz: false, enable_short_term: false, request_retention: 0.9 }),
);

const scheduler = fsrs(FSRS_PARAMETERS);

/** How a member rated their recall: FSRS's Again (1), Hard (2), Good (3), Easy (4). */
export type ReviewRating = 1 | 2 | 3 | 4;

export const RATINGS: readonly ReviewRating[] = [1, 2, 3, 4];
export const AGAIN: ReviewRating = Rating.Again;
export const GOOD: ReviewRating = Rating.Good;

/** Where a card stands, as FSRS names its states. */
export type CardState = 'new' | 'learning' | 'review' | 'relearning';

const STATE_NAMES: Record<State, CardState> = {
	[State.New]: 'new',
	[State.Learning]: 'learning',
	[State.Review]: 'review',
	[State.Relearning]: 'relearning',
};
const STATES_BY_NAME: Record<CardState, State> = {
	new: State.New,
	learning: State.Learning,
	review: State.Review,
	relearning: State.Relearning,
};
export const CARD_STATES: readonly CardState[] = ['new', 'learning', 'review', 'relearning'];

/** An FSRS card as it is stored: JSON only, dates as ISO 8601 strings. */
export interface StoredCard {
	readonly due: string;
	readonly stability: number;
	readonly difficulty: number;
	readonly scheduledDays: number;
	readonly learningSteps: number;
	readonly reps: number;
	readonly lapses: number;
	readonly state: CardState;
	/** When it was last rated; null for a card never rated. */
	readonly lastReview: string | null;
}

/** The stored form of a ts-fsrs card. */
export function toStoredCard(card: Card): StoredCard {
	return {
		due: card.due.toISOString(),
		stability: card.stability,
		difficulty: card.difficulty,
		scheduledDays: card.scheduled_days,
		learningSteps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: STATE_NAMES[card.state],
		lastReview: card.last_review === undefined ? null : card.last_review.toISOString(),
	};
}

/** The ts-fsrs card of a stored one. `elapsed_days` (deprecated in ts-fsrs) is worked out from the dates. */
export function fromStoredCard(stored: StoredCard): Card {
	const due = new Date(stored.due);
	const lastReview = stored.lastReview === null ? undefined : new Date(stored.lastReview);
	const card: Card = {
		due,
		stability: stored.stability,
		difficulty: stored.difficulty,
		elapsed_days: 0,
		scheduled_days: stored.scheduledDays,
		learning_steps: stored.learningSteps,
		reps: stored.reps,
		lapses: stored.lapses,
		state: STATES_BY_NAME[stored.state],
	};
	if (lastReview !== undefined) card.last_review = lastReview;
	return card;
}

/** A card never rated, due at `now`. */
export function newCard(now: Date): StoredCard {
	return toStoredCard(createEmptyCard(now));
}

/**
 * The card after a rating at `now`. A rating earlier than the card's last one (an answer recorded late) counts as
 * given at the last one, so a card's history never runs backwards.
 */
export function rateCard(card: StoredCard, rating: ReviewRating, now: Date): StoredCard {
	const last = card.lastReview === null ? Number.NEGATIVE_INFINITY : Date.parse(card.lastReview);
	const at = now.getTime() < last ? new Date(last) : now;
	return toStoredCard(scheduler.next(fromStoredCard(card), at, rating as Grade).card);
}

/**
 * When a concept missed at `at` comes back for review: a new card rated Again. A daily answer's card is made when the
 * question closes, but from the answer's time, so the feedback can say when at the moment of the click.
 */
export function missedDueAt(at: Date): Date {
	return new Date(rateCard(newCard(at), AGAIN, at).due);
}

/** The rating a multiple-choice answer gives: Good when right, Again when wrong. */
export function ratingOfChoice(correct: boolean): ReviewRating {
	return correct ? GOOD : AGAIN;
}

/** Whether a rating counts as recalled (anything but Again). */
export function recalled(rating: ReviewRating): boolean {
	return rating !== AGAIN;
}

/** Whether the card is due at `now`. */
export function isDue(card: StoredCard, now: Date): boolean {
	return Date.parse(card.due) <= now.getTime();
}
