import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Concept } from '../../src/notes/concept.ts';
import {
	cleanTitle,
	fileSlug,
	isExpansionOf,
	nameAliases,
	type ParsedNote,
	parseNote,
	slugify,
	truncateMarkdown,
} from '../../src/notes/parse.ts';

function fixture(name: string): ParsedNote {
	return parseNote(name, readFileSync(new URL(`../fixtures/notes/${name}`, import.meta.url), 'utf8'));
}

function concept(note: ParsedNote, title: string): Concept {
	const found = note.concepts.filter((c) => c.title === title);
	if (found.length !== 1) throw new Error(`expected one concept titled ${title}, found ${found.length}`);
	return found[0] as Concept;
}

describe('parseNote: headings', () => {
	const note = fixture('headings.md');

	it('makes one section per heading, ATX and setext, with titles, lines and parents', () => {
		expect(note.concepts.map((c) => [c.title, c.source.line, c.parentId])).toEqual([
			['운영체제 기초', 1, null],
			['프로세스', 5, null],
			['스레드(Thread)', 21, 'headings#프로세스'],
			['문맥 교환', 25, 'headings#스레드-thread'],
			['Context Switch 비용', 29, 'headings#프로세스'],
			['보안', 34, null],
			['강제 접근 통제(Mandatory Access Control; MAC)', 37, 'headings#보안'],
			['SSH (Secure Shell)', 39, 'headings#보안'],
			['Access Contorl, 접근 통제', 41, 'headings#보안'],
			['메모리가 부족하면 어떻게 될까, 그리고 왜 느려질까', 43, 'headings#보안'],
			['교착 상태', 45, 'headings#보안'],
			['예시', 47, 'headings#보안'],
			['세마포어', 51, 'headings#예시'],
			['뮤텍스', 54, 'headings#예시'],
		]);
		expect(note.concepts.every((c) => c.kind === 'section')).toBe(true);
		expect(note.warnings).toEqual([]);
	});

	it('reads `#제목` as a heading but not #2, #include, hashtag lines or code', () => {
		const process = concept(note, '프로세스');
		expect(process.definition).toBe('프로세스는 실행 중인 프로그램이다.');
		expect(process.body).toBe(
			[
				'프로세스는 실행 중인 프로그램이다.',
				'#2를 위반하는 경우 노드를 다시 칠한다.',
				'#include <stdio.h>',
				'#study #os',
				'```c\n#define MAX 10\n#제목아님\n```',
				'```\n#들여쓴코드도아님\n```',
			].join('\n\n'),
		);
	});

	it('gives heading paths, child ids and section-number-free titles', () => {
		expect(concept(note, '문맥 교환').source).toEqual({
			file: 'headings.md',
			headingPath: ['프로세스', '스레드(Thread)', '문맥 교환'],
			line: 25,
		});
		expect(concept(note, '프로세스').childIds).toEqual(['headings#스레드-thread', 'headings#context-switch-비용']);
		expect(concept(note, '보안').childIds).toEqual([
			'headings#강제-접근-통제-mandatory-access-control-mac',
			'headings#ssh-secure-shell',
			'headings#access-contorl-접근-통제',
			'headings#메모리가-부족하면-어떻게-될까-그리고-왜-느려질까',
			'headings#교착-상태',
			'headings#예시',
		]);
	});

	it('splits bilingual and acronym titles into aliases, but not sentences', () => {
		expect(concept(note, '스레드(Thread)').aliases).toEqual(['스레드', 'Thread']);
		expect(concept(note, '강제 접근 통제(Mandatory Access Control; MAC)').aliases).toEqual([
			'강제 접근 통제',
			'Mandatory Access Control',
			'MAC',
		]);
		expect(concept(note, 'SSH (Secure Shell)').aliases).toEqual(['SSH', 'Secure Shell']);
		expect(concept(note, 'Access Contorl, 접근 통제').aliases).toEqual(['Access Contorl', '접근 통제']);
		expect(concept(note, '메모리가 부족하면 어떻게 될까, 그리고 왜 느려질까').aliases).toEqual([]);
	});

	it('finds headings inside list items and block quotes, and skips headings without text', () => {
		expect(concept(note, '세마포어').definition).toBe('공유 자원에 동시에 들어가는 프로세스 수를 제한한다.');
		// A quote or list item holding a heading is unwrapped: its heading starts a section like any other.
		expect(concept(note, '뮤텍스').body).toBe('한 번에 하나의 스레드만 들어가게 한다.');
		expect(concept(note, '예시').body).toBe('');
	});
});

describe('parseNote: terms', () => {
	const note = fixture('terms.md');
	const terms = (section: string): string[] =>
		note.concepts.filter((c) => c.kind === 'term' && c.parentId === concept(note, section).id).map((c) => c.title);

	it('reads `TERM : def` and `TERM：def` items; an expansion definition is also an alias', () => {
		expect(terms('패키지 관리')).toEqual(['APT', 'dpkg']);
		const apt = concept(note, 'APT');
		expect(apt).toMatchObject({
			id: 'terms#apt',
			kind: 'term',
			aliases: ['advanced packaging tool'],
			definition: 'advanced packaging tool',
			body: 'APT : advanced packaging tool',
			source: { file: 'terms.md', headingPath: ['패키지 관리'], line: 3 },
			parentId: 'terms#패키지-관리',
		});
		expect(concept(note, 'dpkg').definition).toBe('데비안 패키지를 직접 설치하고 제거하는 저수준 도구');
		expect(concept(note, '패키지 관리').childIds).toEqual([
			'terms#apt',
			'terms#dpkg',
			'terms#접근-제어',
			'terms#가상화의-종류',
			'terms#동기화-도구',
		]);
	});

	it('keeps discourse markers and sentences with a colon as facts, not terms', () => {
		expect(concept(note, '패키지 관리').facts).toEqual([
			'참고 : 이 줄은 그냥 메모이다',
			'사용할 때 주의할 점은 다음과 같다: 항상 root 권한이 필요하다',
		]);
	});

	it('reads `- TERM` with an indented paragraph; short comma-separated names become aliases', () => {
		expect(terms('접근 제어')).toEqual(['MAC', 'DAC']);
		expect(concept(note, 'MAC')).toMatchObject({
			aliases: ['Mandatory Access Control', '강제접근제어'],
			definition: 'Mandatory Access Control, 강제접근제어',
			facts: [],
			source: { line: 10 },
		});
		expect(concept(note, 'DAC')).toMatchObject({
			aliases: ['Discretionary Access Control', '임의접근제어'],
			definition: '소유자가 권한을 직접 나눠 준다.',
			facts: ['소유자가 권한을 직접 나눠 준다.'],
			source: { line: 14 },
		});
		expect(concept(note, '접근 제어').facts).toEqual(['설정이 단순하다.']);
	});

	it('reads `- TERM` with its definition on the next line of the same paragraph', () => {
		const note = parseNote(
			'wrapped.md',
			'# 접근\n\n- MAC\n  Mandatory Access Control, 강제접근제어\n- DAC\n  임의로 권한을 나눠 주는 방식이다\n  소유자가 정한다\n',
		);
		expect(note.concepts.map((c) => [c.title, c.aliases, c.definition, c.facts, c.source.line])).toEqual([
			['접근', [], '', [], 1],
			['MAC', ['Mandatory Access Control', '강제접근제어'], 'Mandatory Access Control, 강제접근제어', [], 3],
			[
				'DAC',
				[],
				'임의로 권한을 나눠 주는 방식이다 소유자가 정한다',
				['임의로 권한을 나눠 주는 방식이다', '소유자가 정한다'],
				5,
			],
		]);
	});

	it('reads numbered items, with the last Korean word of a long name as an alias', () => {
		expect(terms('가상화의 종류')).toEqual(['나눠서 쓰는 공유(sharing)', '자원 절연(resource insulation)']);
		expect(concept(note, '나눠서 쓰는 공유(sharing)')).toMatchObject({
			aliases: ['나눠서 쓰는 공유', 'sharing', '공유'],
			definition: '여러 가상 자원이 하나의 물리 자원을 시간 분할로 나눠 쓴다',
			source: { line: 28 },
		});
		expect(concept(note, '자원 절연(resource insulation)').aliases).toEqual(['자원 절연', 'resource insulation']);
	});

	it('reads bold terms with dashes, colons, `is` and Korean topic particles', () => {
		expect(terms('동기화 도구')).toEqual([
			'Mutex',
			'Semaphore',
			'Spinlock',
			'Monitor',
			'교착 상태',
			'Deadlock avoidance',
		]);
		expect(
			['Mutex', 'Semaphore', 'Spinlock', 'Monitor', '교착 상태', 'Deadlock avoidance'].map((t) => [
				concept(note, t).definition,
				concept(note, t).source.line,
			]),
		).toEqual([
			['한 번에 하나의 스레드만 임계 구역에 들어가게 하는 잠금', 33],
			['들어갈 수 있는 스레드 수를 세는 정수 변수', 35],
			['잠금이 풀릴 때까지 바쁘게 기다리는 잠금', 37],
			['a construct that bundles a lock with condition variables.', 39],
			['두 프로세스가 서로의 자원을 기다리며 멈춘 상태이다.', 41],
			['안전 상태를 유지하도록 자원을 할당한다', 45],
		]);
		expect(concept(note, '동기화 도구').definition).toBe('**이 문장은 그냥 강조일 뿐이다.**');
	});

	it('takes an expansion line as alias and the rest of its item as the section content', () => {
		const selinux = concept(note, 'SELinux');
		expect(selinux).toMatchObject({
			kind: 'section',
			aliases: ['Security-Enhanced Linux'],
			definition: '리눅스 커널 보안 모듈',
			facts: ['리눅스 커널 보안 모듈', '파일 라벨에 적용'],
			childIds: [],
		});
	});
});

describe('parseNote: HTML, links and Markdown rendering', () => {
	const note = fixture('html-and-links.md');
	const web = concept(note, '웹 보안');

	it('renders the body for Discord: kbd as code, summary bold, tags and images dropped, tables as lines', () => {
		expect(web.body).toBe(
			[
				'XSS는 `script` 태그를 끼워 넣는 공격이다.\n입력값은 반드시 검증한다.',
				'**CSRF란?**',
				'사용자의 권한으로 원하지 않는 요청을 보내게 하는 공격이다.',
				'**그림 1** 요청 흐름 보기',
				'[OWASP](https://owasp.org) 문서와 https://example.com/csrf 를 참고한다.',
				'**SameSite 쿠키**를 쓰면 대부분의 CSRF를 막는다.',
				'관련 개념: 동일 출처 정책, HTTP 프로토콜, 세션 > 쿠키',
				'공격 | 방어\nXSS | 출력 인코딩\nCSRF | 토큰 검증',
				"```js\nfetch('/api', { credentials: 'include' });\n```",
			].join('\n\n'),
		);
		expect(web.body).not.toMatch(/<|alert|color: red|steal|주석|flow\.png/);
	});

	it('collects wiki links per concept and takes the first paragraph as definition', () => {
		expect([...note.wikiLinks]).toEqual([['html-and-links#웹-보안', ['동일 출처 정책', 'network#HTTP', '세션#쿠키']]]);
		expect(web.definition).toBe('XSS는 `script` 태그를 끼워 넣는 공격이다. 입력값은 반드시 검증한다.');
	});

	it('drops comments, script and style inside paragraphs too, and keeps links and bare URLs', () => {
		const inline = parseNote(
			'inline.md',
			'# 제목\n\n앞 <!-- 숨김 --> 중간 <script>evil()</script> 끝 <a href="https://x.y" onclick="z()">링크</a> [문서](https://docs.example) https://bare.example/path\n',
		);
		expect(inline.concepts[0]?.body).toBe('앞  중간  끝 링크 [문서](https://docs.example) https://bare.example/path');
	});

	it('renders lists, quotes, task items and code with their fences and language', () => {
		const text =
			'# 목록\n\n1. 하나\n2. 둘\n   - 안쪽\n- [x] 끝낸 일\n- [ ] 남은 일\n\n> 인용\n> 둘째 줄\n\n~~~python\nprint(1)\n~~~\n';
		expect(parseNote('lists.md', text).concepts[0]?.body).toBe(
			'1. 하나\n2. 둘\n   - 안쪽\n\n- [x] 끝낸 일\n- [ ] 남은 일\n\n> 인용\n> 둘째 줄\n\n```python\nprint(1)\n```',
		);
	});

	it('writes facts as plain text: no Markdown, no link-only lines, no code', () => {
		const text =
			'# 사실\n\n- **굵게** 쓴 `코드`와 ==형광펜== 문장\n- [링크만](https://x.y)\n- <kbd>Ctrl</kbd> 키를 누른다\n\n  ```sh\n  rm -rf /\n  ```\n';
		expect(parseNote('facts.md', text).concepts[0]?.facts).toEqual(['굵게 쓴 코드와 형광펜 문장', 'Ctrl 키를 누른다']);
	});
});

describe('parseNote: front matter, files without headings, ids', () => {
	it('adds front matter aliases to the first top-level concept and tags to every concept', () => {
		const note = fixture('front-matter.md');
		expect(note.concepts.map((c) => [c.title, c.aliases, c.tags, c.source.line])).toEqual([
			['동기화', ['프로세스 동기화', 'Process Synchronization'], ['os', '동기화'], 5],
			['임계 구역', [], ['os', '동기화'], 9],
		]);
		expect(note.warnings).toEqual([]);
	});

	it('warns about broken YAML and still parses the rest', () => {
		const note = fixture('broken-front-matter.md');
		expect(note.warnings).toEqual([
			{
				file: 'broken-front-matter.md',
				reason:
					'notes: broken-front-matter.md has invalid front matter (Flow sequence in block collection must be sufficiently indented and end with a ]); ignored',
			},
		]);
		expect(note.concepts.map((c) => [c.title, c.definition, c.tags])).toEqual([
			['깨진 머리말', '머리말이 깨져도 본문은 그대로 읽힌다.', []],
		]);
	});

	it('reads a front matter block that is not a mapping as Markdown', () => {
		const note = parseNote('rules.md', '---\n# 규칙 사이\n\n본문\n\n---\n');
		expect(note.concepts.map((c) => [c.title, c.body, c.source.line])).toEqual([['규칙 사이', '본문', 2]]);
	});

	it('accepts front matter aliases and tags written as strings or lists', () => {
		const note = parseNote('s.md', '---\naliases: 별칭 하나, Second\ntags:\n  - "#os"\n  - linux\n---\n# 본문\n');
		expect(note.concepts[0]).toMatchObject({ aliases: ['별칭 하나', 'Second'], tags: ['os', 'linux'] });
	});

	it('titles a file without headings by its first line and warns', () => {
		const note = fixture('no-headings.md');
		expect(note.concepts.map((c) => [c.id, c.title, c.kind, c.source.line, c.facts])).toEqual([
			['no-headings#제목-없이-적은-메모이다', '제목 없이 적은 메모이다.', 'section', 1, ['목록도 하나 있다']],
		]);
		expect(note.warnings).toEqual([
			{ file: 'no-headings.md', reason: 'notes: no-headings.md has no headings; titled "제목 없이 적은 메모이다."' },
		]);
	});

	it('titles an empty file by its file name', () => {
		const note = parseNote('folder/빈 노트.md', '');
		expect(note.concepts.map((c) => [c.id, c.title, c.body])).toEqual([['folder/빈-노트#빈-노트', '빈 노트', '']]);
		expect(note.warnings).toEqual([
			{ file: 'folder/빈 노트.md', reason: 'notes: folder/빈 노트.md has no headings; titled "빈 노트"' },
		]);
	});

	it('keeps text before the first heading as a concept titled by the file name', () => {
		const note = parseNote('os/intro.md', '운영체제 개요를 먼저 적는다.\n\n# 본문\n');
		expect(note.concepts.map((c) => [c.title, c.source.line, c.parentId])).toEqual([
			['intro', 1, null],
			['본문', 3, null],
		]);
	});

	it('disambiguates repeated titles with the parent, then with a counter', () => {
		expect(fixture('duplicates.md').concepts.map((c) => c.id)).toEqual([
			'duplicates#정렬',
			'duplicates#예시',
			'duplicates#정렬/예시',
			'duplicates#정렬/예시-2',
			'duplicates#탐색',
			'duplicates#탐색/예시',
		]);
	});

	it('slugifies with NFKC, lower case, Hangul kept, at most 60 characters; file slugs keep folders', () => {
		expect(slugify('ＳＥＬｉｎｕｘ  보안 모듈 (v2)!')).toBe('selinux-보안-모듈-v2');
		expect(slugify(`${'a'.repeat(59)} bcd`)).toBe('a'.repeat(59));
		expect(fileSlug('OS/Process Sync.markdown')).toBe('os/process-sync');
		expect(fileSlug('tech-notes-ko/gyoogle__Computer Science__Data Structure__Stack & Queue.md')).toBe(
			'tech-notes-ko/gyoogle-computer-science-data-structure-stack-queue',
		);
	});
});

describe('parseNote: robustness', () => {
	it('keeps line numbers with CRLF, a BOM and patched `#제목` lines', () => {
		const note = parseNote('crlf.md', '\uFEFF#첫째\r\n본문\r\n\r\n##둘째\r\n- 항목 : 설명하는 문장\r\n');
		expect(note.concepts.map((c) => [c.title, c.source.line, c.kind])).toEqual([
			['첫째', 1, 'section'],
			['둘째', 4, 'section'],
			['항목', 5, 'term'],
		]);
	});

	it('cuts long definitions at a word boundary near 400 characters', () => {
		const long = Array.from({ length: 120 }, (_, i) => `단어${i}`).join(' ');
		const definition = parseNote('long.md', `# 긴 글\n\n${long}\n`).concepts[0]?.definition ?? '';
		expect(definition.length).toBe(400);
		expect(definition.endsWith(' 단어80 단어81…')).toBe(true);
		expect(truncateMarkdown('짧다', 400)).toBe('짧다');
		expect(truncateMarkdown('가나다 [링크 글자](https://example.com/very/long) 라마', 20)).toBe('가나다…');
		expect(truncateMarkdown('가나다 [대괄호 그냥 글자 이어짐 아주 길게 계속 된다', 20)).toBe(
			'가나다 [대괄호 그냥 글자 이어짐…',
		);
		expect(truncateMarkdown('a `code span here` b', 12)).toBe('a…');
	});

	it('flattens absurdly deep nesting instead of overflowing the stack', () => {
		const quote = parseNote('deep.md', `# 깊이\n\n${'>'.repeat(3000)} 바닥\n`);
		expect(quote.concepts.map((c) => [c.title, c.body.endsWith('바닥')])).toEqual([['깊이', true]]);
		const list = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i * 2)}- 단계 ${i}`).join('\n');
		expect(parseNote('list.md', `# 목록\n\n${list}\n`).concepts.map((c) => c.title)).toEqual(['목록']);
	});

	it('numbers thousands of repeated titles without slowing down', () => {
		const ids = parseNote('same.md', `# 상위\n${'## 예시\n'.repeat(3000)}`).concepts.map((c) => c.id);
		expect(ids.slice(0, 4)).toEqual(['same#상위', 'same#예시', 'same#상위/예시', 'same#상위/예시-2']);
		expect(ids.at(-1)).toBe('same#상위/예시-2999');
		expect(new Set(ids).size).toBe(3001);
	});

	it('never throws and never returns an empty title on odd input', () => {
		let seed = 42;
		const random = (): number => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return seed / 2147483648;
		};
		const pieces = [
			'#',
			'##',
			'# ',
			'\n',
			'- ',
			'1. ',
			'> ',
			'```',
			'<details>',
			'<script>',
			'[[',
			']]',
			'**',
			':',
			'(',
			')',
			'---',
			'|',
			'가',
			'a',
			' ',
			'\t',
			'<!--',
			'==',
		];
		for (let round = 0; round < 200; round++) {
			const text = Array.from({ length: 60 }, () => pieces[Math.floor(random() * pieces.length)]).join('');
			const note = parseNote('fuzz.md', text);
			expect(note.concepts.length).toBeGreaterThan(0);
			for (const c of note.concepts) expect(c.title.trim()).not.toBe('');
			expect(new Set(note.concepts.map((c) => c.id)).size).toBe(note.concepts.length);
		}
	});
});

describe('name helpers', () => {
	it('cleans titles: numbers, emoji, wrapping brackets', () => {
		expect(
			[
				'1. 개요',
				'1.2 문맥 교환',
				'Ⅳ. 보안',
				'4.흐름 제어',
				'2022.05 회고',
				'1️⃣ 1차 캐시',
				'[ 예시 ]',
				'🔴 Red-Black 트리 ⚫️',
			].map(cleanTitle),
		).toEqual(['개요', '문맥 교환', '보안', '흐름 제어', '2022.05 회고', '1차 캐시', '예시', 'Red-Black 트리']);
	});

	it('derives aliases from parentheses and short lists only', () => {
		expect(nameAliases('하이퍼바이즈(Hypervisor)', false)).toEqual(['하이퍼바이즈', 'Hypervisor']);
		expect(nameAliases('깊이 우선 탐색 (Depth First Search: DFS)', false)).toEqual([
			'깊이 우선 탐색',
			'Depth First Search',
			'DFS',
		]);
		expect(nameAliases('SOP(Same-Origin-Policy, 동일 출처 정책)란 ?', false)).toEqual([]);
		expect(nameAliases('TCP/IP', false)).toEqual([]);
		expect(nameAliases('완전 그래프 (Complete Graph)', true)).toEqual(['완전 그래프', 'Complete Graph']);
	});

	it('recognises expansions by the letters of the short name', () => {
		expect(isExpansionOf('Security-Enhanced Linux', ['SELinux'])).toBe(true);
		expect(isExpansionOf('Application Armor', ['APPArmor'])).toBe(true);
		expect(isExpansionOf('advanced packaging tool', ['APT'])).toBe(true);
		expect(isExpansionOf('Index Structure', ['Index'])).toBe(false);
		expect(isExpansionOf('가상화 기술', ['가상화'])).toBe(false);
		expect(isExpansionOf('Linux', ['SELinux'])).toBe(false);
	});
});

describe('parseNote: line numbers from the lexer', () => {
	const lines = (name: string): [string, number][] => fixture(name).concepts.map((c) => [c.title, c.source.line]);

	it('keeps the line of every concept of the fixtures exactly as before', () => {
		expect(lines('broken-front-matter.md')).toEqual([['깨진 머리말', 5]]);
		expect(lines('duplicates.md')).toEqual([
			['정렬', 1],
			['예시', 3],
			['예시', 5],
			['예시', 7],
			['탐색', 9],
			['예시', 11],
		]);
		expect(lines('front-matter.md')).toEqual([
			['동기화', 5],
			['임계 구역', 9],
		]);
		expect(lines('html-and-links.md')).toEqual([
			['웹 보안', 1],
			['동일 출처 정책', 37],
		]);
		expect(lines('no-headings.md')).toEqual([['제목 없이 적은 메모이다.', 1]]);
		expect(lines('os/process.md')).toEqual([
			['프로세스(Process)', 1],
			['문맥 교환', 5],
			['PCB', 9],
			['정리', 13],
		]);
		expect(lines('os/thread.md')).toEqual([
			['스레드(Thread)', 1],
			['스레드 전환', 5],
		]);
		expect(lines('terms.md')).toEqual([
			['패키지 관리', 1],
			['APT', 3],
			['dpkg', 4],
			['접근 제어', 8],
			['MAC', 10],
			['DAC', 14],
			['가상화의 종류', 26],
			['나눠서 쓰는 공유(sharing)', 28],
			['자원 절연(resource insulation)', 29],
			['동기화 도구', 31],
			['Mutex', 33],
			['Semaphore', 35],
			['Spinlock', 37],
			['Monitor', 39],
			['교착 상태', 41],
			['Deadlock avoidance', 45],
			['SELinux', 47],
		]);
	});

	it('counts lines through block quotes with lazy lines, nested lists, task items and code', () => {
		const text = [
			'# 위', // 1
			'> 인용', // 2
			'게으른 줄', // 3
			'> **인용 용어** : 인용 안의 정의', // 4
			'', // 5
			'- [x] 할 일', // 6
			'  - **안쪽 용어** - 안쪽 정의', // 7
			'', // 8
			'```', // 9
			'# 코드', // 10
			'```', // 11
			'## 아래', // 12
		].join('\n');
		expect(parseNote('lines.md', text).concepts.map((c) => [c.title, c.source.line, c.kind])).toEqual([
			['위', 1, 'section'],
			['인용 용어', 4, 'term'],
			['안쪽 용어', 7, 'term'],
			['아래', 12, 'section'],
		]);
	});

	it('reads front matter closed by `...`, keeping the lines after it', () => {
		const note = parseNote('dots.md', '---\ntags: os\n...\n\n# 본문\n');
		expect(note.concepts.map((c) => [c.title, c.tags, c.source.line])).toEqual([['본문', ['os'], 5]]);
	});

	it('ignores, with a warning, front matter too long to be aliases and tags', () => {
		const note = parseNote('big.md', `---\n${'a: b\n'.repeat(20_000)}---\n# 본문\n`);
		expect(note.warnings).toEqual([{ file: 'big.md', reason: 'notes: big.md has front matter over 64 KiB; ignored' }]);
		expect(note.concepts.map((c) => [c.title, c.source.line])).toEqual([['본문', 20_003]]);
	});

	it('keeps blocks in order when `#제목` lines are patched', () => {
		const text = '#제목\n\n> 첫째 문단\n>\n> 둘째 문단\n\n- 하나\n- 둘\n\n#둘째 제목\n셋째 문단\n';
		expect(parseNote('order.md', text).concepts.map((c) => [c.title, c.body, c.source.line])).toEqual([
			['제목', '> 첫째 문단\n>\n> 둘째 문단\n\n- 하나\n- 둘', 1],
			['둘째 제목', '셋째 문단', 10],
		]);
	});
});

describe('parseNote: Discord-friendly bodies', () => {
	it('writes nested lists two spaces under a bullet, numbers ordered lists, keeps fences and quotes', () => {
		const text = [
			'# 목록',
			'',
			'* 하나',
			'    * 안쪽',
			'        * 더 안쪽',
			'* 둘',
			'',
			'3) 셋째부터',
			'4) 넷째',
			'',
			'```ts title="a.ts"',
			'const a = 1;',
			'```',
			'',
			'> 인용',
			'> > 안쪽 인용',
		].join('\n');
		expect(parseNote('body.md', text).concepts[0]?.body).toBe(
			[
				'- 하나\n  - 안쪽\n    - 더 안쪽\n- 둘',
				'3. 셋째부터\n4. 넷째',
				'```ts\nconst a = 1;\n```',
				'> 인용\n>\n> > 안쪽 인용',
			].join('\n\n'),
		);
	});

	it('keeps a list tight when only its items hold blank lines, and drops trailing spaces of term lines', () => {
		const text = '# 접근\n\n- MAC\n\n    강제 접근 제어\n- DAC\n\n    임의 접근 제어\n\n**용어**: 정의 문장이다   \n';
		const note = parseNote('spread.md', text);
		expect(note.concepts[0]?.body).toBe(
			'- MAC\n\n  강제 접근 제어\n- DAC\n\n  임의 접근 제어\n\n**용어**: 정의 문장이다',
		);
		expect(note.concepts.find((c) => c.title === '용어')?.body).toBe('**용어**: 정의 문장이다');
	});

	it('shows the content of an expansion item instead of the expansion line', () => {
		const note = fixture('terms.md');
		expect(concept(note, 'SELinux').body).toBe(
			'리눅스 커널 보안 모듈\n\n파일 라벨에 적용\n\n[참고 문서](https://example.com/selinux)',
		);
		const more = parseNote(
			'more.md',
			'#### APT\n1. Advanced Packaging Tool\n\n   패키지를 설치한다.\n2. 다른 항목\n\n끝 문단\n',
		);
		expect(more.concepts[0]).toMatchObject({
			aliases: ['Advanced Packaging Tool'],
			definition: '패키지를 설치한다.',
			body: '패키지를 설치한다.\n\n2. 다른 항목\n\n끝 문단',
		});
	});
});

describe('parseNote: names from introduction and question titles', () => {
	const aliases = (title: string): readonly string[] =>
		parseNote('t.md', `# ${title}\n\n본문이다.\n`).concepts[0]?.aliases ?? [];

	it('takes the subject of `About X`, `What is X?`, `Introduction to X` and `X란?` as an alias, keeping the title', () => {
		expect(parseNote('t.md', '# What is a Hypervisor?\n').concepts[0]?.title).toBe('What is a Hypervisor?');
		expect(
			[
				'What is a Hypervisor?',
				'What are Containers?',
				'Introduction to Docker',
				'About `sudo`',
				'What is a "Guest" Operating System?',
				'가상 메모리란?',
				'Serialization이란?',
				'레이란?',
				'프로세스란 무엇인가?',
				'스레드(이)란',
				'0-1 Knapsack 이란 ?',
				'그래서 정규화란 무엇인가?',
				'1. TCP / UDP 란?',
			].map(aliases),
		).toEqual([
			['Hypervisor'],
			['Containers'],
			['Docker'],
			['sudo'],
			['Guest Operating System'],
			['가상 메모리'],
			['Serialization'],
			['레이'],
			['프로세스'],
			['스레드'],
			['0-1 Knapsack'],
			['정규화'],
			['TCP / UDP', 'TCP', 'UDP'],
		]);
	});

	it('keeps a parenthesis that spells out or translates the subject, and drops one that qualifies it', () => {
		expect(aliases('About AppArmor (Debian)')).toEqual(['AppArmor']);
		expect(aliases('About Uncomplicated Firewall (UFW)')).toEqual(['Uncomplicated Firewall', 'UFW']);
		expect(aliases('What is a Virtual Machine (VM)?')).toEqual(['Virtual Machine', 'VM']);
		expect(aliases('하이퍼바이저(Hypervisor)란?')).toEqual(['하이퍼바이저', 'Hypervisor']);
		expect(aliases('트랜잭션(Transaction)이란 무엇인가?')).toEqual(['트랜잭션', 'Transaction']);
	});

	it('finds no subject in sentences, pronouns and words that merely end in 란', () => {
		expect(
			[
				'What is this?',
				'What is the difference between Apt and Aptitude?',
				'What is cron and what is wall?',
				'About the team and the tools we use every day here',
				'계란',
				'혼란',
				'DB에서 View는 무엇인가? 가상 테이블이란?',
			].map(aliases),
		).toEqual([[], [], [], [], [], [], []]);
	});

	it('lets a bold line naming the subject define the section, and finds terms defined in quotes', () => {
		const note = parseNote(
			'v.md',
			'## What is Virtualisation?\n\n**Virtualisation** is a technology that runs many systems on one machine.\n\nAnother paragraph.\n\n## DB\n\n- JDBC\n    > 자바에서 DB에 접근한다\n- ODBC\n    > 표준 인터페이스이다\n',
		);
		expect(note.concepts.map((c) => [c.title, c.kind, c.definition])).toEqual([
			[
				'What is Virtualisation?',
				'section',
				'**Virtualisation** is a technology that runs many systems on one machine.',
			],
			['DB', 'section', ''],
			['JDBC', 'term', '자바에서 DB에 접근한다'],
			['ODBC', 'term', '표준 인터페이스이다'],
		]);
	});
});

describe('parseNote: hostile notes', () => {
	const MiB = 1024 * 1024;
	const wellFormed = (note: ParsedNote): void => {
		expect(note.concepts.length).toBeGreaterThan(0);
		for (const c of note.concepts) expect(c.title.trim()).not.toBe('');
		expect(new Set(note.concepts.map((c) => c.id)).size).toBe(note.concepts.length);
	};

	it('reads runs of brackets, emphasis and code marks as text', () => {
		for (const text of [
			'[['.repeat(20_000),
			'['.repeat(20_000),
			'*a'.repeat(MiB / 2),
			'_'.repeat(MiB),
			'`'.repeat(MiB),
		]) {
			const note = parseNote('hostile.md', `# 제목\n\n앞 ${text} 끝\n`);
			wellFormed(note);
			expect(note.concepts.map((c) => c.title)).toEqual(['제목']);
			expect(note.concepts[0]?.body.length).toBeGreaterThan(text.length / 2);
			expect(note.concepts[0]?.body.endsWith('끝')).toBe(true);
		}
	});

	it('flattens containers nested thousands deep, on one line or many', () => {
		const quotes = parseNote('quotes.md', `# 인용\n\n${'>'.repeat(5000)} 바닥\n`);
		wellFormed(quotes);
		expect(quotes.concepts[0]?.body.endsWith('바닥')).toBe(true);
		const bullets = parseNote('bullets.md', `# 목록\n\n${'- '.repeat(5000)}바닥\n`);
		wellFormed(bullets);
		expect(bullets.concepts[0]?.body.endsWith('바닥')).toBe(true);
		const indented = Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- 단계 ${i}`).join('\n');
		const list = parseNote('indented.md', `# 목록\n\n${indented}\n`);
		expect(list.concepts.map((c) => c.title)).toEqual(['목록']);
		expect(list.concepts[0]?.body).toContain('단계 999');
	});

	it('reads a single line of a mebibyte, and emphasis nested thousands deep', () => {
		const line = parseNote('line.md', 'abc def '.repeat(MiB / 8));
		wellFormed(line);
		expect(line.concepts[0]?.definition.length).toBeLessThanOrEqual(400);
		const nested = parseNote('nested.md', `# 강조\n\n${'*a '.repeat(2000)}b${' a*'.repeat(2000)}\n`);
		wellFormed(nested);
		expect(nested.concepts[0]?.body).toContain('b');
	});
});
