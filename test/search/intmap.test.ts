import { describe, expect, it } from 'vitest';
import { IntMap } from '../../src/search/intmap.ts';

describe('IntMap', () => {
	it('stores, replaces and finds values, answering -1 for missing keys', () => {
		const map = new IntMap(4);
		map.set(0, 10);
		map.set(124_813_583, 20);
		map.set(0, 11);
		expect([map.get(0), map.get(124_813_583), map.get(7), map.size]).toEqual([11, 20, -1, 2]);
	});

	it('keeps every entry while it grows', () => {
		const map = new IntMap(2);
		for (let key = 0; key < 50_000; key++) map.set(key * 7919, key);
		expect(map.size).toBe(50_000);
		let wrong = 0;
		for (let key = 0; key < 50_000; key++) if (map.get(key * 7919) !== key) wrong++;
		expect(wrong).toBe(0);
		expect(map.get(1)).toBe(-1);
	});
});
