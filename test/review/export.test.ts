import { describe, expect, it } from 'vitest';
import { newCard, rateCard } from '../../src/review/card.ts';
import { answersCsv, cardsCsv, csvCell, EXPORT_FILES, exportFiles, missedAnkiTsv } from '../../src/review/export.ts';
import { emptyStudy, type MemberStudy } from '../../src/review/records.ts';

const T0 = new Date('2026-12-01T00:00:00.000Z');
const BOM = '\ufeff';

/**
 * An RFC 4180 reader: records end with CRLF, fields are separated by commas, a quoted field may hold commas, line
 * breaks and doubled quotes. Throws on anything else, so a sloppy writer cannot pass.
 */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let i = 0;
	const field = (): string => {
		if (text[i] !== '"') {
			let end = i;
			while (end < text.length && text[end] !== ',' && text[end] !== '\r') {
				if (text[end] === '"' || text[end] === '\n')
					throw new Error(`csv: bare ${JSON.stringify(text[end])} at ${end}`);
				end++;
			}
			const value = text.slice(i, end);
			i = end;
			return value;
		}
		let value = '';
		i++;
		for (;;) {
			if (i >= text.length) throw new Error('csv: unterminated quote');
			if (text[i] === '"') {
				if (text[i + 1] === '"') {
					value += '"';
					i += 2;
					continue;
				}
				i++;
				return value;
			}
			value += text[i];
			i++;
		}
	};
	while (i < text.length) {
		row.push(field());
		if (text[i] === ',') {
			i++;
			continue;
		}
		if (text.slice(i, i + 2) !== '\r\n') throw new Error(`csv: expected CRLF at ${i}`);
		i += 2;
		rows.push(row);
		row = [];
	}
	if (row.length > 0) throw new Error('csv: last record has no CRLF');
	return rows;
}

/** A member who answered three concepts, with text that tests quoting, formulas and Korean. */
function study(): MemberStudy {
	const record = emptyStudy('500000000000000001', '300000000000000001');
	const missedOnce = rateCard(newCard(T0), 1, T0);
	const known = rateCard(newCard(T0), 3, T0);
	record.cards = {
		'os#fork': {
			fsrs: missedOnce,
			term: '포크(fork)',
			back: '**포크(fork)**: 프로세스를 "복제"한다,\n자식은 0을 받는다',
			topic: '프로세스 관리',
			answered: 1,
			missed: 1,
		},
		'os#sum': {
			fsrs: known,
			term: '=SUM(A1:A2)',
			back: '@risk\tformula',
			topic: 'Spreadsheets',
			answered: 1,
			missed: 0,
		},
		'os#hash': {
			fsrs: rateCard(newCard(T0), 1, new Date('2026-12-01T01:00:00.000Z')),
			term: '#include',
			back: '-1 means "none"',
			topic: 'C  preprocessor',
			answered: 2,
			missed: 1,
		},
	};
	record.answers = [
		{
			at: '2026-12-01T00:00:00.000Z',
			source: 'daily',
			date: '2026-12-01',
			questionId: 'tm-fork',
			conceptId: 'os#fork',
			topic: '프로세스 관리',
			kind: 'term',
			correct: false,
			rating: 1,
			cardState: 'new',
		},
		{
			at: '2026-12-01T00:00:00.000Z',
			source: 'practice',
			date: null,
			questionId: 'tf-sum',
			conceptId: 'os#sum',
			topic: '+plus, "quoted"',
			kind: 'true-false',
			correct: true,
			rating: 3,
			cardState: 'new',
		},
		{
			at: '2026-12-02T00:00:00.000Z',
			source: 'review',
			date: null,
			questionId: 'df-hash',
			conceptId: 'os#hash',
			topic: 'C  preprocessor',
			kind: 'definition',
			correct: null,
			rating: 2,
			cardState: 'review',
		},
	];
	return record;
}

describe('CSV cells', () => {
	it.each([
		['plain', 'plain'],
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['two\nlines', '"two\nlines"'],
		['=1+1', "'=1+1"],
		['+82 10', "'+82 10"],
		['-5', "'-5"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tTab', "'\tTab"],
		['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
		['한국어', '한국어'],
		['', ''],
	])('writes %j as %j', (value, cell) => {
		expect(csvCell(value)).toBe(cell);
	});
});

describe('answers.csv', () => {
	it('starts with a byte order mark and reads back as the exact rows, formulas guarded', () => {
		const text = answersCsv(study());
		expect(text.startsWith(BOM)).toBe(true);
		expect(text.endsWith('\r\n')).toBe(true);
		expect(parseCsv(text.slice(1))).toEqual([
			[
				'answered_at',
				'source',
				'daily_date',
				'question_id',
				'concept_id',
				'term',
				'topic',
				'kind',
				'correct',
				'rating',
				'card_state_before',
			],
			[
				'2026-12-01T00:00:00.000Z',
				'daily',
				'2026-12-01',
				'tm-fork',
				'os#fork',
				'포크(fork)',
				'프로세스 관리',
				'term',
				'false',
				'again',
				'new',
			],
			[
				'2026-12-01T00:00:00.000Z',
				'practice',
				'',
				'tf-sum',
				'os#sum',
				"'=SUM(A1:A2)",
				'\'+plus, "quoted"',
				'true-false',
				'true',
				'good',
				'new',
			],
			[
				'2026-12-02T00:00:00.000Z',
				'review',
				'',
				'df-hash',
				'os#hash',
				'#include',
				'C  preprocessor',
				'definition',
				'',
				'hard',
				'review',
			],
		]);
	});

	it('is the header alone for a member without answers', () => {
		expect(answersCsv(emptyStudy('1', '2'))).toBe(
			`${BOM}answered_at,source,daily_date,question_id,concept_id,term,topic,kind,correct,rating,card_state_before\r\n`,
		);
	});
});

describe('cards.csv', () => {
	it('lists every card, the soonest due first, with the exact scheduler figures', () => {
		const text = cardsCsv(study());
		expect(text.startsWith(BOM)).toBe(true);
		const rows = parseCsv(text.slice(1));
		expect(rows[0]).toEqual([
			'concept_id',
			'term',
			'topic',
			'back',
			'due',
			'state',
			'last_review',
			'stability_days',
			'difficulty',
			'reviews',
			'lapses',
			'answered',
			'missed',
		]);
		const fork = rateCard(newCard(T0), 1, T0);
		expect(rows.slice(1)).toEqual([
			[
				'os#fork',
				'포크(fork)',
				'프로세스 관리',
				'**포크(fork)**: 프로세스를 "복제"한다,\n자식은 0을 받는다',
				'2026-12-02T00:00:00.000Z',
				'review',
				'2026-12-01T00:00:00.000Z',
				String(fork.stability),
				String(fork.difficulty),
				'1',
				'0',
				'1',
				'1',
			],
			[
				'os#hash',
				'#include',
				'C  preprocessor',
				'\'-1 means "none"',
				'2026-12-02T01:00:00.000Z',
				'review',
				'2026-12-01T01:00:00.000Z',
				String(fork.stability),
				String(fork.difficulty),
				'1',
				'0',
				'2',
				'1',
			],
			[
				'os#sum',
				"'=SUM(A1:A2)",
				'Spreadsheets',
				"'@risk\tformula",
				'2026-12-04T00:00:00.000Z',
				'review',
				'2026-12-01T00:00:00.000Z',
				'2.3065',
				String(rateCard(newCard(T0), 3, T0).difficulty),
				'1',
				'0',
				'1',
				'0',
			],
		]);
	});
});

describe('the Anki deck of missed concepts', () => {
	it('has the import headers and one Basic note per missed concept, no field breaking its row', () => {
		expect(missedAnkiTsv(study(), 'Study Hall::Missed\tconcepts\n')).toBe(
			[
				'#separator:tab',
				'#html:false',
				'#notetype:Basic',
				'#deck:Study Hall::Missed concepts',
				'#tags column:3',
				'"#include"\t"-1 means ""none"""\tC_preprocessor',
				'포크(fork)\t"포크(fork): 프로세스를 ""복제""한다, / 자식은 0을 받는다"\t프로세스_관리',
				'',
			].join('\n'),
		);
	});

	it('keeps every line to three tab-separated fields', () => {
		const lines = missedAnkiTsv(study(), 'deck').trimEnd().split('\n');
		const notes = lines.filter((line) => !line.startsWith('#'));
		expect(notes).toHaveLength(2);
		expect(lines).toHaveLength(7);
		for (const line of notes) expect(line.split('\t')).toHaveLength(3);
	});

	it('has headers and no notes for a member who missed nothing', () => {
		expect(missedAnkiTsv(emptyStudy('1', '2'), '덱')).toBe(
			'#separator:tab\n#html:false\n#notetype:Basic\n#deck:덱\n#tags column:3\n',
		);
	});
});

describe('export files', () => {
	it('attaches answers and cards, and the deck only when something was missed', () => {
		const files = exportFiles(study(), 'Deck');
		expect(files.map((file) => file.name)).toEqual([EXPORT_FILES.answers, EXPORT_FILES.cards, EXPORT_FILES.missedDeck]);
		expect(files[0]?.attachment.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
		expect(files[0]?.attachment.toString('utf8')).toBe(answersCsv(study()));
		expect(files[2]?.attachment.toString('utf8')).toBe(missedAnkiTsv(study(), 'Deck'));
		const clean = study();
		for (const card of Object.values(clean.cards)) card.missed = 0;
		expect(exportFiles(clean, 'Deck').map((file) => file.name)).toEqual([EXPORT_FILES.answers, EXPORT_FILES.cards]);
	});
});
