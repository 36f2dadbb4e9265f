import { SlashCommandBuilder } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commandsHash, registerIfChanged } from '../../src/discord/registration.ts';
import { openKeyv } from '../../src/store/keyv.ts';

const explain = new SlashCommandBuilder().setName('explain').setDescription('Explain').toJSON();
const search = new SlashCommandBuilder().setName('search').setDescription('Search').toJSON();
const NOW = new Date('2026-11-30T09:00:00Z');

describe('registerIfChanged', () => {
	it('registers once, skips unchanged commands, and registers again when they change', async () => {
		const { keyv } = await openKeyv('memory://', '/');
		let calls = 0;
		const register = async (): Promise<void> => {
			calls += 1;
		};
		expect((await registerIfChanged(keyv, 'global', [explain], register, NOW)).registered).toBe(true);
		expect((await registerIfChanged(keyv, 'global', [explain], register, NOW)).registered).toBe(false);
		expect((await registerIfChanged(keyv, 'guild:1', [explain], register, NOW)).registered).toBe(true);
		expect((await registerIfChanged(keyv, 'global', [explain, search], register, NOW)).registered).toBe(true);
		expect(calls).toBe(3);
		expect(await keyv.get('commands:registration:global')).toEqual({
			v: 1,
			hash: commandsHash([explain, search]),
			registeredAt: '2026-11-30T09:00:00.000Z',
		});
	});

	it('does not record a registration that Discord refused, so the next start tries again', async () => {
		const { keyv } = await openKeyv('memory://', '/');
		await expect(
			registerIfChanged(keyv, 'global', [explain], () => Promise.reject(new Error('401 Unauthorized')), NOW),
		).rejects.toThrow('401');
		expect(await keyv.get('commands:registration:global')).toBeUndefined();
	});

	it('hashes independently of key order', () => {
		const reordered = Object.fromEntries(Object.entries(explain).reverse()) as typeof explain;
		expect(commandsHash([reordered])).toBe(commandsHash([explain]));
		expect(commandsHash([search])).not.toBe(commandsHash([explain]));
	});
});
