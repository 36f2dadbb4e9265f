/** The languages the bot writes in. Every message exists in each of them (`src/i18n/messages.ts`). */
export const LANGS = ['en', 'ko'] as const;
export type Lang = (typeof LANGS)[number];

/** The language for `fallback`: English, for any locale without its own messages. */
export const FALLBACK_LANG: Lang = 'en';

/**
 * The language of a Discord locale (`interaction.locale`, `guild.preferredLocale`, e.g. `ko`, `en-US`, `de`); Korean
 * for Korean, English for everything else and for no locale at all.
 */
export function langOf(locale: string | null | undefined): Lang {
	if (typeof locale !== 'string') return FALLBACK_LANG;
	const base = locale.toLowerCase().split('-')[0];
	return LANGS.find((lang) => lang === base) ?? FALLBACK_LANG;
}

/** The BCP 47 tag numbers and dates are formatted with in a language. */
export function numberLocale(lang: Lang): string {
	return lang === 'ko' ? 'ko-KR' : 'en-US';
}
