import { describe, expect, it } from 'vitest';
import {
	allowedDistance,
	boundedDistance,
	createDistanceScratch,
	editDistance,
	MAX_DISTANCE_LENGTH,
} from '../../src/search/fuzzy.ts';
import { decomposeHangul } from '../../src/search/hangul.ts';

const scratch = createDistanceScratch();

describe('editDistance', () => {
	it.each([
		['', '', 0],
		['abc', '', 3],
		['kitten', 'sitting', 3],
		['selinx', 'selinux', 1],
		['aparmor', 'apparmor', 1],
		['apparmour', 'apparmor', 1],
		['hpyervisor', 'hypervisor', 1],
		['ca', 'abc', 3],
	])('%s ↔ %s = %i', (a, b, distance) => {
		expect(editDistance(a, b, scratch)).toBe(distance);
		expect(editDistance(b, a, scratch)).toBe(distance);
	});

	it('counts one mistyped Hangul vowel as one edit on jamo', () => {
		expect(editDistance(decomposeHangul('하이퍼바이저'), decomposeHangul('하이퍼바이즈'), scratch)).toBe(1);
		expect(editDistance(decomposeHangul('스캐쥴링'), decomposeHangul('스케줄링'), scratch)).toBe(2);
	});

	it('looks at no more than the first MAX_DISTANCE_LENGTH code units', () => {
		expect(editDistance('a'.repeat(500), 'b'.repeat(500), scratch)).toBe(MAX_DISTANCE_LENGTH);
	});
});

describe('boundedDistance', () => {
	it('gives the distance when within the bound and bound + 1 otherwise', () => {
		expect(boundedDistance('selinx', 'selinux', 1, scratch)).toBe(1);
		expect(boundedDistance('kitten', 'sitting', 2, scratch)).toBe(3);
		expect(boundedDistance('kitten', 'sitting', 3, scratch)).toBe(3);
		expect(boundedDistance('abc', 'abcdef', 2, scratch)).toBe(3);
		expect(boundedDistance('same', 'same', 0, scratch)).toBe(0);
		expect(boundedDistance('same', 'sane', 0, scratch)).toBe(1);
	});

	it('agrees with the full distance whatever the bound', () => {
		const words = ['apparmor', 'aparmor', 'apparmour', 'armor', 'selinux', 'linux', 'hypervisor', 'visor', ''];
		for (const a of words) {
			for (const b of words) {
				const full = editDistance(a, b, scratch);
				for (let bound = 0; bound <= 6; bound++) {
					expect(boundedDistance(a, b, bound, scratch)).toBe(full <= bound ? full : bound + 1);
				}
			}
		}
	});
});

describe('allowedDistance', () => {
	it('grows with the length of the name in keys', () => {
		expect([1, 3, 4, 7, 8, 13, 14, 40].map(allowedDistance)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
	});
});
