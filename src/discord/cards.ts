import {
	type APIActionRowComponent,
	type APIApplicationCommandOptionChoice,
	type APIButtonComponent,
	type APIEmbed,
	type APIEmbedField,
	ButtonStyle,
	ComponentType,
} from 'discord.js';
import type { Messages } from '../i18n/messages.ts';
import type { Library } from '../library.ts';
import type { Concept, SourceRef } from '../notes/concept.ts';
import type { SearchHit } from '../search/index.ts';
import { encodeCustomId } from './custom-id.ts';
import { LIMITS, neutraliseMentions, paginate, truncate } from './text.ts';

/** A reply body as discord.js accepts it for `reply`, `update` and `editReply`; mentions never ping. */
export interface CardMessage {
	/** Always set, so that updating a message (a "did you mean" reply turning into a card) replaces its text. */
	content: string;
	embeds: APIEmbed[];
	components: APIActionRowComponent<APIButtonComponent>[];
	allowedMentions: { parse: [] };
}

/**
 * Characters of note text per card page. Discord allows 4096 in a description and 6000 per message;
 * with the title (256), the aliases and "also in" fields (2 × 512) and the footer (300), 3500 keeps every page under 6000.
 */
export const PAGE_CHARS = 3500;
const SIDE_FIELD_CHARS = 512;
const FOOTER_CHARS = 300;
const RELATED_BUTTONS = 4;
const SUGGESTION_BUTTONS = 5;
const SEARCH_RESULTS = 5;
const SNIPPET_CHARS = 140;

/** Prefix of an autocomplete choice value that names a concept by key rather than by free text. */
export const CHOICE_KEY_PREFIX = '§';

/** `file › heading › path`, the way every card and search result shows where a concept comes from. */
export function formatSource(source: SourceRef): string {
	return [source.file, ...source.headingPath].join(' › ');
}

/** The text a card pages through: the definition, then the body unless it already starts with the definition. */
export function cardText(concept: Concept): string {
	const body = concept.body.trim();
	const definition = concept.definition.trim();
	if (definition === '' || body.replace(/\s+/g, ' ').includes(definition.replace(/…$/, '').slice(0, 60))) return body;
	return body === '' ? definition : `${definition}\n\n${body}`;
}

/** The pages of a concept's card; always at least one (possibly empty) page. */
export function cardPages(concept: Concept): string[] {
	return paginate(neutraliseMentions(cardText(concept)), PAGE_CHARS);
}

/** The concepts offered as buttons under a card: explicit relations first, then children, the parent, and siblings (SELinux next to AppArmor). */
export function relatedConcepts(library: Library, concept: Concept, limit = RELATED_BUTTONS): Concept[] {
	const parent = concept.parentId === null ? undefined : library.index.get(concept.parentId);
	const ids = [
		...concept.relatedIds,
		...concept.childIds,
		...(parent === undefined ? [] : [parent.id, ...parent.childIds]),
	];
	const seen = new Set<string>([concept.id]);
	const related: Concept[] = [];
	for (const id of ids) {
		if (related.length >= limit) break;
		if (seen.has(id)) continue;
		seen.add(id);
		const found = library.index.get(id);
		if (found !== undefined) related.push(found);
	}
	return related;
}

function conceptButton(
	library: Library,
	concept: Concept,
	style: ButtonStyle.Primary | ButtonStyle.Secondary,
): APIButtonComponent {
	return {
		type: ComponentType.Button,
		style,
		label: truncate(concept.title, LIMITS.buttonLabel),
		custom_id: encodeCustomId('explain', 'open', library.keyOf(concept.id)),
	};
}

function row(buttons: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> {
	return { type: ComponentType.ActionRow, components: buttons.slice(0, LIMITS.buttonsPerRow) };
}

/**
 * The `/explain` card for one page of a concept: title, definition and body, aliases, source in the footer,
 * Prev/Next when the body needs several pages, and buttons for up to four related concepts.
 * `page` is clamped to the pages that exist, so a stale button still shows something sensible.
 */
export function renderExplainCard(
	library: Library,
	concept: Concept,
	t: Messages,
	page = 0,
	alsoIn: readonly Concept[] = [],
): CardMessage {
	const pages = cardPages(concept);
	const pageIndex = Math.min(Math.max(0, Math.trunc(page)), pages.length - 1);
	const fields: APIEmbedField[] = [];
	if (pageIndex === 0 && concept.aliases.length > 0) {
		fields.push({
			name: t.explain.alsoCalled,
			value: truncate(neutraliseMentions(concept.aliases.join(' · ')), SIDE_FIELD_CHARS),
		});
	}
	if (pageIndex === 0 && alsoIn.length > 0) {
		fields.push({
			name: t.explain.alsoIn,
			value: truncate(
				neutraliseMentions(alsoIn.map((other) => formatSource(other.source)).join('\n')),
				SIDE_FIELD_CHARS,
			),
		});
	}
	const pageNote = pages.length > 1 ? t.explain.pageNote({ page: pageIndex + 1, pages: pages.length }) : '';
	const footer = truncate(neutraliseMentions(formatSource(concept.source)), FOOTER_CHARS - pageNote.length) + pageNote;
	const embed: APIEmbed = {
		title: truncate(neutraliseMentions(concept.title), LIMITS.embedTitle),
		description: pages[pageIndex] === '' ? t.explain.emptySection : pages[pageIndex],
		footer: { text: footer },
		...(fields.length > 0 ? { fields } : {}),
	};

	const components: APIActionRowComponent<APIButtonComponent>[] = [];
	if (pages.length > 1) {
		const key = library.keyOf(concept.id);
		components.push(
			row([
				{
					type: ComponentType.Button,
					style: ButtonStyle.Secondary,
					label: t.explain.previousPage,
					custom_id: encodeCustomId('explain', 'page', key, pageIndex - 1),
					disabled: pageIndex === 0,
				},
				{
					type: ComponentType.Button,
					style: ButtonStyle.Secondary,
					label: t.explain.nextPage,
					custom_id: encodeCustomId('explain', 'page', key, pageIndex + 1),
					disabled: pageIndex === pages.length - 1,
				},
			]),
		);
	}
	const related = relatedConcepts(library, concept);
	if (related.length > 0) {
		components.push(row(related.map((other) => conceptButton(library, other, ButtonStyle.Secondary))));
	}
	return { content: '', embeds: [embed], components, allowedMentions: { parse: [] } };
}

/** The private "not found" reply, with up to five "did you mean" buttons. */
export function renderNotFound(
	library: Library,
	query: string,
	suggestions: readonly Concept[],
	t: Messages,
): CardMessage {
	const shown = suggestions.slice(0, SUGGESTION_BUTTONS);
	const quoted = truncate(neutraliseMentions(query.trim()), 100);
	const content =
		shown.length > 0 ? t.explain.notFoundSuggest({ query: quoted }) : t.explain.notFound({ query: quoted });
	return {
		content,
		embeds: [],
		components:
			shown.length > 0 ? [row(shown.map((concept) => conceptButton(library, concept, ButtonStyle.Primary)))] : [],
		allowedMentions: { parse: [] },
	};
}

/** A one-line snippet of a concept: its definition, else its first fact, else the start of its body; links shown as their text. */
export function snippet(concept: Concept, maxChars = SNIPPET_CHARS): string {
	const text = concept.definition || concept.facts[0] || concept.body;
	return truncate(
		text
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
			.replace(/\s+/g, ' ')
			.trim(),
		maxChars,
	);
}

/** The `/search` reply: the top five concepts with a snippet and source each, and a button to open each card. */
export function renderSearchResults(
	library: Library,
	query: string,
	hits: readonly SearchHit[],
	t: Messages,
): CardMessage {
	const shown = hits.slice(0, SEARCH_RESULTS);
	const quoted = truncate(neutraliseMentions(query.trim()), 200);
	if (shown.length === 0) {
		return {
			content: t.search.nothing({ query: quoted }),
			embeds: [],
			components: [],
			allowedMentions: { parse: [] },
		};
	}
	const lines = shown.map((hit, i) => {
		const text = snippet(hit.concept);
		return `**${i + 1}. ${truncate(hit.concept.title, 120)}**${text === '' ? '' : ` — ${text}`}\n*${truncate(formatSource(hit.concept.source), 200)}*`;
	});
	return {
		content: '',
		embeds: [
			{
				title: truncate(t.search.title({ query: quoted }), LIMITS.embedTitle),
				description: neutraliseMentions(lines.join('\n')),
				footer: { text: t.search.footer({ shown: shown.length, total: hits.length }) },
			},
		],
		components: [row(shown.map((hit) => conceptButton(library, hit.concept, ButtonStyle.Secondary)))],
		allowedMentions: { parse: [] },
	};
}

/** Autocomplete choices: the title (with its first alias as a hint) shown, the concept's key as the value. */
export function autocompleteChoices(
	library: Library,
	concepts: readonly Concept[],
): APIApplicationCommandOptionChoice<string>[] {
	return concepts.slice(0, LIMITS.autocompleteChoices).map((concept) => {
		const hint = concept.aliases.find((alias) => !concept.title.includes(alias));
		return {
			name: truncate(hint === undefined ? concept.title : `${concept.title} — ${hint}`, LIMITS.choiceName),
			value: `${CHOICE_KEY_PREFIX}${library.keyOf(concept.id)}`,
		};
	});
}

/** What `/explain` shows for an input: a concept (and its duplicates elsewhere), or suggestions. */
export type Resolution =
	| { readonly found: true; readonly concept: Concept; readonly alsoIn: readonly Concept[] }
	| { readonly found: false; readonly suggestions: readonly Concept[] };

/** Resolves `/explain` input: an autocomplete choice (by key), else the best search hit, else "did you mean". */
export function resolveConcept(library: Library, input: string): Resolution {
	if (input.startsWith(CHOICE_KEY_PREFIX)) {
		const concept = library.byKey(input.slice(CHOICE_KEY_PREFIX.length));
		if (concept !== undefined) return { found: true, concept, alsoIn: [] };
	}
	const [best] = library.index.search(input, { limit: 1 });
	if (best !== undefined) return { found: true, concept: best.concept, alsoIn: best.alsoIn };
	return { found: false, suggestions: library.index.suggest(input, SUGGESTION_BUTTONS) };
}
