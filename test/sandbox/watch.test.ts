import type { APIMessage } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { ChannelWatch, isChannelPost } from './watch.ts';

function message(id: string, extra: Partial<APIMessage> = {}): APIMessage {
	return { id, channel_id: '2001', content: id, edited_timestamp: null, flags: 0, ...extra } as APIMessage;
}

const ids = (updates: { message: APIMessage; edited: boolean }[]) =>
	updates.map((update) => [update.message.id, update.edited]);

describe('sandbox ChannelWatch', () => {
	it('counts only what the bot posts on its own as a channel post', () => {
		expect(isChannelPost(message('10'))).toBe(true);
		expect(isChannelPost(message('11', { webhook_id: '1' }))).toBe(false);
		expect(isChannelPost(message('12', { flags: 64 }))).toBe(false);
	});

	it('reports each post once, oldest first across channels, then again after each edit', () => {
		const watch = new ChannelWatch();
		const post = message('30');
		const notice = message('20', { channel_id: '2002' });
		const reply = message('25', { webhook_id: '1' });
		expect(watch.pending([post, notice, reply])).toBe(true);
		expect(ids(watch.take([post, notice, reply]))).toEqual([
			['20', false],
			['30', false],
		]);
		expect(watch.pending([post, notice, reply])).toBe(false);
		expect(watch.take([post, notice, reply])).toEqual([]);
		const closed = { ...post, edited_timestamp: '2026-01-02T00:00:00.000Z' };
		const results = message('40');
		expect(ids(watch.take([closed, notice, results]))).toEqual([
			['30', true],
			['40', false],
		]);
		expect(watch.take([closed, notice, results])).toEqual([]);
	});

	it('does not report again what was shown another way, as it stood then', () => {
		const watch = new ChannelWatch();
		const post = message('30');
		watch.markShown([post]);
		expect(watch.pending([post])).toBe(false);
		expect(ids(watch.take([{ ...post, edited_timestamp: '2026-01-02T00:00:00.000Z' }]))).toEqual([['30', true]]);
	});

	it('reports the bot’s direct messages like channel posts, whichever channel lists they come in', () => {
		const watch = new ChannelWatch();
		const post = message('30');
		const reminder = message('35', { channel_id: '5001' });
		expect(ids(watch.take([post]))).toEqual([['30', false]]);
		expect(watch.pending([post])).toBe(false);
		expect(ids(watch.take([post, reminder]))).toEqual([['35', false]]);
	});
});
