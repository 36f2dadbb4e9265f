import path from 'node:path';
import Keyv from 'keyv';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { Context } from '../../src/context.ts';
import type { CommandModule } from '../../src/discord/command.ts';
import { loadCommands } from '../../src/discord/commands.ts';
import { routeInteraction } from '../../src/discord/router.ts';
import { messagesIn } from '../../src/i18n/messages.ts';
import { type Library, openLibrary } from '../../src/library.ts';
import type { Question } from '../../src/quiz/question.ts';
import { newCard, rateCard } from '../../src/review/card.ts';
import { createRecordingClient, type RestCall } from '../fakes/recording-client.ts';
import { testContext } from '../support/context.ts';
import { apiUser, type GuildActor, guildButtonClick, guildSlashCommand } from '../support/guild-interactions.ts';

const CHANNEL_MESSAGE = 4;
const UPDATE_MESSAGE = 7;
const EPHEMERAL = 64;
const T0 = new Date('2026-12-01T00:00:00.000Z');
const NEXT_DAY = new Date('2026-12-02T01:00:00.000Z');
/** VM: a term question (multiple choice) and a definition question (a flashcard). */
const VM_TERM = 'tm-2jahe58j1478c';
const VM_DEFINITION = 'df-1a1gum7kl6qiz';
/** 가상화 (virtualisation): the same two kinds. */
const VIRT_TERM = 'tm-3e3l85xyhpscj';
const VIRT_DEFINITION = 'df-olyrd9zhaph8';

interface Callback {
	type: number;
	data: {
		content?: string;
		flags?: number;
		embeds?: { title?: string; description?: string; footer?: { text: string } }[];
		components?: { components: { label: string; custom_id: string; disabled?: boolean; style: number }[] }[];
	};
}

let commands: ReadonlyMap<string, CommandModule>;
let library: Library;
let ctx: Context;
let setClock: (date: Date) => void;

const actor: GuildActor = {
	guildId: '500000000000000001',
	channelId: '400000000000000001',
	user: apiUser('300000000000000001', 'student'),
};

beforeAll(async () => {
	commands = await loadCommands(path.join(PROJECT_DIR, 'commands'));
	library = await openLibrary(path.join(PROJECT_DIR, 'data/notes'));
});

beforeEach(() => {
	const store = new Keyv();
	const test = testContext(library, { store, now: T0 });
	ctx = test.ctx;
	setClock = (date) => test.clock.set(date);
});

/** Runs one raw interaction through the real router; returns its one initial response. */
async function respond(raw: unknown): Promise<Callback> {
	const discord = createRecordingClient();
	const calls: RestCall[] = await discord.dispatch(raw, (interaction) => routeInteraction(interaction, commands, ctx));
	expect(calls).toHaveLength(1);
	expect(calls[0]?.path).toMatch(/^\/interactions\/\d+\/[\w-]+\/callback$/);
	return calls[0]?.body as Callback;
}

const inLocale = <T extends object>(payload: T, locale: string) => ({ ...payload, locale });
const review = (options: Record<string, string> = {}, locale = 'en-US') =>
	respond(inLocale(guildSlashCommand(actor, 'review', { strings: options }), locale));
const click = (customId: string, locale = 'en-US') =>
	respond(inLocale(guildButtonClick(actor, '600000000000000001', customId), locale));
const buttons = (callback: Callback) => callback.data.components?.flatMap((row) => row.components) ?? [];

function question(id: string): Question {
	const found = library.questions.get(id);
	if (found === undefined) throw new Error(`no question ${id} in the default notes`);
	return found;
}

async function missed(id: string, at = T0): Promise<void> {
	const asked = question(id);
	await ctx.review.recordAnswer(actor.guildId, actor.user.id, {
		question: asked,
		term: library.index.get(asked.conceptId)?.title ?? asked.conceptId,
		correct: false,
		source: 'practice',
		date: null,
		at,
	});
}

describe('/review', () => {
	it('is one command with an optional remind choice, only in servers, in English and Korean', () => {
		const json = commands.get('review')?.data.toJSON();
		expect(json?.name).toBe('review');
		expect(json?.contexts).toEqual([0]);
		expect(json?.description_localizations).toEqual({ ko: messagesIn('ko').review.commandDescription });
		expect(json?.options).toEqual([
			expect.objectContaining({
				name: 'remind',
				type: 3,
				required: false,
				choices: [
					{ name: 'on', name_localizations: { ko: '켜기' }, value: 'on' },
					{ name: 'off', name_localizations: { ko: '끄기' }, value: 'off' },
				],
			}),
		]);
	});

	it('tells a member without cards how cards come about, privately and in their language', async () => {
		const korean = await review({}, 'ko');
		expect(korean.type).toBe(CHANNEL_MESSAGE);
		expect(korean.data.flags).toBe(EPHEMERAL);
		expect(korean.data.content).toBe(messagesIn('ko').review.noCards);
		expect((await review()).data.content).toBe(
			'You have no review cards yet. Every answer to the daily question or to `/quiz` makes one, and the concepts you miss come back here.',
		);
	});

	it('says when the next review is due when none is due yet', async () => {
		await missed(VM_DEFINITION);
		expect((await review()).data.content).toBe(
			`Nothing to review right now. Your next review is due tomorrow (<t:${Date.parse('2026-12-02T00:00:00Z') / 1000}:f>).`,
		);
	});

	it('serves a missed concept as multiple choice, grades the click and reschedules the card', async () => {
		await missed(VM_DEFINITION);
		setClock(NEXT_DAY);
		const served = await review();
		const asked = question(VM_TERM);
		expect(served.data.flags).toBe(EPHEMERAL);
		const [embed] = served.data.embeds ?? [];
		expect(embed?.title).toBe('🔁 Review · 가상 머신과 도커 컨테이너');
		expect(embed?.description?.startsWith(`${asked.stem}\n\n**A.** `)).toBe(true);
		expect(embed?.footer?.text).toBe(
			'1 due · Only you see this. Reviews change your own schedule, never the leaderboard.',
		);
		expect(buttons(served).map((b) => [b.label, b.custom_id])).toEqual(
			['A', 'B', 'C', 'D'].map((label, i) => [label, `v1:review:answer:${VM_TERM}:${i}`]),
		);

		const graded = await click(`v1:review:answer:${VM_TERM}:${asked.answer}`);
		expect(graded.type).toBe(UPDATE_MESSAGE);
		const due = '2026-12-05T01:00:00.000Z';
		const description = graded.data.embeds?.[0]?.description ?? '';
		const letter = 'ABCD'[asked.answer];
		expect(description).toContain(`✅ Correct: **${letter}.** ${asked.options[asked.answer]}.\n\n${asked.explanation}`);
		expect(
			description.endsWith(
				`🔁 Comes back in 3 days (<t:${Date.parse(due) / 1000}:f>).\n🎉 That was the last review due for now.`,
			),
		).toBe(true);
		expect(buttons(graded).map((b) => [b.label, b.disabled, b.style])).toEqual(
			['A', 'B', 'C', 'D'].map((label, i) => [label, true, i === asked.answer ? 3 : 1]),
		);
		const card = (await ctx.review.memberData(actor.guildId, actor.user.id))?.cards[asked.conceptId];
		expect(card?.fsrs).toEqual(rateCard(rateCard(newCard(T0), 1, T0), 3, NEXT_DAY));
		expect(card?.fsrs.due).toBe(due);
	});

	it('refuses a replayed or forged answer with a clear message, changing nothing', async () => {
		await missed(VM_DEFINITION);
		setClock(NEXT_DAY);
		await review();
		await click(`v1:review:answer:${VM_TERM}:0`);
		const before = await ctx.review.memberData(actor.guildId, actor.user.id);
		const replay = await click(`v1:review:answer:${VM_TERM}:1`);
		expect(replay.type).toBe(CHANNEL_MESSAGE);
		expect(replay.data.flags).toBe(EPHEMERAL);
		expect(replay.data.content).toBe(
			'This review is over: it was answered already, or a newer `/review` replaced it. Run `/review` for the next one.',
		);
		expect((await click(`v1:review:rate:${VIRT_DEFINITION}:4`, 'ko')).data.content).toBe(
			messagesIn('ko').review.refusedNotPending,
		);
		expect((await click(`v1:review:rate:${VM_TERM}:9`)).data.content).toBe(
			'This button does not belong to this review question.',
		);
		expect((await click('v1:review:later')).data.content).toBe(
			'This button is from an older version of the bot. Run `/review` again.',
		);
		expect(await ctx.review.memberData(actor.guildId, actor.user.id)).toEqual(before);
	});

	it('offers Next while more reviews are due', async () => {
		await missed(VM_DEFINITION);
		await missed(VIRT_TERM, new Date('2026-12-01T00:01:00.000Z'));
		setClock(NEXT_DAY);
		const served = await review();
		expect(served.data.embeds?.[0]?.footer?.text.startsWith('2 due · ')).toBe(true);
		const graded = await click(`v1:review:answer:${VM_TERM}:${question(VM_TERM).answer}`);
		expect(graded.data.embeds?.[0]?.description?.endsWith('\n1 more review is due.')).toBe(true);
		expect(buttons(graded).at(-1)).toEqual(expect.objectContaining({ label: 'Next', custom_id: 'v1:review:next' }));
		const next = await click('v1:review:next');
		expect(next.type).toBe(UPDATE_MESSAGE);
		expect(next.data.embeds?.[0]?.description).toBe(
			'What does **가상화** mean?\n\n-# Recall it first, then show the answer.',
		);
	});

	it('turns a flashcard over and takes a self-rating, in Korean', async () => {
		await missed(VIRT_TERM);
		setClock(NEXT_DAY);
		const served = await review({}, 'ko');
		expect(served.data.embeds?.[0]?.description).toBe(
			'**가상화**의 뜻은 무엇인가요?\n\n-# 먼저 떠올려 본 다음 답을 확인하세요.',
		);
		expect(buttons(served).map((b) => [b.label, b.custom_id])).toEqual([
			['답 보기', `v1:review:show:${VIRT_DEFINITION}`],
		]);
		const shown = await click(`v1:review:show:${VIRT_DEFINITION}`, 'ko');
		expect(shown.type).toBe(UPDATE_MESSAGE);
		expect(shown.data.embeds?.[0]?.description).toBe(
			`**가상화**의 뜻은 무엇인가요?\n\n${question(VIRT_DEFINITION).explanation}\n\n-# 얼마나 잘 기억했나요?`,
		);
		expect(buttons(shown).map((b) => [b.label, b.custom_id, b.style])).toEqual([
			['다시', `v1:review:rate:${VIRT_DEFINITION}:1`, 4],
			['어려움', `v1:review:rate:${VIRT_DEFINITION}:2`, 2],
			['알맞음', `v1:review:rate:${VIRT_DEFINITION}:3`, 3],
			['쉬움', `v1:review:rate:${VIRT_DEFINITION}:4`, 1],
		]);
		const rated = await click(`v1:review:rate:${VIRT_DEFINITION}:3`, 'ko');
		expect(rated.data.embeds?.[0]?.description?.split('\n\n').slice(2)).toEqual([
			'평가: **알맞음**',
			`🔁 3일 후 다시 나옵니다 (<t:${Date.parse('2026-12-05T01:00:00Z') / 1000}:f>).\n🎉 지금 복습할 카드를 모두 끝냈습니다.`,
		]);
		expect(buttons(rated)).toEqual([]);
		const answers = (await ctx.review.memberData(actor.guildId, actor.user.id))?.answers ?? [];
		expect(answers.at(-1)).toEqual({
			at: NEXT_DAY.toISOString(),
			source: 'review',
			date: null,
			questionId: VIRT_DEFINITION,
			conceptId: question(VIRT_DEFINITION).conceptId,
			topic: '가상 머신과 도커 컨테이너',
			kind: 'definition',
			correct: null,
			rating: 3,
			cardState: 'review',
		});
	});

	it('turns the reminder on in the member’s language and off again', async () => {
		const on = await review({ remind: 'on' }, 'ko');
		expect(on.data.flags).toBe(EPHEMERAL);
		expect(on.data.content).toBe(
			'🔔 알림을 켰습니다. 복습할 카드가 있는 날 18:00(Asia/Seoul) 이후에 DM을 한 번 보냅니다. 이 서버 멤버의 DM이 허용되어 있어야 합니다.',
		);
		expect((await ctx.review.memberData(actor.guildId, actor.user.id))?.remind).toMatchObject({ on: true, lang: 'ko' });
		expect(await ctx.review.reminderMembers(actor.guildId)).toEqual([actor.user.id]);
		expect((await review({ remind: 'off' })).data.content).toBe('🔕 Reminder off.');
		expect((await ctx.review.memberData(actor.guildId, actor.user.id))?.remind).toMatchObject({
			on: false,
			lang: 'en',
		});
		expect(await ctx.review.reminderMembers(actor.guildId)).toEqual([]);
	});

	it('tells the member once that the reminder turned itself off', async () => {
		await ctx.review.setReminder(actor.guildId, actor.user.id, true, 'en');
		await ctx.review.updateReminder(actor.guildId, actor.user.id, (remind) => {
			remind.on = false;
			remind.turnedOff = true;
			return true;
		});
		const first = await review();
		expect(first.data.content).toBe(
			`${messagesIn('en').review.reminderTurnedOff}\n\n${messagesIn('en').review.noCards}`,
		);
		expect((await review()).data.content).toBe(messagesIn('en').review.noCards);
	});
});
