import { describe, expect, it } from 'vitest';
import { fnv1a32, fnv1a64Base36 } from '../src/hash.ts';

/** FNV-1a 64 in base 36, computed the slow way with BigInt, as a reference. */
function reference64(text: string): string {
	let hash = 0xcbf29ce484222325n;
	for (const byte of new TextEncoder().encode(text)) {
		hash ^= BigInt(byte);
		hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
	}
	return hash.toString(36);
}

describe('fnv1a64Base36', () => {
	it('matches the published FNV-1a 64 test vectors', () => {
		expect(fnv1a64Base36('')).toBe(BigInt('0xcbf29ce484222325').toString(36));
		expect(fnv1a64Base36('a')).toBe(BigInt('0xaf63dc4c8601ec8c').toString(36));
		expect(fnv1a64Base36('foobar')).toBe(BigInt('0x85944171f73967e8').toString(36));
	});

	it('hashes the UTF-8 bytes of Korean, emoji and lone surrogates (as U+FFFD) like the reference', () => {
		for (const text of ['virtualization-and-security#하이퍼바이즈-hypervisor', 'emoji 😀', 'a lone \ud800 here']) {
			expect(fnv1a64Base36(text)).toBe(reference64(text));
		}
	});
});

describe('fnv1a32', () => {
	it('matches the published FNV-1a 32 test vectors', () => {
		expect(fnv1a32('')).toBe(0x811c9dc5);
		expect(fnv1a32('a')).toBe(0xe40c292c);
		expect(fnv1a32('foobar')).toBe(0xbf9cf968);
	});
});
