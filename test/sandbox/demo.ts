import { PermissionFlagsBits } from 'discord-api-types/v10';
import { PROJECT_DIR } from '../../src/config.ts';
import type { ClosedQuestion } from '../../src/scores/book.ts';
import { ScoreStore } from '../../src/scores/store.ts';
import { GroupCommitter } from '../../src/store/commit.ts';
import { openKeyv } from '../../src/store/keyv.ts';
import { addDays, type LocalDate } from '../../src/time/zone.ts';
import type { MemberSeed } from '../fakes/discord/index.ts';

/** The demo server's text channels; commands are run in the first. */
export const CHANNELS = ['study', 'general'] as const;

/** `student` manages the server, so the `/daily` commands (Manage Server) work for them; the others are members. */
export const MEMBERS: readonly (MemberSeed & { readonly username: string })[] = [
	{ username: 'student', permissions: PermissionFlagsBits.ManageGuild },
	{ username: 'classmate' },
	{ username: 'minji' },
	{ username: 'jun' },
];

/** The member whose Manage Server permission `:daily` uses. */
export const ADMIN = 'student';

/**
 * Past daily questions of the demo server, oldest first, the last one yesterday: who answered, and whether right.
 * Points only come from closed questions, which a session of the sandbox never sees (a question closes a day after
 * it is posted), so without these `/leaderboard` and `/stats` would have nothing to show.
 */
export const HISTORY: readonly Readonly<Record<string, boolean>>[] = [
	{ student: true, classmate: true, minji: false },
	{ student: true, classmate: false, minji: true, jun: true },
	{ student: false, classmate: true, minji: true, jun: true },
	{ student: true, classmate: true, minji: true },
];

/** The closed questions of `HISTORY`, dated back from `today`; topics taken in turn from `topics`. */
export function historyQuestions(
	today: LocalDate,
	userIds: ReadonlyMap<string, string>,
	topics: readonly string[],
): ClosedQuestion[] {
	return HISTORY.map((answers, i) => ({
		date: addDays(today, i - HISTORY.length),
		topic: topics[i % Math.max(1, topics.length)] ?? 'Demo',
		answers: Object.entries(answers).map(([username, correct]) => ({
			userId: userIds.get(username) ?? username,
			correct,
		})),
	}));
}

/** Scores `questions` into the store the bot will open, the way the bot scores a closed question. */
export async function seedScores(
	storeUrl: string,
	guildId: string,
	questions: readonly ClosedQuestion[],
): Promise<void> {
	const store = await openKeyv(storeUrl, PROJECT_DIR);
	try {
		const scores = new ScoreStore(store.keyv, new GroupCommitter(store.keyv, store.lock));
		for (const question of questions) await scores.fold(guildId, question, await scores.awardsFor(guildId, question));
	} finally {
		await store.close();
	}
}
