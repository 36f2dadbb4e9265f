/**
 * `/mydata` end to end in one process: the real discord.js client, router, command handlers, daily service and stores
 * against the Discord fake, with manual time and scheduler. Members answer two scored daily questions (and an open
 * third), practise with `/quiz` and review with `/review`; `/mydata export` hands back their files, which are
 * downloaded from the fake's CDN and parsed here, and `/mydata delete` removes a member from every leaderboard,
 * `/stats`, `/review`, the export, the store and the daily posts, only after the member's own, recent confirmation.
 */
import { ButtonStyle, ComponentType, Locale, PermissionFlagsBits, Routes } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIRM_DELETE_WITHIN_MS } from '../../commands/mydata.ts';
import { type Messages, messagesIn } from '../../src/i18n/messages.ts';
import type { Question } from '../../src/quiz/question.ts';
import { dailyKeys } from '../../src/quiz/records.ts';
import { type MemberStudy, studyKeys } from '../../src/review/records.ts';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { type InProcessBot, pressButton, runCommand, startInProcessBot } from '../support/in-process-bot.ts';
import { buttonsOf } from '../support/messages.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDA.mydata-e2e.token';
const EN = messagesIn('en');
const KO = messagesIn('ko');
const EPHEMERAL = 64;
const SERVER = 'Study Hall';
const DAYS = ['2026-12-01', '2026-12-02', '2026-12-03'] as const;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const ANSWERS_HEADER = [
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
];
const CARDS_HEADER = [
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
];
const RATING_NAMES = ['', 'again', 'hard', 'good', 'easy'];

let fake: FakeDiscord;
let bot: InProcessBot;
let guildId: string;
let channelId: string;
let admin: string;
/** English client: two right daily answers (22 points), an open third, practice and a review. */
let jun: string;
/** Korean client: right then wrong (10 points). */
let minji: string;
/** English client: wrong then right (10 points). */
let sora: string;
/** English client, with nothing stored. */
let tae: string;
/** The daily posts' questions, by date. */
const asked = new Map<string, Question>();
/** Jun's answers as the scenario gave them: what the export must hold. */
const junAnswers: {
	source: string;
	date: string | null;
	questionId: string;
	correct: boolean | null;
	rating: number;
}[] = [];
/** Concepts jun answered wrong. */
const junMissed = new Set<string>();

const localeOf = (userId: string): Locale => (userId === minji ? Locale.Korean : Locale.EnglishUS);

async function command(userId: string, name: string, options: Record<string, string> = {}, subcommand?: string) {
	return runCommand(fake, {
		userId,
		guildId,
		channelId,
		name,
		options,
		locale: localeOf(userId),
		...(subcommand === undefined ? {} : { subcommand }),
	});
}

async function click(
	message: APIMessage | string,
	customId: string,
	userId: string,
	until?: (m: APIMessage) => boolean,
) {
	return pressButton(fake, { message, customId, userId, locale: localeOf(userId) }, until);
}

function question(id: string): Question {
	const found = bot.library.questions.get(id);
	if (found === undefined) throw new Error(`no question ${id} in the notes`);
	return found;
}

function termOf(conceptId: string): string {
	return bot.library.index.get(conceptId)?.title ?? conceptId;
}

/** Posts the day's question at 09:00 in Seoul (closing and scoring the day before). */
async function postDay(date: string): Promise<void> {
	bot.test.clock.set(new Date(`${date}T00:00:00.000Z`));
	await bot.test.scheduler.fire(`daily:${guildId}`);
	const post = await bot.test.ctx.daily.post(guildId, date);
	if (post?.state !== 'open') throw new Error(`no open daily post on ${date}`);
	asked.set(date, post.question);
}

/** A member answers the day's question, rightly or not; returns the feedback. */
async function answerDaily(date: string, userId: string, rightly: boolean): Promise<APIMessage> {
	const post = await bot.test.ctx.daily.post(guildId, date);
	const q = asked.get(date);
	if (post?.messageId == null || q === undefined) throw new Error(`no daily post on ${date}`);
	const choice = rightly ? q.answer : (q.answer + 1) % q.options.length;
	return (await click(post.messageId, `v1:daily:answer:${date}:${choice}`, userId)).message;
}

/** The practice question of a `/quiz` reply and the custom_id of each option. */
function practiceOf(message: APIMessage): { question: Question; idOf: (choice: number) => string } {
	const [first] = buttonsOf(message);
	const [, , , questionId = '', , topic = ''] = (first?.customId ?? '').split(':');
	return { question: question(questionId), idOf: (choice) => `v1:quiz:answer:${questionId}:${choice}:${topic}` };
}

/**
 * A `/quiz` question about none of the `avoid` concepts, asked from `from` on (a minute later for each retry, since
 * the clock seeds the pick), so the scenario's cards stay apart whichever questions the day brings.
 */
async function practiceAvoiding(userId: string, from: Date, avoid: readonly string[]) {
	for (let minute = 0; minute < 30; minute++) {
		bot.test.clock.set(new Date(from.getTime() + minute * 60_000));
		const reply = await command(userId, 'quiz');
		const practice = practiceOf(reply.message);
		if (!avoid.includes(practice.question.conceptId)) return { ...practice, message: reply.message };
	}
	throw new Error(`no practice question outside ${avoid.join(', ')} in 30 tries`);
}

/** RFC 4180: CRLF after every record, quoted fields with `""` for a quote; refuses anything else. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let i = 0;
	let atFieldStart = true;
	while (i < text.length) {
		const char = text[i];
		if (atFieldStart && char === '"') {
			i++;
			for (;;) {
				if (i >= text.length) throw new Error('csv: unterminated quoted field');
				if (text[i] === '"') {
					if (text[i + 1] === '"') {
						field += '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				field += text[i];
				i++;
			}
			if (i < text.length && text[i] !== ',' && text[i] !== '\r')
				throw new Error(`csv: text after a closing quote at ${i}`);
			atFieldStart = false;
			continue;
		}
		if (char === ',') {
			row.push(field);
			field = '';
			atFieldStart = true;
			i++;
		} else if (char === '\r') {
			if (text[i + 1] !== '\n') throw new Error(`csv: CR without LF at ${i}`);
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			atFieldStart = true;
			i += 2;
		} else if (char === '\n' || char === '"') {
			throw new Error(`csv: bare ${JSON.stringify(char)} in an unquoted field at ${i}`);
		} else {
			field += char;
			atFieldStart = false;
			i++;
		}
	}
	if (field !== '' || row.length > 0) throw new Error('csv: the last record does not end with CRLF');
	return rows;
}

/** A CSV attachment: checks the byte order mark, then parses the rest. */
function csvRows(bytes: Buffer): string[][] {
	expect(bytes.subarray(0, 3).equals(UTF8_BOM)).toBe(true);
	return parseCsv(bytes.subarray(3).toString('utf8'));
}

/** What a spreadsheet must show: a cell it would run as a formula gets a leading `'`. */
function sheetText(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function answerRows(study: MemberStudy): string[][] {
	return study.answers.map((answer) =>
		[
			answer.at,
			answer.source,
			answer.date ?? '',
			answer.questionId,
			answer.conceptId,
			study.cards[answer.conceptId]?.term ?? '',
			answer.topic,
			answer.kind,
			answer.correct === null ? '' : String(answer.correct),
			RATING_NAMES[answer.rating] ?? '',
			answer.cardState,
		].map(sheetText),
	);
}

function cardRows(study: MemberStudy): string[][] {
	return Object.entries(study.cards)
		.sort(([a, x], [b, y]) => Date.parse(x.fsrs.due) - Date.parse(y.fsrs.due) || (a < b ? -1 : 1))
		.map(([conceptId, card]) =>
			[
				conceptId,
				card.term,
				card.topic,
				card.back,
				card.fsrs.due,
				card.fsrs.state,
				card.fsrs.lastReview ?? '',
				String(card.fsrs.stability),
				String(card.fsrs.difficulty),
				String(card.fsrs.reps),
				String(card.fsrs.lapses),
				String(card.answered),
				String(card.missed),
			].map(sheetText),
		);
}

/** An Anki field as the deck must hold it: one line, no Markdown bold, quoted when it has `"` or starts with `#`. */
function ankiField(value: string): string {
	const text = value
		.replaceAll('**', '')
		.trim()
		.replace(/\s*[\r\n]+\s*/g, ' / ')
		.replaceAll('\t', ' ');
	return text.includes('"') || text.startsWith('#') ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Downloads every attachment of a message from the fake's CDN, by file name. */
async function download(message: APIMessage): Promise<Map<string, Buffer>> {
	const files = new Map<string, Buffer>();
	for (const attachment of message.attachments) {
		const response = await fetch(attachment.url);
		expect(response.status).toBe(200);
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.equals(fake.attachmentBytes(attachment))).toBe(true);
		files.set(attachment.filename, bytes);
	}
	return files;
}

function exportText(t: Messages, p: { answers: number; cards: number; missed: number }): string {
	return [
		t.mydata.exportIntro({ answers: p.answers, cards: p.cards }),
		t.mydata.exportAnswersFile({ file: 'answers.csv', max: '5,000' }),
		t.mydata.exportCardsFile({ file: 'cards.csv' }),
		p.missed > 0 ? t.mydata.exportDeckFile({ file: 'missed-concepts.txt', missed: p.missed }) : t.mydata.exportNoMissed,
	].join('\n');
}

/** The board lines of a `/leaderboard` reply, without the viewer's own line. */
async function board(viewer: string, period: 'all' | 'week' | 'month'): Promise<{ lines: string[]; own: string }> {
	const reply = await command(viewer, 'leaderboard', { period });
	const [lines = '', own = ''] = (reply.message.embeds[0]?.description ?? '').split('\n\n');
	return { lines: lines.split('\n'), own };
}

/** Everything kept about a member, to compare before and after a click that must change nothing. */
async function snapshot(userId: string) {
	const posts = await Promise.all(DAYS.map((date) => bot.test.ctx.daily.post(guildId, date)));
	return {
		study: await bot.test.ctx.review.memberData(guildId, userId),
		stats: await bot.test.ctx.scores.memberStats(guildId, userId),
		board: await bot.test.ctx.scores.leaderboard(guildId, 'all', DAYS[2], 0, userId),
		answers: posts.map((post) => post?.answers[userId]),
	};
}

/** Runs `/mydata delete` and returns the confirmation with its buttons' custom_ids. */
async function confirmation(userId: string) {
	const reply = await command(userId, 'mydata', {}, 'delete');
	const [deleteButton, cancelButton] = buttonsOf(reply.message);
	return { message: reply.message, deleteId: deleteButton?.customId ?? '', cancelId: cancelButton?.customId ?? '' };
}

beforeAll(async () => {
	fake = await FakeDiscord.start({ token: TOKEN });
	guildId = fake.addGuild({ name: SERVER, channels: [{ name: 'study' }] }).id;
	channelId = fake.channels(guildId)[0]?.id ?? '';
	admin = fake.addMember(guildId, { username: 'admin', permissions: PermissionFlagsBits.ManageGuild }).user.id;
	jun = fake.addMember(guildId, { username: 'jun' }).user.id;
	minji = fake.addMember(guildId, { username: 'minji' }).user.id;
	sora = fake.addMember(guildId, { username: 'sora' }).user.id;
	tae = fake.addMember(guildId, { username: 'tae' }).user.id;
	bot = await startInProcessBot(fake, { token: TOKEN, now: new Date('2026-11-30T12:00:00.000Z') });
	await command(admin, 'daily', { channel: channelId, time: '09:00', timezone: 'Asia/Seoul' }, 'setup');

	// Day 1: jun and minji right, sora wrong; jun practises at noon (Seoul), one wrong and one right, on other concepts.
	await postDay(DAYS[0]);
	bot.test.clock.set(new Date('2026-12-01T00:10:00.000Z'));
	await answerDaily(DAYS[0], jun, true);
	await answerDaily(DAYS[0], minji, true);
	await answerDaily(DAYS[0], sora, false);
	const day1Concept = asked.get(DAYS[0])?.conceptId ?? '';
	const first = await practiceAvoiding(jun, new Date('2026-12-01T03:00:00.000Z'), [day1Concept]);
	await click(first.message, first.idOf((first.question.answer + 1) % first.question.options.length), jun);
	junMissed.add(first.question.conceptId);
	const second = await practiceAvoiding(jun, new Date('2026-12-01T04:00:00.000Z'), [
		day1Concept,
		first.question.conceptId,
	]);
	await click(second.message, second.idOf(second.question.answer), jun);

	// Day 2 (day 1 closes and is scored): jun right, minji wrong, sora right; jun reviews the missed concept.
	await postDay(DAYS[1]);
	bot.test.clock.set(new Date('2026-12-02T00:10:00.000Z'));
	await answerDaily(DAYS[1], jun, true);
	await answerDaily(DAYS[1], minji, false);
	await answerDaily(DAYS[1], sora, true);
	bot.test.clock.set(new Date('2026-12-02T04:00:00.000Z'));
	const served = await command(jun, 'review');
	const [button] = buttonsOf(served.message);
	const [, , action = '', servedId = ''] = (button?.customId ?? '').split(':');
	if (action === 'show') {
		const back = await click(served.message, `v1:review:show:${servedId}`, jun);
		await click(back.message, `v1:review:rate:${servedId}:3`, jun);
	} else {
		await click(served.message, `v1:review:answer:${servedId}:${question(servedId).answer}`, jun);
	}

	// Day 3 (day 2 closes and is scored): only jun answers, and the question stays open.
	await postDay(DAYS[2]);
	bot.test.clock.set(new Date('2026-12-03T00:10:00.000Z'));
	await answerDaily(DAYS[2], jun, true);
	bot.test.clock.set(new Date('2026-12-03T01:00:00.000Z'));

	const day1 = asked.get(DAYS[0]);
	const day2 = asked.get(DAYS[1]);
	if (day1 === undefined || day2 === undefined) throw new Error('daily questions missing');
	// Oldest first by when each was given: a daily answer is recorded at scoring, but keeps its own time.
	junAnswers.push(
		{ source: 'daily', date: DAYS[0], questionId: day1.id, correct: true, rating: 3 },
		{ source: 'practice', date: null, questionId: first.question.id, correct: false, rating: 1 },
		{ source: 'practice', date: null, questionId: second.question.id, correct: true, rating: 3 },
		{ source: 'daily', date: DAYS[1], questionId: day2.id, correct: true, rating: 3 },
		{
			source: 'review',
			date: null,
			questionId: servedId,
			correct: action === 'show' ? null : true,
			rating: 3,
		},
	);
	expect(question(servedId).conceptId).toBe(first.question.conceptId);
}, 60_000);

afterAll(async () => {
	await bot?.stop();
	await fake?.close();
});

describe('/mydata export', () => {
	it('sends a member their answers, review cards and an Anki deck of what they missed, privately', async () => {
		const study = await bot.test.ctx.review.memberData(guildId, jun);
		if (study === undefined) throw new Error('jun has no study record');
		expect(
			study.answers.map((answer) => ({
				source: answer.source,
				date: answer.date,
				questionId: answer.questionId,
				correct: answer.correct,
				rating: answer.rating,
			})),
		).toEqual(junAnswers);

		const reply = await command(jun, 'mydata', {}, 'export');
		expect(reply.message.flags).toBe(EPHEMERAL);
		const cards = Object.keys(study.cards).length;
		expect(reply.message.content).toBe(exportText(EN, { answers: 5, cards, missed: 1 }));
		expect(reply.message.attachments.map((attachment) => attachment.filename)).toEqual([
			'answers.csv',
			'cards.csv',
			'missed-concepts.txt',
		]);
		const files = await download(reply.message);

		const answers = csvRows(files.get('answers.csv') ?? Buffer.alloc(0));
		expect(answers[0]).toEqual(ANSWERS_HEADER);
		expect(answers.slice(1)).toEqual(answerRows(study));
		expect(answers.slice(1).map((row) => [row[1], row[2], row[3], row[8], row[9]])).toEqual(
			junAnswers.map((answer) => [
				answer.source,
				answer.date ?? '',
				answer.questionId,
				answer.correct === null ? '' : String(answer.correct),
				RATING_NAMES[answer.rating],
			]),
		);
		expect(answers.slice(1).map((row) => row[5])).toEqual(
			junAnswers.map((answer) => termOf(question(answer.questionId).conceptId)),
		);

		const cardCsv = csvRows(files.get('cards.csv') ?? Buffer.alloc(0));
		expect(cardCsv[0]).toEqual(CARDS_HEADER);
		expect(cardCsv.slice(1)).toEqual(cardRows(study));
		const concepts = new Set(junAnswers.map((answer) => question(answer.questionId).conceptId));
		expect(new Set(cardCsv.slice(1).map((row) => row[0]))).toEqual(concepts);
		expect(cardCsv.slice(1).map((row) => Date.parse(row[4] ?? ''))).toEqual(
			cardCsv
				.slice(1)
				.map((row) => Date.parse(row[4] ?? ''))
				.sort((a, b) => a - b),
		);

		const deck = files.get('missed-concepts.txt') ?? Buffer.alloc(0);
		expect(deck.subarray(0, 3).equals(UTF8_BOM)).toBe(false);
		const lines = deck.toString('utf8').split('\n');
		expect(lines.at(-1)).toBe('');
		expect(lines.slice(0, 5)).toEqual([
			'#separator:tab',
			'#html:false',
			'#notetype:Basic',
			`#deck:${SERVER}::Missed concepts`,
			'#tags column:3',
		]);
		const missed = [...junMissed].sort((a, b) => (termOf(a) < termOf(b) ? -1 : 1));
		expect(lines.slice(5, -1)).toEqual(
			missed.map((conceptId) => {
				const card = study.cards[conceptId];
				return [
					ankiField(termOf(conceptId)),
					ankiField(card?.back ?? ''),
					ankiField((card?.topic ?? '').trim().replace(/\s+/gu, '_')),
				].join('\t');
			}),
		);
		expect(lines.slice(5, -1).every((line) => line.split('\t').length === 3)).toBe(true);
	});

	it('sends a Korean member the same files with Korean texts and deck name', async () => {
		const study = await bot.test.ctx.review.memberData(guildId, minji);
		if (study === undefined) throw new Error('minji has no study record');
		const reply = await command(minji, 'mydata', {}, 'export');
		expect(reply.message.flags).toBe(EPHEMERAL);
		expect(reply.message.content).toBe(
			exportText(KO, { answers: 2, cards: Object.keys(study.cards).length, missed: 1 }),
		);
		const files = await download(reply.message);
		const answers = csvRows(files.get('answers.csv') ?? Buffer.alloc(0));
		expect(answers.slice(1).map((row) => [row[1], row[2], row[8]])).toEqual([
			['daily', DAYS[0], 'true'],
			['daily', DAYS[1], 'false'],
		]);
		const deck = (files.get('missed-concepts.txt') ?? Buffer.alloc(0)).toString('utf8').split('\n');
		expect(deck[3]).toBe(`#deck:${SERVER}::틀린 개념`);
		expect(deck.slice(5, -1).map((line) => line.split('\t')[0])).toEqual([
			ankiField(termOf(asked.get(DAYS[1])?.conceptId ?? '')),
		]);
	});

	it('tells a member with nothing stored so, with no files', async () => {
		const reply = await command(tae, 'mydata', {}, 'export');
		expect(reply.message.flags).toBe(EPHEMERAL);
		expect(reply.message.content).toBe(EN.mydata.exportEmpty);
		expect(reply.message.content).toBe('I keep no study data about you in this server.');
		expect(reply.message.attachments).toEqual([]);
	});
});

describe('/mydata delete', () => {
	let before: Awaited<ReturnType<typeof snapshot>>;

	it('asks privately first, with Delete and Cancel', async () => {
		before = await snapshot(jun);
		expect(before.stats?.points).toBe(22);
		const issuedAt = bot.test.clock.now().getTime();
		const asked = await command(jun, 'mydata', {}, 'delete');
		expect(asked.message.flags).toBe(EPHEMERAL);
		expect(asked.message.content).toBe(EN.mydata.deleteConfirm);
		expect(buttonsOf(asked.message)).toEqual([
			{
				customId: `v1:mydata:delete:${jun}:${issuedAt.toString(36)}`,
				label: 'Delete my data',
				style: ButtonStyle.Danger,
				disabled: false,
			},
			{ customId: `v1:mydata:cancel:${jun}`, label: 'Cancel', style: ButtonStyle.Secondary, disabled: false },
		]);
	});

	it('refuses another member’s click on the Delete or Cancel button and deletes nothing', async () => {
		const { deleteId, cancelId } = await confirmation(jun);
		// Discord shows the confirmation to jun alone; a modified client can still send its custom_id from a message
		// the others see.
		const copy = (await bot.client.rest.post(Routes.channelMessages(channelId), {
			body: {
				content: '🗑️',
				components: [
					{
						type: ComponentType.ActionRow,
						components: [
							{ type: ComponentType.Button, style: ButtonStyle.Danger, label: 'Delete', custom_id: deleteId },
							{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Cancel', custom_id: cancelId },
						],
					},
				],
			},
		})) as APIMessage;
		const english = await click(copy, deleteId, sora);
		expect(english.message.id).not.toBe(copy.id);
		expect(english.message.flags).toBe(EPHEMERAL);
		expect(english.message.content).toBe(EN.mydata.deleteNotYours);
		const korean = await click(copy, deleteId, minji);
		expect(korean.message.content).toBe(KO.mydata.deleteNotYours);
		const cancel = await click(copy, cancelId, sora);
		expect(cancel.message.id).not.toBe(copy.id);
		expect(cancel.message.content).toBe(EN.mydata.deleteNotYours);
		expect(await snapshot(jun)).toEqual(before);
		expect(await snapshot(sora)).toMatchObject({ stats: { points: 10 } });
		expect((await snapshot(minji)).study).toBeDefined();
	});

	it('deletes nothing on Cancel', async () => {
		const { message, cancelId } = await confirmation(jun);
		const cancelled = await click(message, cancelId, jun);
		expect(cancelled.message.id).toBe(message.id);
		expect(cancelled.message.content).toBe(EN.mydata.deleteCancelled);
		expect(cancelled.message.components).toEqual([]);
		expect(await snapshot(jun)).toEqual(before);
	});

	it('deletes nothing once the confirmation has expired', async () => {
		const { message, deleteId } = await confirmation(jun);
		bot.test.clock.advance(CONFIRM_DELETE_WITHIN_MS + 1);
		const expired = await click(message, deleteId, jun);
		expect(expired.message.id).toBe(message.id);
		expect(expired.message.content).toBe(EN.mydata.deleteExpired);
		expect(expired.message.components).toEqual([]);
		expect(await snapshot(jun)).toEqual(before);
	});

	it('deletes everything about the member on Delete, up to the last moment of the confirmation', async () => {
		const all = await board(sora, 'all');
		expect(all.lines).toEqual([
			`**1.** <@${jun}> — 22 points`,
			`**2.** <@${minji}> — 10 points`,
			`**2.** <@${sora}> — 10 points ← you`,
		]);
		expect(all.own).toBe('You: **#2** of 3 with 10 points.');

		const { message, deleteId } = await confirmation(jun);
		bot.test.clock.advance(CONFIRM_DELETE_WITHIN_MS);
		const deleted = await click(message, deleteId, jun, (m) => m.content !== EN.mydata.deleteConfirm);
		expect(deleted.message.id).toBe(message.id);
		expect(deleted.message.content).toBe(EN.mydata.deletedAll({ answers: 3, boards: 3, study: true }));
		expect(deleted.message.content).toBe(
			'🗑️ Deleted: 3 daily answers, your points on 3 leaderboards, your review cards, answers and reminder. The leaderboard no longer shows you.',
		);
		expect(deleted.message.components).toEqual([]);
	});

	it('leaves the member off every leaderboard, and the others move up', async () => {
		for (const period of ['all', 'week', 'month'] as const) {
			const after = await board(sora, period);
			expect(after.lines).toEqual([`**1.** <@${minji}> — 10 points`, `**1.** <@${sora}> — 10 points ← you`]);
			expect(after.own).toBe('You: **#1** of 2 with 10 points.');
			const own = await board(jun, period);
			expect(own.lines.some((line) => line.includes(jun))).toBe(false);
			expect(own.own).toBe(EN.scores.viewerWithout);
		}
		const stats = await command(sora, 'stats', {}, 'member');
		const fields = Object.fromEntries((stats.message.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]));
		expect(fields[EN.scores.fieldRank]).toBe('#1 of 2');
	});

	it('shows no record in /stats, no cards in /review and an empty export', async () => {
		const own = await command(jun, 'stats', {}, 'member');
		expect(own.message.embeds[0]?.title).toBe('📊 jun');
		expect(own.message.embeds[0]?.description).toBe(EN.scores.noAnswersSelf);
		expect(own.message.embeds[0]?.fields).toEqual([{ name: EN.review.statsName, value: EN.review.statsEmpty }]);
		const other = await command(sora, 'stats', { member: jun }, 'member');
		expect(other.message.embeds[0]?.description).toBe(EN.scores.noAnswersOther);
		expect(other.message.embeds[0]?.fields).toBeUndefined();

		const review = await command(jun, 'review');
		expect(review.message.content).toBe(EN.review.noCards);
		const exported = await command(jun, 'mydata', {}, 'export');
		expect(exported.message.content).toBe(EN.mydata.exportEmpty);
		expect(exported.message.attachments).toEqual([]);
	});

	it('leaves nothing of the member in the store, also after the open question closes and is scored', async () => {
		const check = async () => {
			expect(await bot.test.ctx.store.get(studyKeys.member(guildId, jun))).toBeUndefined();
			expect(await bot.test.ctx.scores.memberStats(guildId, jun)).toBeNull();
			for (const date of DAYS) {
				const post = await bot.test.ctx.daily.post(guildId, date);
				expect(post).toBeDefined();
				expect(post?.answers[jun]).toBeUndefined();
				expect(post?.awards?.[jun]).toBeUndefined();
			}
		};
		await check();
		expect(Object.keys((await bot.test.ctx.daily.post(guildId, DAYS[0]))?.answers ?? {}).sort()).toEqual(
			[minji, sora].sort(),
		);
		expect(await bot.test.ctx.store.get(dailyKeys.post(guildId, DAYS[2]))).toBeDefined();

		await postDay('2026-12-04');
		expect((await bot.test.ctx.daily.post(guildId, DAYS[2]))?.state).toBe('closed');
		await check();
		expect((await board(sora, 'all')).lines).toEqual([
			`**1.** <@${minji}> — 10 points`,
			`**1.** <@${sora}> — 10 points ← you`,
		]);
	});

	it('says there was nothing to delete when asked again', async () => {
		const { message, deleteId } = await confirmation(jun);
		const again = await click(message, deleteId, jun, (m) => m.content !== EN.mydata.deleteConfirm);
		expect(again.message.content).toBe(EN.mydata.deleteNothing);
		expect(await bot.test.ctx.store.get(studyKeys.member(guildId, jun))).toBeUndefined();
	});

	it('speaks Korean to a Korean member, through Cancel, expiry and Delete', async () => {
		const asked = await confirmation(minji);
		expect(asked.message.flags).toBe(EPHEMERAL);
		expect(asked.message.content).toBe(KO.mydata.deleteConfirm);
		expect(buttonsOf(asked.message).map((button) => button.label)).toEqual([
			KO.mydata.deleteButton,
			KO.mydata.cancelButton,
		]);
		expect(buttonsOf(asked.message).map((button) => button.label)).toEqual(['내 데이터 삭제', '취소']);
		const cancelled = await click(asked.message, asked.cancelId, minji);
		expect(cancelled.message.content).toBe(KO.mydata.deleteCancelled);

		const stale = await confirmation(minji);
		bot.test.clock.advance(CONFIRM_DELETE_WITHIN_MS + 1);
		expect((await click(stale.message, stale.deleteId, minji)).message.content).toBe(KO.mydata.deleteExpired);
		expect((await bot.test.ctx.review.memberData(guildId, minji))?.answers).toHaveLength(2);

		const { message, deleteId } = await confirmation(minji);
		const deleted = await click(message, deleteId, minji, (m) => m.content !== KO.mydata.deleteConfirm);
		expect(deleted.message.content).toBe(KO.mydata.deletedAll({ answers: 2, boards: 3, study: true }));
		expect(deleted.message.content).toBe(
			'🗑️ 삭제했습니다: 오늘의 문제 답 2개, 순위표 3개의 점수, 복습 카드와 답 기록, 알림 설정. 이제 순위표에 나오지 않습니다.',
		);
		expect((await board(sora, 'all')).lines).toEqual([`**1.** <@${sora}> — 10 points ← you`]);
		expect(await bot.test.ctx.store.get(studyKeys.member(guildId, minji))).toBeUndefined();
		const exported = await command(minji, 'mydata', {}, 'export');
		expect(exported.message.content).toBe(KO.mydata.exportEmpty);
		expect(exported.message.attachments).toEqual([]);
		expect(fake.stats.rejected).toEqual([]);
		expect(fake.stats.failedInteractions).toEqual([]);
	});
});
