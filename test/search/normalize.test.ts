import { describe, expect, it } from 'vitest';
import { boundInput, compactKey, normalize } from '../../src/search/normalize.ts';

describe('normalize', () => {
	it('applies NFKC, lower case and single spaces', () => {
		expect(normalize('ＳＥＬｉｎｕｘ  모듈')).toBe('selinux 모듈');
		expect(normalize('  Hello\t\nWorld ')).toBe('hello world');
	});
});

describe('compactKey', () => {
	it('ignores spacing, case, width and punctuation', () => {
		expect(compactKey('강제 접근 제어')).toBe(compactKey('강제접근제어'));
		expect(compactKey('se linux')).toBe('selinux');
		expect(compactKey('SELinux')).toBe('selinux');
		expect(compactKey('apt-get')).toBe('aptget');
		expect(compactKey('ＬＶＭ')).toBe('lvm');
	});

	it('gives an empty key to punctuation and emoji only', () => {
		expect(compactKey('?!— 😀')).toBe('');
	});
});

describe('boundInput', () => {
	it('cuts long input to the bound', () => {
		expect(boundInput('가'.repeat(10_000), 200)).toBe('가'.repeat(200));
	});

	it('never ends inside a surrogate pair', () => {
		expect(boundInput(`${'a'.repeat(199)}😀`, 200)).toBe('a'.repeat(199));
	});

	it('replaces lone surrogates', () => {
		expect(boundInput('a\ud800b\udc00c', 200)).toBe('a\ufffdb\ufffdc');
		expect(boundInput('😀', 200)).toBe('😀');
	});

	it('keeps short input as it is', () => {
		expect(boundInput('SELinux', 200)).toBe('SELinux');
		expect(boundInput('', 200)).toBe('');
	});
});
