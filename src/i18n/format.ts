import { type Lang, numberLocale } from './locale.ts';

/** Formats counts and points the way a language writes them (`1,234` in both English and Korean). */
export function numberIn(lang: Lang): (value: number) => string {
	const locale = numberLocale(lang);
	return (value) => value.toLocaleString(locale);
}
