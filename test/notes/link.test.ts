import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Concept } from '../../src/notes/concept.ts';
import { linkNotes } from '../../src/notes/link.ts';
import { type ParsedNote, parseNote } from '../../src/notes/parse.ts';

function fixture(name: string): ParsedNote {
	return parseNote(name, readFileSync(new URL(`../fixtures/notes/${name}`, import.meta.url), 'utf8'));
}

function related(concepts: readonly Concept[]): [string, readonly string[]][] {
	return concepts.map((c) => [c.id, c.relatedIds]);
}

describe('linkNotes', () => {
	const thread = fixture('os/thread.md');
	const processNote = fixture('os/process.md');

	it('resolves wiki links across files, then adds concepts of the same file named in the text', () => {
		const { concepts, warnings } = linkNotes([thread, processNote]);
		expect(related(concepts)).toEqual([
			['os/process#프로세스-process', ['os/thread#스레드-thread']],
			['os/process#문맥-교환', ['os/thread#스레드-전환', 'os/process#pcb']],
			['os/process#pcb', []],
			['os/process#정리', ['os/process#문맥-교환', 'os/process#pcb']],
			['os/thread#스레드-thread', ['os/process#프로세스-process']],
			['os/thread#스레드-전환', ['os/process#pcb']],
		]);
		expect(warnings).toEqual([
			{ file: 'os/process.md', reason: 'notes: os/process.md links to [[없는 문서]], which matches no concept' },
		]);
	});

	it('gives the same result whatever the input order, sorted by file path then document order', () => {
		const a = linkNotes([thread, processNote]);
		const b = linkNotes([processNote, thread]);
		expect(b).toEqual(a);
		expect(a.concepts.map((c) => c.source.file)).toEqual([
			'os/process.md',
			'os/process.md',
			'os/process.md',
			'os/process.md',
			'os/thread.md',
			'os/thread.md',
		]);
	});

	it('prefers a concept of the linking file, then a title over an alias', () => {
		const a = parseNote('a.md', '# 캐시\n\n## 메모리\n\n본문\n');
		const b = parseNote('b.md', '# 캐시\n\n[[캐시]]를 다시 본다.\n\n## 버퍼\n\n[[메모리]] 참고\n');
		const c = parseNote('c.md', '# 주기억장치(메모리)\n');
		const { concepts } = linkNotes([c, b, a]);
		const byId = new Map(concepts.map((x) => [x.id, x.relatedIds]));
		// The only link of b#캐시 is to itself: dropped.
		expect(byId.get('b#캐시')).toEqual([]);
		expect(byId.get('b#버퍼')).toEqual(['a#메모리']);
	});

	it('resolves a link to a file name, a folder path or a heading of another file', () => {
		const note = parseNote('index.md', '# 목차\n\n[[thread]], [[os/process]], [[process#PCB]], [[PCB.md]]\n');
		const { concepts, warnings } = linkNotes([note, thread, processNote]);
		expect(concepts.find((c) => c.id === 'index#목차')?.relatedIds).toEqual([
			'os/thread#스레드-thread',
			'os/process#프로세스-process',
			'os/process#pcb',
		]);
		expect(warnings.filter((w) => w.file === 'index.md')).toEqual([]);
	});

	it('matches Latin names as whole words and Korean names without spaces, never inside URLs', () => {
		const note = parseNote(
			'match.md',
			[
				'# APT',
				'',
				'# 강제 접근 제어',
				'',
				'# 설명',
				'',
				'adaptive 와 aptitude 는 다르다. 강제접근제어를 쓴다. [글](https://x.y/apt-guide)',
				'',
				'# 사용',
				'',
				'APT로 설치한다.',
			].join('\n'),
		);
		const { concepts } = linkNotes([note]);
		expect(related(concepts)).toEqual([
			['match#apt', []],
			['match#강제-접근-제어', []],
			['match#설명', ['match#강제-접근-제어']],
			['match#사용', ['match#apt']],
		]);
	});

	it('never relates a concept to its parent or children, and keeps at most 8', () => {
		const titles = Array.from({ length: 10 }, (_, i) => `항목${i}번`);
		const text = ['# 목록', '', titles.join(' '), '', '## 항목0번', '', ...titles.slice(1).map((t) => `## ${t}`)].join(
			'\n',
		);
		const { concepts } = linkNotes([parseNote('many.md', text)]);
		const top = concepts.find((c) => c.id === 'many#목록');
		expect(top?.relatedIds).toEqual([]);
		const first = concepts.find((c) => c.id === 'many#항목0번');
		expect(first?.relatedIds).toEqual([]);
		const other = parseNote(
			'other.md',
			['# 다른 글', '', titles.join(' '), '', ...titles.map((t) => `# ${t}`)].join('\n'),
		);
		const linked = linkNotes([other]).concepts.find((c) => c.id === 'other#다른-글');
		expect(linked?.relatedIds).toEqual(titles.slice(0, 8).map((t) => `other#${t}`));
	});

	it('keeps ids unique when two files share an id prefix', () => {
		const first = parseNote('a b.md', '# 제목\n\n## 소제목\n');
		const second = parseNote('a-b.md', '# 제목\n\n## 소제목\n\n[[소제목]]\n');
		const { concepts } = linkNotes([second, first]);
		// `a b.md` sorts first (space before hyphen), so it keeps the plain prefix.
		expect(concepts.map((c) => [c.source.file, c.id, c.parentId, c.childIds])).toEqual([
			['a b.md', 'a-b#제목', null, ['a-b#소제목']],
			['a b.md', 'a-b#소제목', 'a-b#제목', []],
			['a-b.md', 'a-b-2#제목', null, ['a-b-2#소제목']],
			['a-b.md', 'a-b-2#소제목', 'a-b-2#제목', []],
		]);
	});
});
