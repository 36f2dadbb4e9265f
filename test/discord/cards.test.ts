import path from 'node:path';
import type { APIEmbed } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import {
	autocompleteChoices,
	type CardMessage,
	cardPages,
	renderExplainCard,
	renderSearchResults,
} from '../../src/discord/cards.ts';
import { decodeCustomId } from '../../src/discord/custom-id.ts';
import { LIMITS } from '../../src/discord/text.ts';
import { messagesIn } from '../../src/i18n/messages.ts';
import { buildLibrary, type Library } from '../../src/library.ts';
import type { Concept } from '../../src/notes/concept.ts';
import { loadNotes } from '../../src/notes/load.ts';
import { CORPUS_DIR, corpusAvailable } from '../support/corpus.ts';

const EN = messagesIn('en');

function embedLength(embed: APIEmbed): number {
	return (
		(embed.title?.length ?? 0) +
		(embed.description?.length ?? 0) +
		(embed.footer?.text.length ?? 0) +
		(embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
	);
}

/** Every limit Discord enforces on a message we send; returns the broken ones. */
function limitViolations(message: CardMessage): string[] {
	const broken: string[] = [];
	if ((message.content?.length ?? 0) > LIMITS.content) broken.push('content');
	for (const embed of message.embeds) {
		if ((embed.title?.length ?? 0) > LIMITS.embedTitle) broken.push('title');
		if ((embed.description?.length ?? 0) > LIMITS.embedDescription) broken.push('description');
		if ((embed.footer?.text.length ?? 0) > LIMITS.embedFooter) broken.push('footer');
		for (const field of embed.fields ?? []) if (field.value.length > LIMITS.embedFieldValue) broken.push('field');
		if (embedLength(embed) > LIMITS.embedTotal) broken.push('total');
	}
	if (message.components.length > 5) broken.push('rows');
	for (const row of message.components) {
		if (row.components.length > LIMITS.buttonsPerRow) broken.push('buttons per row');
		for (const button of row.components) {
			if ('label' in button && (button.label?.length ?? 0) > LIMITS.buttonLabel) broken.push('label');
			if (
				'custom_id' in button &&
				(button.custom_id.length > LIMITS.customId || decodeCustomId(button.custom_id) === null)
			)
				broken.push('custom_id');
		}
	}
	return broken;
}

function checkEveryCard(library: Library): string[] {
	const broken: string[] = [];
	for (const concept of library.index.all()) {
		const pages = cardPages(concept).length;
		for (let page = 0; page < pages; page++) {
			for (const problem of limitViolations(renderExplainCard(library, concept, EN, page)))
				broken.push(`${concept.id} p${page}: ${problem}`);
		}
	}
	return broken;
}

const concept = (overrides: Partial<Concept>): Concept => ({
	id: 'n#x',
	title: 'X',
	aliases: [],
	definition: '',
	body: '',
	source: { file: 'n.md', headingPath: ['X'], line: 1 },
	kind: 'section',
	parentId: null,
	childIds: [],
	relatedIds: [],
	facts: [],
	tags: [],
	...overrides,
});

describe('explain cards', () => {
	let library: Library;
	beforeAll(async () => {
		const loaded = await loadNotes(path.join(PROJECT_DIR, 'data/notes'));
		library = buildLibrary(loaded.concepts);
	});

	it('keep every card of the default notes within Discord limits', () => {
		expect(checkEveryCard(library)).toEqual([]);
	});

	it('split a very long body into pages with working Prev/Next and clamp stale page numbers', () => {
		const long = concept({
			id: 'n#long',
			title: 'Long',
			body: Array.from({ length: 300 }, (_, i) => `문장 ${i}: ${'내용 '.repeat(10)}`).join('\n\n'),
		});
		const lib = buildLibrary([long]);
		const pages = cardPages(long);
		expect(pages.length).toBeGreaterThan(2);
		const last = renderExplainCard(lib, long, EN, 999);
		expect(last.embeds[0]?.footer?.text).toBe(`n.md › X · page ${pages.length}/${pages.length}`);
		const [prev, next] = last.components[0]?.components ?? [];
		expect(prev?.disabled).toBe(false);
		expect(next?.disabled).toBe(true);
		expect(decodeCustomId(prev && 'custom_id' in prev ? prev.custom_id : '')?.args).toEqual([
			lib.keyOf('n#long'),
			String(pages.length - 2),
		]);
		expect(limitViolations(last)).toEqual([]);
	});

	it('put the definition first when the body does not already start with it', () => {
		const term = concept({ definition: 'advanced packaging tool', body: '`apt` 온라인 리포지토리에서 패키지 설치' });
		expect(renderExplainCard(buildLibrary([term]), term, EN).embeds[0]?.description).toBe(
			'advanced packaging tool\n\n`apt` 온라인 리포지토리에서 패키지 설치',
		);
	});

	it('offer autocomplete choices within 100 characters whose value names the concept by key', () => {
		const long = concept({ id: 'n#long', title: 'T'.repeat(150), aliases: ['Alias'] });
		const lib = buildLibrary([long]);
		const [choice] = autocompleteChoices(lib, [long]);
		expect(choice?.name.length).toBe(100);
		expect(choice?.value).toBe(`§${lib.keyOf('n#long')}`);
	});

	it('show nothing but a message when a search finds nothing', () => {
		expect(renderSearchResults(library, 'x', [], EN)).toEqual({
			content: 'Nothing in the notes matches “x”.',
			embeds: [],
			components: [],
			allowedMentions: { parse: [] },
		});
	});
});

if (corpusAvailable('explain cards over the corpus')) {
	describe('explain cards over the corpus', () => {
		it('keep every card of every corpus concept within Discord limits', async () => {
			const loaded = await loadNotes(CORPUS_DIR);
			expect(checkEveryCard(buildLibrary(loaded.concepts))).toEqual([]);
		});
	});
}
