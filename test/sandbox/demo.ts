import { PermissionFlagsBits } from 'discord-api-types/v10';
import { PROJECT_DIR } from '../../src/config.ts';
import type { QuestionPool } from '../../src/quiz/generate.ts';
import type { Question } from '../../src/quiz/question.ts';
import { pickQuestion } from '../../src/quiz/schedule.ts';
import { ReviewStore } from '../../src/review/store.ts';
import type { ClosedQuestion } from '../../src/scores/book.ts';
import { conceptLabel } from '../../src/scores/server.ts';
import { ScoreStore } from '../../src/scores/store.ts';
import { GroupCommitter } from '../../src/store/commit.ts';
import { openKeyv } from '../../src/store/keyv.ts';
import { addDays, type LocalDate, zonedInstant } from '../../src/time/zone.ts';
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
 * Past daily questions of the demo server, oldest first, the last one yesterday: who answered, in answer order, and
 * whether right. Points and review cards only come from closed questions, which a session of the sandbox never sees
 * (a question closes a day after it is posted), so without these `/leaderboard`, `/stats` and `/review` would have
 * nothing to show. `student` missed the one of two days ago, so a card of theirs is due today.
 */
export const HISTORY: readonly Readonly<Record<string, boolean>>[] = [
	{ student: true, classmate: true, minji: false },
	{ student: true, classmate: false, minji: true, jun: true },
	{ student: false, classmate: true, minji: true, jun: true },
	{ student: true, classmate: true, minji: true },
];

/** When the past questions were posted, in the server's zone (the time `:daily` sets up). */
const POSTED_AT = { hour: 9, minute: 0 } as const;

/** Minutes after `POSTED_AT` the first answer came in, and between answers. */
const FIRST_ANSWER_MINUTES = 5;
const ANSWER_GAP_MINUTES = 12;

/** One past daily question: what was scored when it closed, the question the notes gave, when each member answered. */
export interface PastDaily {
	readonly closed: ClosedQuestion;
	/** Null when the notes give no question (no review card then). */
	readonly question: Question | null;
	/** By user id. */
	readonly answeredAt: Readonly<Record<string, Date>>;
}

/**
 * `HISTORY` dated back from `today`: topics taken in turn from the pool's, and each day a question of that day's
 * topic, picked the way the bot picks the daily question (seeded by server and date) among those about a concept the
 * history has not asked about yet (while the topic has one), so each day's answers start cards of their own. Members
 * answered in turn from a few minutes after `POSTED_AT`, on the day, in `zone`.
 */
export function historyQuestions(
	today: LocalDate,
	userIds: ReadonlyMap<string, string>,
	pool: Pick<QuestionPool, 'questions' | 'topics'>,
	where: { readonly guildId: string; readonly zone: string },
): PastDaily[] {
	const topics = pool.topics();
	const asked = new Set<string>();
	return HISTORY.map((answers, i) => {
		const date = addDays(today, i - HISTORY.length);
		const topic = topics[i % Math.max(1, topics.length)] ?? 'Demo';
		const ofTopic = pool.questions.filter((question) => question.topic === topic);
		const fresh = ofTopic.filter((question) => !asked.has(question.conceptId));
		const question = pickQuestion(fresh.length > 0 ? fresh : ofTopic, [], `${where.guildId}:${date}`)?.question ?? null;
		if (question !== null) asked.add(question.conceptId);
		const entries = Object.entries(answers).map(([username, correct]) => ({
			userId: userIds.get(username) ?? username,
			correct,
		}));
		return {
			closed: {
				date,
				topic,
				...(question === null
					? {}
					: {
							concept: { id: question.conceptId, label: conceptLabel(question.conceptId, question.source.headingPath) },
						}),
				answers: entries,
			},
			question,
			answeredAt: Object.fromEntries(
				entries.map(({ userId }, k) => [
					userId,
					zonedInstant(
						date,
						{ hour: POSTED_AT.hour, minute: POSTED_AT.minute + FIRST_ANSWER_MINUTES + k * ANSWER_GAP_MINUTES },
						where.zone,
					),
				]),
			),
		};
	});
}

/**
 * Writes `history` into the store the bot will open, the way the bot does when a daily question closes: the scores
 * first, then each answer on the member's review card (rated at the time it was given). `termOf` names a concept as
 * the bot does (its title in the notes).
 */
export async function seedHistory(
	storeUrl: string,
	guildId: string,
	history: readonly PastDaily[],
	termOf: (conceptId: string) => string,
): Promise<void> {
	const store = await openKeyv(storeUrl, PROJECT_DIR);
	try {
		const committer = new GroupCommitter(store.keyv, store.lock);
		const scores = new ScoreStore(store.keyv, committer);
		const review = new ReviewStore(store.keyv, committer);
		for (const { closed, question, answeredAt } of history) {
			await scores.fold(guildId, closed, await scores.awardsFor(guildId, closed));
			if (question === null) continue;
			for (const { userId, correct } of closed.answers) {
				await review.recordAnswer(guildId, userId, {
					question,
					term: termOf(question.conceptId),
					correct,
					source: 'daily',
					date: closed.date,
					at: answeredAt[userId] ?? new Date(`${closed.date}T00:00:00Z`),
				});
			}
		}
	} finally {
		await store.close();
	}
}
