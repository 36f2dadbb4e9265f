import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId } from '../../src/discord/custom-id.ts';

describe('custom_id codec', () => {
	it('round-trips a versioned id', () => {
		const raw = encodeCustomId('explain', 'page', 'abc123', 2);
		expect(raw).toBe('v1:explain:page:abc123:2');
		expect(decodeCustomId(raw)).toEqual({ command: 'explain', action: 'page', args: ['abc123', '2'] });
	});
	it('refuses parts with separators and ids over 100 characters', () => {
		expect(() => encodeCustomId('explain', 'open', 'a:b')).toThrow('may not contain');
		expect(() => encodeCustomId('explain', 'open', 'k'.repeat(100))).toThrow('longer than 100');
	});
	it.each([
		['', 'empty'],
		['v2:explain:open:abc', 'another version'],
		['v1:explain', 'no action'],
		['v1::open:abc', 'empty command'],
		['v1:explain:open:a b', 'a space'],
		[`v1:explain:open:${'x'.repeat(120)}`, 'too long'],
		['explain:open:abc', 'no version'],
	])('decodes %j (%s) as null', (raw) => {
		expect(decodeCustomId(raw)).toBeNull();
	});
});
