/**
 * Stable hashes of text: the same input gives the same value on every machine and after every restart. Used for
 * short keys in Discord custom_ids, question ids and seeds; never for secrets.
 */

/** FNV-1a 64 offset basis and prime (2^40 + 0x1b3), as four 16-bit limbs, least significant first. */
const FNV64_OFFSET_LIMBS: readonly [number, number, number, number] = [0x2325, 0x8422, 0x9ce4, 0xcbf2];
const FNV64_PRIME_LOW = 0x1b3;
/** The prime's 2^40 term: 0x100 in the third limb. */
const FNV64_PRIME_THIRD_LIMB = 0x100;
const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/**
 * 64-bit FNV-1a of the UTF-8 bytes of `text` (lone surrogates as U+FFFD), in base 36 (at most 13 characters): short stable keys and ids, computed on four 16-bit limbs so that hashing thousands of questions stays in
 * small-integer arithmetic.
 */
export function fnv1a64Base36(text: string): string {
	let [h0, h1, h2, h3] = FNV64_OFFSET_LIMBS;
	const add = (byte: number): void => {
		h0 ^= byte;
		// Every partial product stays below 2^26: exact small-integer arithmetic.
		const r0 = h0 * FNV64_PRIME_LOW;
		const r1 = h1 * FNV64_PRIME_LOW + (r0 >>> 16);
		const r2 = h2 * FNV64_PRIME_LOW + h0 * FNV64_PRIME_THIRD_LIMB + (r1 >>> 16);
		const r3 = h3 * FNV64_PRIME_LOW + h1 * FNV64_PRIME_THIRD_LIMB + (r2 >>> 16);
		h0 = r0 & 0xffff;
		h1 = r1 & 0xffff;
		h2 = r2 & 0xffff;
		h3 = r3 & 0xffff;
	};
	// UTF-8 written out here rather than through a TextEncoder: far cheaper for many short strings.
	for (let i = 0; i < text.length; i++) {
		let code = text.charCodeAt(i);
		if (code >= 0xd800 && code <= 0xdfff) {
			const next = text.charCodeAt(i + 1);
			if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
				code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
				i++;
			} else {
				code = 0xfffd;
			}
		}
		if (code < 0x80) add(code);
		else if (code < 0x800) {
			add(0xc0 | (code >> 6));
			add(0x80 | (code & 0x3f));
		} else if (code < 0x10000) {
			add(0xe0 | (code >> 12));
			add(0x80 | ((code >> 6) & 0x3f));
			add(0x80 | (code & 0x3f));
		} else {
			add(0xf0 | (code >> 18));
			add(0x80 | ((code >> 12) & 0x3f));
			add(0x80 | ((code >> 6) & 0x3f));
			add(0x80 | (code & 0x3f));
		}
	}
	return ((BigInt(((h3 << 16) | h2) >>> 0) << 32n) | BigInt(((h1 << 16) | h0) >>> 0)).toString(36);
}

/** 32-bit FNV-1a of the UTF-16 code units of `text`: a seed, not an identifier. */
export function fnv1a32(text: string): number {
	let hash = FNV32_OFFSET;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, FNV32_PRIME);
	}
	return hash >>> 0;
}
