/** Points for a correct answer to the daily question. */
export const POINTS_PER_CORRECT = 10;
/** Extra points per consecutive correct daily answer before this one. */
export const STREAK_BONUS_PER_DAY = 2;
/** The streak bonus stops growing here (reached on the sixth correct day in a row). */
export const MAX_STREAK_BONUS = 10;

/**
 * Points for a correct daily answer when it makes a streak of `streak` consecutive correct daily answers
 * (1 = no streak yet): 10, 12, 14, 16, 18, 20, 20, …
 */
export function pointsFor(streak: number): number {
	return POINTS_PER_CORRECT + Math.min(MAX_STREAK_BONUS, STREAK_BONUS_PER_DAY * Math.max(0, streak - 1));
}
