import { UserFacingError } from '../errors.ts';
import { conceptKey } from '../library.ts';
import { normalize } from '../search/normalize.ts';
import { drawQuestions, type QuestionPool } from './generate.ts';
import type { Question } from './question.ts';

const MAX_CHOICES = 25;
const CHOICE_NAME_CHARS = 100;

/** A short key for a topic inside a custom_id; `all` for no topic. */
export function topicKey(topic: string | null): string {
	return topic === null ? 'all' : conceptKey(`topic:${topic}`);
}

/** The pool's topic that `typed` names (exactly or as the only partial match); null for none given. */
export function resolveTopic(pool: QuestionPool, typed: string | null): string | null {
	if (typed === null || typed.trim() === '') return null;
	const query = normalize(typed);
	const topics = pool.topics();
	const exact = topics.find((topic) => normalize(topic) === query);
	if (exact !== undefined) return exact;
	const partial = topics.filter((topic) => normalize(topic).includes(query));
	if (partial.length === 1 && partial[0] !== undefined) return partial[0];
	const hint = (partial.length > 0 ? partial : topics).slice(0, 5).join(', ');
	throw new UserFacingError((t) => t.quiz.unknownTopic({ typed, hint }));
}

/** Topics for autocomplete: those containing what was typed, in the pool's order. */
export function topicChoices(pool: QuestionPool, typed: string): { name: string; value: string }[] {
	const query = normalize(typed);
	return pool
		.topics()
		.filter((topic) => normalize(topic).includes(query) && topic.length <= CHOICE_NAME_CHARS)
		.slice(0, MAX_CHOICES)
		.map((topic) => ({ name: topic, value: topic }));
}

/** A practice question of the topic (any topic for null), chosen by `seed`. */
export function practiceQuestion(pool: QuestionPool, topic: string | null, seed: string): Question {
	const [question] = drawQuestions(pool, { count: 1, seed, ...(topic === null ? {} : { topic }) });
	if (question === undefined)
		throw new UserFacingError((t) => (topic === null ? t.quiz.noQuestions : t.quiz.topicWithoutQuestions({ topic })));
	return question;
}
