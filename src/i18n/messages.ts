import * as charts from './charts.ts';
import * as common from './common.ts';
import * as daily from './daily.ts';
import * as explain from './explain.ts';
import { FALLBACK_LANG, type Lang, langOf } from './locale.ts';
import * as mydata from './mydata.ts';
import * as notes from './notes.ts';
import * as questions from './questions.ts';
import * as quiz from './quiz.ts';
import * as review from './review.ts';
import * as scores from './scores.ts';
import * as search from './search.ts';
import * as server from './server.ts';

/**
 * Every text the bot writes, by domain. A domain's file exports `en` and `ko: typeof en`, so the compiler refuses a
 * Korean catalog that misses a key or takes other parameters. Texts with values are functions of a parameter object.
 */
const catalogs = {
	en: {
		common: common.en,
		charts: charts.en,
		review: review.en,
		mydata: mydata.en,
		server: server.en,
		quiz: quiz.en,
		questions: questions.en,
		daily: daily.en,
		scores: scores.en,
		explain: explain.en,
		search: search.en,
		notes: notes.en,
	},
	ko: {
		common: common.ko,
		charts: charts.ko,
		review: review.ko,
		mydata: mydata.ko,
		server: server.ko,
		quiz: quiz.ko,
		questions: questions.ko,
		daily: daily.ko,
		scores: scores.ko,
		explain: explain.ko,
		search: search.ko,
		notes: notes.ko,
	},
} satisfies Record<Lang, unknown>;

export type Messages = (typeof catalogs)['en'];

/** The messages of a language. */
export function messagesIn(lang: Lang): Messages {
	return catalogs[lang];
}

/** The messages for a Discord locale (`interaction.locale`, a server's preferred locale); English when unknown. */
export function messagesFor(locale: string | null | undefined): Messages {
	return catalogs[langOf(locale)];
}

/** English, for logs and for callers without a member (the CLI). */
export function fallbackMessages(): Messages {
	return catalogs[FALLBACK_LANG];
}

/** Both catalogs, for the test that every key exists in every language. */
export function allCatalogs(): Readonly<Record<Lang, Messages>> {
	return catalogs;
}
