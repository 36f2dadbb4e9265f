import type { RESTOptions } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { GLOBAL_REQUEST_SPACING_MS, spacedRequests } from '../../src/discord/pacing.ts';

type Init = Parameters<RESTOptions['makeRequest']>[1];

/** A stand-in for the network: records when each request went out. */
function recorder(): { sent: { url: string; atMs: number }[]; send: RESTOptions['makeRequest'] } {
	const sent: { url: string; atMs: number }[] = [];
	return {
		sent,
		send: async (url) => {
			sent.push({ url, atMs: performance.now() });
			return { ok: true, status: 200 } as Awaited<ReturnType<RESTOptions['makeRequest']>>;
		},
	};
}

const withToken: Init = { method: 'POST', headers: { Authorization: 'Bot token' } };
const withoutToken: Init = { method: 'POST', headers: { 'Content-Type': 'application/json' } };

describe('spacedRequests', () => {
	it('sends requests made with the bot token at least the spacing apart, in order', async () => {
		const { sent, send } = recorder();
		const paced = spacedRequests(send);
		await Promise.all(Array.from({ length: 6 }, (_, i) => paced(`/r${i}`, withToken)));
		expect(sent.map((s) => s.url)).toEqual(['/r0', '/r1', '/r2', '/r3', '/r4', '/r5']);
		for (let i = 1; i < sent.length; i++) {
			expect((sent[i]?.atMs ?? 0) - (sent[i - 1]?.atMs ?? 0)).toBeGreaterThanOrEqual(GLOBAL_REQUEST_SPACING_MS);
		}
	});

	it('never holds requests without the token: interaction callbacks and webhooks', async () => {
		const { sent, send } = recorder();
		const paced = spacedRequests(send, 1_000);
		await paced('/first', withToken);
		const started = performance.now();
		await Promise.all([paced('/callback', withoutToken), paced('/webhook', { method: 'PATCH' })]);
		expect(performance.now() - started).toBeLessThan(100);
		expect(sent.map((s) => s.url)).toEqual(['/first', '/callback', '/webhook']);
	});

	it('does not send a request that is aborted while it waits its turn', async () => {
		const { sent, send } = recorder();
		const paced = spacedRequests(send, 200);
		const controller = new AbortController();
		await paced('/first', withToken);
		const waiting = paced('/second', { ...withToken, signal: controller.signal });
		controller.abort();
		await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
		expect(sent.map((s) => s.url)).toEqual(['/first']);
	});
});
