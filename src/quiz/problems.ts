import { fallbackMessages, type Messages } from '../i18n/messages.ts';
import { unformat } from '../i18n/unformat.ts';

/**
 * Why posting a daily question went wrong, as it is stored on the post (`failure`) and the server's state
 * (`lastError`): in English, so a record reads the same whoever looks at it, and shown in the reader's language by
 * `describeProblem`.
 */
export const STORED_PROBLEMS = fallbackMessages().daily.problems;

type Problems = Messages['daily']['problems'];
type FixedProblem = { [K in keyof Problems]: Problems[K] extends string ? K : never }[keyof Problems];

const FIXED: readonly FixedProblem[] = ['channelGone', 'noAccess', 'noPermission', 'notSentInTime', 'noQuestions'];

/**
 * A stored problem in the language of `t`. Texts written by an older version of the bot, and the error messages of
 * Discord or the network inside them, are shown as they are.
 */
export function describeProblem(stored: string, t: Messages): string {
	const problems = t.daily.problems;
	for (const key of FIXED) if (stored === STORED_PROBLEMS[key]) return problems[key];
	const retry = unformat(stored, STORED_PROBLEMS.willRetry, ['error']);
	if (retry !== null) return problems.willRetry(retry.values);
	const notPosted = unformat(stored, STORED_PROBLEMS.notPosted, ['date', 'reason']);
	if (notPosted !== null)
		return problems.notPosted({ date: notPosted.values.date, reason: describeProblem(notPosted.values.reason, t) });
	return stored;
}
