import { describe, expect, it } from 'vitest';
import type { Concept } from '../../src/notes/concept.ts';
import { buildSearchIndex, type SearchHit, sameNameKey } from '../../src/search/index.ts';

// ---------------------------------------------------------------------------------------------------------------------
// Fixture: hand-built concepts shaped like the parser's output for data/notes/virtualization-and-security.md,
// English notes that share two titles with it, and a few unrelated concepts.

/** A concept with defaults for every field the test does not care about. */
function concept(fields: Partial<Concept> & Pick<Concept, 'id' | 'title'>): Concept {
	const file = fields.source?.file ?? `${fields.id.split('#')[0] ?? 'note'}.md`;
	return {
		aliases: [],
		definition: '',
		body: fields.definition ?? '',
		source: { file, headingPath: [fields.title], line: 1 },
		kind: 'section',
		parentId: null,
		childIds: [],
		relatedIds: [],
		facts: [],
		tags: [],
		...fields,
	};
}

const VIRT = 'virtualization-and-security';
const ROOT = '가상 머신과 도커 컨테이너';
const WHY = '가상화를 사용하는 이유';
const MODULES = '보안 모듈';

function at(path: readonly string[], line: number): Concept['source'] {
	return { file: `${VIRT}.md`, headingPath: path, line };
}

const SELINUX_FACTS = [
	'Security-Enhanced Linux',
	'강제 접근 제어를 포함한 접근 제어 보안 정책 지원',
	'리눅스 커널 보안 모듈, 다양한 리눅스 배포판에 추가 가능',
	'RedHat 계열(RHEL, Fedora, CentOS)',
	'시스템 전체에 보안 설정',
	'파일 라벨에 적용',
	'경로 대신 아이노드 번호로 파일 시스템 객체들을 구별',
	'CentOS에서 사용',
];
const APPARMOR_FACTS = [
	'Application Armor',
	'시스템 관리자가 프로그램 프로필 별로 프로그램 역량을 제한할 수 있게 해주는 리눅스 커널 보안 모듈',
	'SUSE계열 (SUSE Linux), 데비안 계열(Debian, Ubuntu)',
	'개별 응용 프로그램을 보호하는 일에 집중',
	'응용 프로그램 단위의 보안 모델 구현',
	'AppArmor는 SELinus를 부분 대체',
	'파일 경로에 적용',
	'Debian에서 사용',
	'`enforce모드` : 허가되지 않는 파일에 접근하는 것을 거부',
	'`complain모드` : 실질적 보안 X, 의도된 행동이 아닌경우 로그만 남겨줌',
];

/** The concepts of data/notes/virtualization-and-security.md, as the parser makes them. */
function virtualizationNotes(): Concept[] {
	return [
		concept({
			id: `${VIRT}#가상-머신과-도커-컨테이너`,
			title: ROOT,
			definition:
				'가상화 기술은 [하이퍼바이저](https://www.redhat.com/ko/topics/virtualization/what-is-a-hypervisor)를 이용해 여러 개의 운영체제를 하나의 호스트에서 생성해 사용하는 방식',
			source: at([ROOT], 1),
			childIds: [`${VIRT}#하이퍼바이즈-hypervisor`, `${VIRT}#가상화`, `${VIRT}#가상화를-사용하는-이유`, `${VIRT}#참고`],
		}),
		concept({
			id: `${VIRT}#하이퍼바이즈-hypervisor`,
			title: '하이퍼바이즈(Hypervisor)',
			aliases: ['하이퍼바이즈', 'Hypervisor'],
			definition: '하이퍼바이저는 공유 자원을 관리하고 VM을 컨트롤 하는 중간 관리자',
			body: '하이퍼바이저는 공유 자원을 관리하고 VM을 컨트롤 하는 중간 관리자\n\n하이퍼바이저는 하드웨어를 직접 제어할 수 있음. -> VM에 대한 라이프 사이클 관리, 실시간 리소스 할당, VM 정책 정의등 기능 수행',
			source: at([ROOT, '하이퍼바이즈(Hypervisor)'], 6),
			parentId: `${VIRT}#가상-머신과-도커-컨테이너`,
		}),
		concept({
			id: `${VIRT}#가상화`,
			title: '가상화',
			definition: '가상화란 물리적인 자원을 동시에 다수의 논리적 자원으로 사용하는 것',
			source: at([ROOT, '가상화'], 13),
			parentId: `${VIRT}#가상-머신과-도커-컨테이너`,
		}),
		concept({
			id: `${VIRT}#가상화를-사용하는-이유`,
			title: WHY,
			body: '원도우가 single-user Inferface 운영체제라 자원 낭비가 심해서 가상화 기술이 발전했다고 주장.\n\n빠른 시장 변화에 높은 적응력\n\n보안 수준을 높일 수 있음(접근을 원천 차단)',
			source: at([ROOT, WHY], 16),
			parentId: `${VIRT}#가상-머신과-도커-컨테이너`,
			childIds: [`${VIRT}#가상화의-종류`, `${VIRT}#lvm-logical-volume-manager`, `${VIRT}#보안-모듈`],
		}),
		concept({
			id: `${VIRT}#가상화의-종류`,
			title: '가상화의 종류',
			body: '1. 나눠서 쓰는 공유(sharing) : 다수의 가상 자원을 하나의 물리적 자우너과 연결시켜, 시간 분할 기법으로 물리적 자원을 공유\n2. 합쳐서 쓰는 집합(aggregation) : 여러개의 자우너을 하나로 묶어서 물리적인 용량과 성능을 향상시키고, 하나의 논리 장치로 관리',
			source: at([ROOT, WHY, '가상화의 종류'], 25),
			parentId: `${VIRT}#가상화를-사용하는-이유`,
		}),
		concept({
			id: `${VIRT}#lvm-logical-volume-manager`,
			title: 'LVM(Logical Volume Manager)',
			aliases: ['LVM', 'Logical Volume Manager'],
			definition:
				'[논리적인(Logical) 공간(Volume)을 만들게(Manager) 해주는 프로그램](https://mamu2830.blogspot.com/2019/12/lvmpv-vg-lv-pe-lvm.html)',
			source: at([ROOT, WHY, 'LVM(Logical Volume Manager)'], 31),
			parentId: `${VIRT}#가상화를-사용하는-이유`,
		}),
		concept({
			id: `${VIRT}#보안-모듈`,
			title: MODULES,
			source: at([ROOT, WHY, MODULES], 46),
			parentId: `${VIRT}#가상화를-사용하는-이유`,
			childIds: [`${VIRT}#selinux`, `${VIRT}#apparmor`, `${VIRT}#mac`],
		}),
		concept({
			id: `${VIRT}#selinux`,
			title: 'SELinux',
			aliases: ['Security-Enhanced Linux'],
			definition: '강제 접근 제어를 포함한 접근 제어 보안 정책 지원',
			body: SELINUX_FACTS.join('\n\n'),
			facts: SELINUX_FACTS.slice(1),
			source: at([ROOT, WHY, MODULES, 'SELinux'], 48),
			parentId: `${VIRT}#보안-모듈`,
		}),
		concept({
			id: `${VIRT}#apparmor`,
			title: 'APPArmor',
			aliases: ['Application Armor'],
			definition: APPARMOR_FACTS[1] ?? '',
			body: APPARMOR_FACTS.join('\n\n'),
			facts: APPARMOR_FACTS.slice(1),
			source: at([ROOT, WHY, MODULES, 'APPArmor'], 70),
			parentId: `${VIRT}#보안-모듈`,
		}),
		concept({
			id: `${VIRT}#mac`,
			title: 'MAC',
			aliases: ['Mandatory Access Control', '강제접근제어'],
			definition: 'Mandatory Access Control, 강제접근제어',
			source: at([ROOT, WHY, MODULES, 'Access Contorl, 접근 통제'], 101),
			kind: 'term',
			parentId: `${VIRT}#보안-모듈`,
		}),
		concept({
			id: `${VIRT}#dac`,
			title: 'DAC',
			aliases: ['Discretionary Access Control', '임의접근제어'],
			definition: 'Discretionary Access Control, 임의접근제어',
			source: at([ROOT, WHY, MODULES, 'Access Contorl, 접근 통제'], 104),
			kind: 'term',
			parentId: `${VIRT}#보안-모듈`,
		}),
		concept({
			id: `${VIRT}#apt`,
			title: 'APT',
			aliases: ['advanced packaging tool'],
			definition: 'advanced packaging tool',
			facts: [
				'apt 온라인 리포지포리에서 패키지 다운받고 설치, dpkg, apt-get, apt-cache, apt같은 구체적인 이름들이 존재',
			],
			source: at([ROOT, WHY, '우분투 패키지 관리 툴'], 113),
			kind: 'term',
		}),
		concept({
			id: `${VIRT}#참고`,
			title: '참고',
			body: 'https://parkseunghan.notion.site/Born2beroot-Subject-6d594d567ed843ba82d7369b0149efe5',
			source: at([ROOT, '참고'], 122),
			parentId: `${VIRT}#가상-머신과-도커-컨테이너`,
		}),
	];
}

/** English notes on the same modules (same titles as the Korean ones), and a few unrelated concepts. */
function otherNotes(): Concept[] {
	const en = (id: string, title: string, definition: string, extra: Partial<Concept> = {}): Concept =>
		concept({
			id: `linux-security#${id}`,
			title,
			definition,
			source: { file: 'linux-security.md', headingPath: ['Linux security', title], line: 1 },
			...extra,
		});
	return [
		en('linux-security', 'Linux security', 'Notes on hardening a Debian server.', {
			source: { file: 'linux-security.md', headingPath: ['Linux security'], line: 1 },
		}),
		en(
			'apparmor',
			'AppArmor',
			'AppArmor is a Linux security module that applies to file paths: each program has a profile listing the paths it may open.',
		),
		en(
			'selinux',
			'SELinux',
			'SELinux is a Linux security module that applies labels to files and processes, enforced by policy.',
		),
		en('참고', '참고', 'See the Debian wiki.'),
		en('http', 'HTTP(HyperText Transfer Protocol)', 'The protocol of the web.', {
			aliases: ['HTTP', 'HyperText Transfer Protocol'],
		}),
		concept({
			id: 'os#스케줄링',
			title: '스케줄링',
			definition: 'CPU를 어떤 프로세스에 언제 줄지 정하는 일',
			source: { file: 'os.md', headingPath: ['운영체제', '스케줄링'], line: 10 },
		}),
		concept({
			id: 'os#프로세스',
			title: '프로세스',
			aliases: ['Process'],
			definition: '실행 중인 프로그램',
			source: { file: 'os.md', headingPath: ['운영체제', '프로세스'], line: 20 },
		}),
		concept({
			id: 'os#프로세스와-스레드',
			title: '프로세스와 스레드',
			definition: '프로세스는 자원을 할당받는 단위, 스레드는 실행 흐름의 단위',
			source: { file: 'os.md', headingPath: ['운영체제', '프로세스와 스레드'], line: 30 },
		}),
		concept({
			id: 'os#컴파일러',
			title: '컴파일러',
			definition: '소스 코드를 기계어로 바꿔 주는 프로그램',
			source: { file: 'os.md', headingPath: ['운영체제', '컴파일러'], line: 40 },
		}),
	];
}

/** Everything above, Korean notes first. */
function allNotes(): Concept[] {
	return [...virtualizationNotes(), ...otherNotes()];
}

// ---------------------------------------------------------------------------------------------------------------------

const V = 'virtualization-and-security';
const index = buildSearchIndex(allNotes());

function ids(hits: readonly SearchHit[]): string[] {
	return hits.map((hit) => hit.concept.id);
}

function summary(hits: readonly SearchHit[]): [string, string, string | null, string[]][] {
	return hits.map((hit) => [hit.concept.id, hit.match, hit.matchedName, hit.alsoIn.map((c) => c.id)]);
}

function conceptIds(concepts: readonly Concept[]): string[] {
	return concepts.map((c) => c.id);
}

describe('buildSearchIndex', () => {
	it('keeps the concepts, in order, by id', () => {
		const notes = allNotes();
		const built = buildSearchIndex(notes);
		expect(built.size).toBe(22);
		expect(conceptIds(built.all())).toEqual(conceptIds(notes));
		expect(built.get(`${V}#apparmor`)?.title).toBe('APPArmor');
		expect(built.get('nope')).toBe(undefined);
	});

	it('answers nothing on an empty index', () => {
		const empty = buildSearchIndex([]);
		expect(empty.size).toBe(0);
		expect(empty.search('SELinux')).toEqual([]);
		expect(empty.autocomplete('')).toEqual([]);
		expect(empty.autocomplete('s')).toEqual([]);
		expect(empty.suggest('selinx')).toEqual([]);
	});
});

describe('search: names', () => {
	it('matches a title or alias by compact key, whatever the spacing, case or width', () => {
		expect(summary(index.search('강제 접근 제어')).slice(0, 1)).toEqual([[`${V}#mac`, 'exact', '강제접근제어', []]]);
		const selinux = [[`${V}#selinux`, 'exact', 'SELinux', ['linux-security#selinux']]];
		expect(summary(index.search('se linux'))).toEqual(selinux);
		expect(summary(index.search('ＳＥＬｉｎｕｘ'))).toEqual(selinux);
		expect(summary(index.search('mac'))).toEqual([[`${V}#mac`, 'exact', 'MAC', []]]);
	});

	it('ranks names that start with the query, the closest to the whole name first', () => {
		expect(summary(index.search('hyper'))).toEqual([
			[`${V}#하이퍼바이즈-hypervisor`, 'prefix', 'Hypervisor', []],
			['linux-security#http', 'prefix', 'HyperText Transfer Protocol', []],
		]);
	});

	it('matches a 초성 query against the initials of names, also with spaces or mixed with syllables', () => {
		expect(summary(index.search('ㅎㅇㅍㅂㅇㅈ'))).toEqual([
			[`${V}#하이퍼바이즈-hypervisor`, 'initials', '하이퍼바이즈', []],
		]);
		const virtualization = [
			[`${V}#가상화`, 'initials', '가상화', []],
			[`${V}#가상화의-종류`, 'initials', '가상화의 종류', []],
			[`${V}#가상화를-사용하는-이유`, 'initials', '가상화를 사용하는 이유', []],
		];
		expect(summary(index.search('ㄱㅅ ㅎ'))).toEqual(virtualization);
		expect(summary(index.search('ㄱㅅ화'))).toEqual(virtualization);
	});

	it.each([
		['하이퍼바이저', `${V}#하이퍼바이즈-hypervisor`, '하이퍼바이즈'],
		['apparmour', `${V}#apparmor`, 'APPArmor'],
		['aparmor', `${V}#apparmor`, 'APPArmor'],
		['selinx', `${V}#selinux`, 'SELinux'],
		['hypervisr', `${V}#하이퍼바이즈-hypervisor`, 'Hypervisor'],
		['스캐쥴링', 'os#스케줄링', '스케줄링'],
	])('tolerates the typo %s', (query, id, name) => {
		const [first] = index.search(query);
		expect([first?.concept.id, first?.match, first?.matchedName]).toEqual([id, 'typo', name]);
	});

	it('looks up the name a question asks about, a little below the name typed alone', () => {
		expect(summary(index.search('SELinux는 뭐야?'))).toEqual([
			[`${V}#selinux`, 'exact', 'SELinux', ['linux-security#selinux']],
		]);
		expect(index.search('SELinux는 뭐야?')[0]?.score).toBeCloseTo(4.8, 10);
		expect(summary(index.search('what is apparmor'))).toEqual([
			[`${V}#apparmor`, 'exact', 'APPArmor', ['linux-security#apparmor']],
		]);
		expect(summary(index.search('하이퍼바이저가 뭐야')).slice(0, 1)).toEqual([
			[`${V}#하이퍼바이즈-hypervisor`, 'typo', '하이퍼바이즈', []],
		]);
	});

	it('finds nothing for garbage', () => {
		expect(index.search('qwzxv')).toEqual([]);
		expect(index.search('zzzzzzzzzzzz')).toEqual([]);
	});

	it('puts every name match before the full-text matches', () => {
		const hits = index.search('가상화');
		expect(hits.map((hit) => hit.match)).toEqual(['exact', 'prefix', 'prefix', ...Array<string>(7).fill('fulltext')]);
		expect(ids(hits).slice(0, 3)).toEqual([`${V}#가상화`, `${V}#가상화의-종류`, `${V}#가상화를-사용하는-이유`]);
		expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((a, b) => b - a));
		expect(hits[0]?.score).toBe(4.9);
	});

	it('honours the limit', () => {
		expect(ids(index.search('가상화', { limit: 2 }))).toEqual([`${V}#가상화`, `${V}#가상화의-종류`]);
		expect(index.search('가상화', { limit: 0 })).toEqual([]);
		expect(index.search('가상화', { limit: -3 })).toEqual([]);
		expect(index.search('가상화', { limit: Number.NaN })).toHaveLength(10);
	});
});

describe('search: full text', () => {
	it('answers a Korean question with particles, preferring the concept that says so over its neighbour', () => {
		expect(summary(index.search('파일 경로에 적용하는 보안 모듈'))).toEqual([
			[`${V}#apparmor`, 'fulltext', null, ['linux-security#apparmor']],
			[`${V}#selinux`, 'fulltext', null, ['linux-security#selinux']],
		]);
		expect(ids(index.search('시스템 전체에 보안 설정'))).toEqual([`${V}#selinux`]);
	});

	it('does not return a concept because one word of the question matched', () => {
		// 컴파일러 is also a 프로그램, but says nothing else of the question.
		expect(ids(index.search('논리적인 공간을 만들게 해주는 프로그램'))).toEqual([`${V}#lvm-logical-volume-manager`]);
		expect(ids(index.search('프로세스 스레드 차이'))).toEqual(['os#프로세스와-스레드']);
	});

	it('answers an English question from English notes', () => {
		expect(summary(index.search('which Linux security module applies to file paths'))).toEqual([
			['linux-security#apparmor', 'fulltext', null, [`${V}#apparmor`]],
			['linux-security#selinux', 'fulltext', null, [`${V}#selinux`]],
		]);
	});
});

describe('search: duplicates and determinism', () => {
	it('collapses concepts with the same title into the best one', () => {
		expect(summary(index.search('참고'))).toEqual([['linux-security#참고', 'exact', '참고', [`${V}#참고`]]]);
		expect(summary(index.search('apparmor'))).toEqual([
			[`${V}#apparmor`, 'exact', 'APPArmor', ['linux-security#apparmor']],
		]);
	});

	it('collapses titles that name the same thing in another order or spacing', () => {
		const named = buildSearchIndex([
			concept({ id: 'a#ufw', title: 'UFW (Uncomplicated Firewall)', aliases: ['UFW', 'Uncomplicated Firewall'] }),
			concept({
				id: 'b#ufw',
				title: 'Uncomplicated Firewall (UFW)',
				aliases: ['Uncomplicated Firewall', 'UFW'],
				definition: 'longer text',
			}),
			concept({ id: 'c#mac', title: '강제 접근 제어' }),
			concept({ id: 'd#mac', title: '강제접근제어' }),
		]);
		expect(summary(named.search('ufw'))).toEqual([['b#ufw', 'exact', 'UFW', ['a#ufw']]]);
		expect(summary(named.search('강제 접근 제어'))).toEqual([['c#mac', 'exact', '강제 접근 제어', ['d#mac']]]);
		expect(sameNameKey('UFW (Uncomplicated Firewall)')).toBe('ufw|uncomplicatedfirewall');
	});

	it('gives the same answers whatever the order of the concepts', () => {
		const reversed = buildSearchIndex([...allNotes()].reverse());
		for (const query of ['가상화', '참고', '파일 경로에 적용하는 보안 모듈', 'ㄱㅅ', 'hyper', 'selinx', 'security']) {
			expect(summary(reversed.search(query))).toEqual(summary(index.search(query)));
			expect(conceptIds(reversed.autocomplete(query))).toEqual(conceptIds(index.autocomplete(query)));
		}
	});

	it('breaks ties by section before term', () => {
		const tied = buildSearchIndex([
			concept({ id: 'a#lvm', title: 'LVM', kind: 'term', definition: 'a much longer definition of the term' }),
			concept({ id: 'b#lvm', title: 'LVM', kind: 'section', definition: 'short' }),
		]);
		expect(summary(tied.search('lvm'))).toEqual([['b#lvm', 'exact', 'LVM', ['a#lvm']]]);
	});

	it('breaks ties by richer concept, then id', () => {
		const tied = buildSearchIndex([
			concept({ id: 'b#same', title: 'Same', definition: 'short' }),
			concept({ id: 'c#same', title: 'Same', definition: 'a much longer definition' }),
			concept({ id: 'a#same', title: 'Same', definition: 'short' }),
		]);
		expect(summary(tied.search('same'))).toEqual([['c#same', 'exact', 'Same', ['a#same', 'b#same']]]);
	});
});

describe('autocomplete', () => {
	it('suggests from the first jamo or syllable', () => {
		expect(conceptIds(index.autocomplete('ㅎ'))).toEqual([
			`${V}#하이퍼바이즈-hypervisor`,
			`${V}#가상화`,
			`${V}#가상화의-종류`,
			`${V}#가상화를-사용하는-이유`,
		]);
		expect(conceptIds(index.autocomplete('하'))).toEqual([
			`${V}#하이퍼바이즈-hypervisor`,
			`${V}#가상화를-사용하는-이유`,
		]);
	});

	it('completes a half-typed syllable and 초성', () => {
		const virtualization = [
			`${V}#가상화`,
			`${V}#가상화의-종류`,
			`${V}#가상화를-사용하는-이유`,
			`${V}#가상-머신과-도커-컨테이너`,
		];
		expect(conceptIds(index.autocomplete('가사'))).toEqual(virtualization);
		expect(conceptIds(index.autocomplete('ㄱㅅ'))).toEqual(virtualization);
		expect(conceptIds(index.autocomplete('ㅎㅇ'))).toEqual([`${V}#하이퍼바이즈-hypervisor`]);
	});

	it('completes English and falls back to names containing the input', () => {
		expect(conceptIds(index.autocomplete('se'))).toEqual([`${V}#selinux`, 'linux-security#linux-security']);
		expect(conceptIds(index.autocomplete('상화'))).toEqual([
			`${V}#가상화`,
			`${V}#가상화의-종류`,
			`${V}#가상화를-사용하는-이유`,
		]);
	});

	it('gives the central concepts for empty input, one per title', () => {
		const central = index.autocomplete('');
		expect(central[0]?.id).toBe(`${V}#가상-머신과-도커-컨테이너`);
		expect(central).toHaveLength(19);
		expect(new Set(central.map((c) => c.title.toLowerCase())).size).toBe(19);
		expect(conceptIds(index.autocomplete('   '))).toEqual(conceptIds(central));
	});

	it('returns at most 25, shortest names first', () => {
		const many = buildSearchIndex(
			Array.from({ length: 40 }, (_, i) => concept({ id: `many#topic-${i + 1}`, title: `Topic ${i + 1}` })),
		);
		const completions = many.autocomplete('topic');
		expect(completions).toHaveLength(25);
		expect(conceptIds(completions.slice(0, 9))).toEqual(Array.from({ length: 9 }, (_, i) => `many#topic-${i + 1}`));
		expect(many.autocomplete('topic', 100)).toHaveLength(25);
		expect(many.autocomplete('topic', 3)).toHaveLength(3);
		expect(many.autocomplete('', 50)).toHaveLength(25);
	});
});

describe('suggest', () => {
	it('offers the nearest names', () => {
		expect(conceptIds(index.suggest('hypervisr'))).toEqual([`${V}#하이퍼바이즈-hypervisor`]);
		expect(conceptIds(index.suggest('하이퍼바이저'))).toEqual([`${V}#하이퍼바이즈-hypervisor`]);
		expect(conceptIds(index.suggest('프로세'))).toEqual(['os#프로세스', 'os#프로세스와-스레드']);
		expect(conceptIds(index.suggest('lvn'))).toEqual([`${V}#lvm-logical-volume-manager`]);
	});

	it('offers nothing for empty input or garbage', () => {
		expect(index.suggest('')).toEqual([]);
		expect(index.suggest('  ')).toEqual([]);
		expect(index.suggest('qwzxv')).toEqual([]);
	});

	it('honours the limit', () => {
		expect(conceptIds(index.suggest('프로세', 1))).toEqual(['os#프로세스']);
	});
});

describe('hostile input', () => {
	const inputs = [
		'',
		' \t\n ',
		'😀',
		'👩‍👩‍👧‍👦🇰🇷',
		'\ud800',
		'abc\udc00def',
		'\u0000\u0001',
		'.*+?()[]{}|\\^$',
		'a'.repeat(10_000),
		'가'.repeat(10_000),
		'ㅎ'.repeat(10_000),
		'ﷺ'.repeat(5_000),
		`SELinux ${'x '.repeat(5_000)}`,
	];

	it.each(inputs.map((input) => [input.slice(0, 12), input]))('survives %j', (_label, input) => {
		expect(Array.isArray(index.search(input))).toBe(true);
		expect(index.autocomplete(input).length).toBeLessThanOrEqual(25);
		expect(index.suggest(input).length).toBeLessThanOrEqual(5);
	});

	it('answers nothing to empty or blank queries', () => {
		expect(index.search('')).toEqual([]);
		expect(index.search(' \t\n ')).toEqual([]);
		expect(index.search('😀')).toEqual([]);
	});
});
