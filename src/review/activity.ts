import type { MemberChartDay } from '../charts/member.ts';
import { addDays, localDateOf } from '../time/zone.ts';
import type { MemberStudy } from './records.ts';

/** Days a member's `/stats` chart covers, ending today. */
export const ACTIVITY_DAYS = 30;

/**
 * A member's answers per local day of `zone`, for the `days` dates ending `today`, oldest first, zeros for idle days:
 * `answered`/`correct` count graded answers (daily, practice and multiple-choice reviews), `reviews` every `/review`
 * answer, self-rated flashcards included.
 */
export function memberActivity(
	study: MemberStudy | undefined,
	zone: string,
	today: string,
	days = ACTIVITY_DAYS,
): MemberChartDay[] {
	const first = addDays(today, -(days - 1));
	const byDate = new Map<string, { answered: number; correct: number; reviews: number }>();
	for (let back = days - 1; back >= 0; back--)
		byDate.set(addDays(today, -back), { answered: 0, correct: 0, reviews: 0 });
	for (const answer of study?.answers ?? []) {
		const date = localDateOf(new Date(answer.at), zone);
		if (date < first || date > today) continue;
		const day = byDate.get(date);
		if (day === undefined) continue;
		if (answer.source === 'review') day.reviews += 1;
		if (answer.correct !== null) {
			day.answered += 1;
			if (answer.correct) day.correct += 1;
		}
	}
	return [...byDate].map(([date, day]) => ({ date, ...day }));
}
