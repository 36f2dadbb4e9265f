import { fallbackMessages, type Messages } from '../i18n/messages.ts';
import { unformat } from '../i18n/unformat.ts';
import type { Question } from './question.ts';

/** The wording questions are made and stored with: English, whoever reads them later. */
export const STORED_WORDING = fallbackMessages().questions;

type Wording = Messages['questions'];

/** One line the generator writes from a template: how to find its values in the stored English and write it again. */
type Line = (line: string, t: Wording) => string | null;

function template<K extends string>(
	pick: (wording: Wording) => (values: Record<K, string>) => string,
	keys: readonly K[],
	options: { prefix?: boolean } = {},
): Line {
	return (line, t) => {
		const found = unformat(line, pick(STORED_WORDING), keys, options);
		return found === null ? null : `${pick(t)(found.values)}${found.rest}`;
	};
}

const LINES: readonly Line[] = [
	(line, t) => (line === STORED_WORDING.term ? t.term : null),
	template((w) => w.termFrom, ['context']),
	template((w) => w.definition, ['term']),
	template((w) => w.acronym, ['short']),
	template((w) => w.expansion, ['expansion']),
	template((w) => w.appliesTo, ['subject']),
	template((w) => w.trueOrFalse, ['subject']),
	template((w) => w.standsFor, ['short', 'expansion'], { prefix: true }),
	template((w) => w.otherOptions, ['subjects']),
	template((w) => w.isTrue, ['subject']),
	template((w) => w.isFalse, ['owner', 'subject']),
];

/** A stored question text with its generated lines in the language of `t`; note text and quotes stay as they are. */
function reword(text: string, t: Messages): string {
	if (t.questions === STORED_WORDING) return text;
	return text
		.split('\n')
		.map((line) => {
			if (line.startsWith('>')) return line;
			for (const reworded of LINES) {
				const result = reworded(line, t.questions);
				if (result !== null) return result;
			}
			return line;
		})
		.join('\n');
}

/** What a question asks, in the reader's language (the quoted note text stays as written). */
export function stemIn(question: Question, t: Messages): string {
	return reword(question.stem, t);
}

/** Why the answer is right, in the reader's language (the note text it quotes stays as written). */
export function explanationIn(question: Question, t: Messages): string {
	return reword(question.explanation, t);
}
