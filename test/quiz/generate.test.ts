import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import type { Concept } from '../../src/notes/concept.ts';
import { linkNotes } from '../../src/notes/link.ts';
import { parseNote } from '../../src/notes/parse.ts';
import {
	buildQuestionPool,
	drawQuestions,
	hasDuplicateOptions,
	leaks,
	QUESTION_LIMITS,
	type QuestionPool,
} from '../../src/quiz/generate.ts';
import { cutAtWord, MASK, nameMatcher, plainLine } from '../../src/quiz/mask.ts';
import type { Question, QuestionKind } from '../../src/quiz/question.ts';
import { seededRandom, shuffled } from '../../src/quiz/random.ts';
import { loadConcepts } from '../support/notes.ts';

const DEFAULT_NOTES = path.join(PROJECT_DIR, 'data/notes');
const FIXTURES = [path.join(PROJECT_DIR, 'test/fixtures/notes'), path.join(PROJECT_DIR, 'test/fixtures/query-notes')];
const ALL_KINDS: QuestionKind[] = ['term', 'definition', 'acronym', 'expansion', 'applies-to', 'true-false'];

/** Concepts of notes given as text, keyed by file path. */
function conceptsOf(files: Record<string, string>): Concept[] {
	return linkNotes(Object.entries(files).map(([file, text]) => parseNote(file, text))).concepts;
}

function only(questions: readonly Question[], where: (question: Question) => boolean): Question {
	const found = questions.filter(where);
	if (found.length !== 1) throw new Error(`expected one question, found ${found.length}`);
	return found[0] as Question;
}

function answerOf(question: Question): string | undefined {
	return question.options[question.answer];
}

function countByKind(pool: QuestionPool): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const question of pool.questions) counts[question.kind] = (counts[question.kind] ?? 0) + 1;
	return counts;
}

const SYNC = `# 동기화 도구

## 뮤텍스(Mutex)
뮤텍스는 한 번에 하나의 스레드만 임계 구역에 들어가게 하는 잠금이다. A mutex is a lock; MUTEXES have owners.

- 소유자만 잠금을 풀 수 있다
- 이진 세마포어와 비슷하다

## 세마포어(Semaphore)
세마포어는 동시에 들어갈 수 있는 스레드 수를 세는 정수 변수이다.

- 누구나 신호를 보낼 수 있다
- 카운터가 0이면 기다린다

## 스핀락(Spinlock)
스핀락은 잠금이 풀릴 때까지 바쁘게 기다리는 잠금이다.

## 모니터(Monitor)
모니터는 잠금과 조건 변수를 함께 묶은 구조이다.
`;

const ACCESS = `메모

- 강제 접근 제어 : 강제접근제어를 쓰면 관리자가 정한 규칙만 따른다
- 임의 접근 제어 : 소유자가 권한을 직접 나눠 준다
- 역할 기반 접근 제어 : 역할에 권한을 준다
- 속성 기반 접근 제어 : 속성으로 권한을 판단한다
`;

const defaultConcepts = await loadConcepts([DEFAULT_NOTES]);
const withFixtures = await loadConcepts([DEFAULT_NOTES, ...FIXTURES]);

describe('buildQuestionPool on the default notes', () => {
	const concepts = defaultConcepts;
	const pool = buildQuestionPool(concepts);

	it('gives every kind of question, in these numbers', () => {
		expect(countByKind(pool)).toEqual({
			term: 12,
			definition: 12,
			acronym: 6,
			expansion: 6,
			'applies-to': 22,
			'true-false': 40,
		});
		expect(pool.topics()).toEqual(['가상 머신과 도커 컨테이너']);
	});

	it('asks which security module applies to file paths: AppArmor, against the facts of its sibling SELinux', () => {
		const question = only(
			pool.questions,
			(q) =>
				q.kind === 'applies-to' &&
				q.conceptId === 'virtualization-and-security#apparmor' &&
				answerOf(q) === '파일 경로에 적용',
		);
		expect(question).toEqual({
			id: 'ap-o9e1ive72hoq',
			kind: 'applies-to',
			conceptId: 'virtualization-and-security#apparmor',
			stem: 'Which of these applies to **APPArmor**?',
			options: [
				'경로 대신 아이노드 번호로 파일 시스템 객체들을 구별',
				'강제 접근 제어를 포함한 접근 제어 보안 정책 지원',
				'파일 경로에 적용',
				'파일 라벨에 적용',
			],
			answer: 2,
			explanation: '**APPArmor**: 파일 경로에 적용\nThe other options are about **SELinux**.',
			source: {
				file: 'virtualization-and-security.md',
				headingPath: ['가상 머신과 도커 컨테이너', '가상화를 사용하는 이유', '보안 모듈', 'APPArmor'],
				line: 60,
			},
			topic: '가상 머신과 도커 컨테이너',
		});
		expect(pool.get(question.id)).toBe(question);
	});

	it('states a fact of AppArmor about SELinux as a false statement, and SELinux facts as true ones', () => {
		const selinux = pool.questions.filter(
			(q) => q.kind === 'true-false' && q.conceptId === 'virtualization-and-security#selinux',
		);
		const statement = (q: Question): string => q.stem.split('\n')[1] ?? '';
		expect(only(selinux, (q) => statement(q) === '> 파일 경로에 적용')).toMatchObject({
			stem: 'True or false? About **SELinux**:\n> 파일 경로에 적용',
			options: ['True', 'False'],
			answer: 1,
			explanation: 'False: the notes say this of **APPArmor**, not of **SELinux**.\n> 파일 경로에 적용',
		});
		expect(only(selinux, (q) => statement(q) === '> 파일 라벨에 적용').answer).toBe(0);
		expect(selinux.filter((q) => q.answer === 0)).toHaveLength(7);
		expect(selinux.filter((q) => q.answer === 1)).toHaveLength(7);
	});

	it('asks for the term of a definition with the Hangul name, its misspelling and its English alias masked', () => {
		const question = only(
			pool.questions,
			(q) => q.kind === 'term' && q.conceptId === 'virtualization-and-security#하이퍼바이즈-hypervisor',
		);
		expect(question.stem).toBe(
			'Which term matches this description from *가상 머신과 도커 컨테이너*?\n> ▢▢▢는 공유 자원을 관리하고 VM을 컨트롤 하는 중간 관리자',
		);
		expect(answerOf(question)).toBe('하이퍼바이즈(Hypervisor)');
		expect([...question.options].sort()).toEqual(
			['가상화', '가상화를 사용하는 이유', '가상화의 종류', '하이퍼바이즈(Hypervisor)'].sort(),
		);
	});

	it('asks acronyms both ways, with expansions and acronyms of nearby concepts as distractors', () => {
		const acronym = only(
			pool.questions,
			(q) => q.kind === 'acronym' && q.conceptId === 'virtualization-and-security#selinux',
		);
		expect(acronym.stem).toBe('What does **SELinux** stand for?');
		expect(answerOf(acronym)).toBe('Security-Enhanced Linux');
		expect([...acronym.options].sort()).toEqual(
			['Application Armor', 'Logical Volume Manager', 'Mandatory Access Control', 'Security-Enhanced Linux'].sort(),
		);
		const expansion = only(
			pool.questions,
			(q) => q.kind === 'expansion' && q.conceptId === 'virtualization-and-security#lvm-logical-volume-manager',
		);
		expect(expansion.stem).toBe('Which acronym stands for **Logical Volume Manager**?');
		expect(answerOf(expansion)).toBe('LVM');
		expect([...expansion.options].sort()).toEqual(['APPArmor', 'LVM', 'MAC', 'SELinux']);
	});

	it('shows a linked definition as its link text', () => {
		const question = only(
			pool.questions,
			(q) => q.kind === 'definition' && q.conceptId === 'virtualization-and-security#lvm-logical-volume-manager',
		);
		expect(answerOf(question)).toBe('논리적인(Logical) 공간(Volume)을 만들게(Manager) 해주는 프로그램');
	});

	it('asks nothing of a concept without a definition, and no term of a definition that only repeats the names', () => {
		const empty = new Set(concepts.filter((c) => c.definition.trim() === '').map((c) => c.id));
		expect(empty.size).toBeGreaterThan(0);
		expect(pool.questions.filter((q) => empty.has(q.conceptId))).toEqual([]);
		// `APT : advanced packaging tool`: the definition is the expansion, an alias.
		const apt = pool.questions.filter((q) => q.conceptId === 'virtualization-and-security#apt').map((q) => q.kind);
		expect(apt).toEqual(['acronym', 'expansion', 'applies-to', 'true-false', 'true-false']);
		const mac = pool.questions.filter((q) => q.conceptId === 'virtualization-and-security#mac').map((q) => q.kind);
		expect(mac).toEqual(['acronym', 'expansion']);
	});

	it('never shows the answer, never repeats an option, keeps to the limits and to the id alphabet', () => {
		const byId = new Map(concepts.map((c) => [c.id, c]));
		for (const question of pool.questions) {
			const concept = byId.get(question.conceptId) as Concept;
			expect(leaks(question, concept), question.id).toBe(false);
			expect(hasDuplicateOptions(question), question.id).toBe(false);
			expect(question.id).toMatch(/^[a-z0-9-]{1,24}$/);
			expect(question.stem.length).toBeLessThanOrEqual(QUESTION_LIMITS.stem);
			expect(question.explanation.length).toBeLessThanOrEqual(QUESTION_LIMITS.explanation);
			for (const option of question.options) {
				expect(option.length).toBeLessThanOrEqual(QUESTION_LIMITS.option);
				expect(option.replaceAll(MASK, '').trim()).not.toBe('');
			}
			expect(question.options).toHaveLength(question.kind === 'true-false' ? 2 : 4);
			if (question.kind === 'true-false') expect(question.options).toEqual(['True', 'False']);
		}
		expect(new Set(pool.questions.map((q) => q.id)).size).toBe(pool.questions.length);
	});
});

describe('buildQuestionPool on the default notes and the fixtures', () => {
	it('gives every kind of question, also from the fixtures alone', async () => {
		const pool = buildQuestionPool(withFixtures);
		expect(new Set(pool.questions.map((q) => q.kind))).toEqual(new Set(ALL_KINDS));
		const fixturesOnly = buildQuestionPool(await loadConcepts(FIXTURES));
		expect(new Set(fixturesOnly.questions.map((q) => q.kind))).toEqual(new Set(ALL_KINDS));
	});

	it('asks which transport protocol has a fact, against the facts of the other', async () => {
		const pool = buildQuestionPool(await loadConcepts(FIXTURES));
		const question = only(
			pool.questions,
			(q) => q.kind === 'applies-to' && answerOf(q) === 'flow control with a sliding window',
		);
		expect(question.conceptId).toBe('network#tcp-transmission-control-protocol');
		expect(question.stem).toBe('Which of these applies to **TCP (Transmission Control Protocol)**?');
		expect(question.options).toContain('low latency, used for DNS, video calls and games');
		expect(question.topic).toBe('Network basics');
	});
});

describe('masking', () => {
	const pool = buildQuestionPool(conceptsOf({ 'sync.md': SYNC, 'memo.md': ACCESS }));

	it('masks Korean and English names and aliases in any case, with plural endings', () => {
		const question = only(pool.questions, (q) => q.kind === 'term' && q.conceptId === 'sync#뮤텍스-mutex');
		expect(question.stem).toBe(
			'Which term matches this description from *동기화 도구*?\n> ▢▢▢는 한 번에 하나의 스레드만 임계 구역에 들어가게 하는 잠금이다. A ▢▢▢ is a lock; ▢▢▢ have owners.',
		);
		expect(answerOf(question)).toBe('뮤텍스(Mutex)');
	});

	it('masks a Korean name written without its spaces', () => {
		const question = only(pool.questions, (q) => q.kind === 'term' && q.conceptId === 'memo#강제-접근-제어');
		expect(question.stem).toBe(
			'Which term matches this description from *메모*?\n> ▢▢▢를 쓰면 관리자가 정한 규칙만 따른다',
		);
	});

	it('masks each option’s own concept in definition options, so none stands out', () => {
		const question = only(pool.questions, (q) => q.kind === 'definition' && q.conceptId === 'sync#세마포어-semaphore');
		expect([...question.options].sort()).toEqual(
			[
				'▢▢▢는 한 번에 하나의 스레드만 임계 구역에 들어가게 하는 잠금이다. A ▢▢▢ is a lock; ▢▢▢ have owners.',
				'▢▢▢는 동시에 들어갈 수 있는 스레드 수를 세는 정수 변수이다.',
				'▢▢▢는 잠금과 조건 변수를 함께 묶은 구조이다.',
				'▢▢▢은 잠금이 풀릴 때까지 바쁘게 기다리는 잠금이다.',
			].sort(),
		);
		expect(answerOf(question)).toBe('▢▢▢는 동시에 들어갈 수 있는 스레드 수를 세는 정수 변수이다.');
	});

	it('takes the topic of a file without headings from its name', () => {
		expect(pool.topics()).toEqual(['memo', '동기화 도구']);
	});

	it('finds short Latin names only as words, long ones anywhere, Hangul names across spacing', () => {
		const vm = nameMatcher(['VM']);
		expect(vm.mask('VM을 띄우고 VMs를 지운다. JVM과 VMware는 다르다').text).toBe(
			'▢▢▢을 띄우고 ▢▢▢를 지운다. JVM과 VMware는 다르다',
		);
		expect(nameMatcher(['SELinux']).mask('SUSE Linux, se-linux, SELinux').text).toBe('SUSE Linux, se-linux, ▢▢▢');
		expect(nameMatcher(['Security-Enhanced Linux']).mask('security enhanced linux').text).toBe(MASK);
		expect(nameMatcher(['Thread']).mask('Multithreading').text).toBe('Multi▢▢▢ing');
		expect(nameMatcher(['강제 접근 제어']).mask('강제접근제어를, 강제 접근제어는').text).toBe('▢▢▢를, ▢▢▢는');
		expect(nameMatcher(['ＳＥＬｉｎｕｘ']).contains('selinux')).toBe(true);
		expect(nameMatcher(['하이퍼바이즈']).mask('하이퍼바이저는').text).toBe('▢▢▢는');
		expect(nameMatcher(['하이퍼바이즈']).contains('하이퍼바이저는')).toBe(false);
	});
});

describe('question text', () => {
	it('cuts long options on a word boundary and neutralises mentions', () => {
		const long = 'a very long fact about the scheduler that keeps going '.repeat(5).trim();
		const concepts = conceptsOf({
			'os.md': `# Scheduling

## Round robin
Every @everyone process gets the CPU for one time slice in turn.

- ${long}

## FIFO
Processes run in the order they arrive, each to completion.

- runs each process to completion without preemption

## SJF
The shortest job runs first, which minimises the average waiting time.

- needs to know how long each job will run

## Priority scheduling
The process with the highest priority runs first, lower ones may starve.

- low priority processes may wait forever
`,
		});
		const pool = buildQuestionPool(concepts);
		const term = only(pool.questions, (q) => q.kind === 'term' && q.conceptId === 'os#round-robin');
		expect(term.stem).toBe(
			'Which term matches this description from *Scheduling*?\n> Every @\u200beveryone process gets the CPU for one time slice in turn.',
		);
		const applies = only(pool.questions, (q) => q.kind === 'applies-to' && q.conceptId === 'os#round-robin');
		const option = answerOf(applies) ?? '';
		expect(option.length).toBeLessThanOrEqual(QUESTION_LIMITS.option);
		expect(option).toBe(`${long.slice(0, long.lastIndexOf(' ', QUESTION_LIMITS.option - 1))}…`);
	});

	it('skips a question when four distinct options cannot be found', () => {
		const pool = buildQuestionPool(
			conceptsOf({
				'pair.md':
					'# Locks\n\n## Mutex\nOne thread at a time holds the lock.\n\n## Spinlock\nWaits busily until the lock is free.\n',
			}),
		);
		expect(pool.questions).toEqual([]);
	});

	it('plainLine reduces links to their text and drops bare URLs', () => {
		expect(plainLine('[논리 볼륨](https://example.com/lvm) 관리,  see https://example.com/x\nnow')).toBe(
			'논리 볼륨 관리, see now',
		);
		expect(cutAtWord('`code span here` more', 12)).toBe('…');
		expect(cutAtWord('one two three four', 12)).toBe('one two…');
	});
});

describe('question ids', () => {
	const base = { 'sync.md': SYNC, 'memo.md': ACCESS };
	const idsOf = (pool: QuestionPool, conceptId: string): string[] =>
		pool.questions.filter((q) => q.conceptId === conceptId).map((q) => q.id);

	it('change when the definition of the concept changes, and stay when another concept changes', () => {
		const before = buildQuestionPool(conceptsOf(base));
		const edited = buildQuestionPool(
			conceptsOf({ ...base, 'sync.md': SYNC.replace('정수 변수이다', '정수 카운터이다') }),
		);
		const semaphore = 'sync#세마포어-semaphore';
		const beforeIds = before.questions.filter((q) => q.conceptId === semaphore);
		const afterIds = edited.questions.filter((q) => q.conceptId === semaphore);
		const byKind = (questions: Question[], kind: QuestionKind): string[] =>
			questions.filter((q) => q.kind === kind).map((q) => q.id);
		expect(byKind(afterIds, 'term')).toHaveLength(1);
		expect(byKind(afterIds, 'term')).not.toEqual(byKind(beforeIds, 'term'));
		expect(byKind(afterIds, 'definition')).not.toEqual(byKind(beforeIds, 'definition'));
		// Its facts did not change: neither did the questions made of them.
		expect(byKind(afterIds, 'true-false')).toEqual(byKind(beforeIds, 'true-false'));
		expect(idsOf(edited, 'sync#뮤텍스-mutex')).toEqual(idsOf(before, 'sync#뮤텍스-mutex'));
		expect(idsOf(edited, 'memo#강제-접근-제어')).toEqual(idsOf(before, 'memo#강제-접근-제어'));

		const unrelated = buildQuestionPool(
			conceptsOf({ ...base, 'memo.md': ACCESS.replace('역할에 권한을 준다', '역할마다 권한을 묶어 준다') }),
		);
		expect(idsOf(unrelated, semaphore)).toEqual(idsOf(before, semaphore));
		expect(idsOf(unrelated, 'memo#역할-기반-접근-제어')).not.toEqual(idsOf(before, 'memo#역할-기반-접근-제어'));
	});

	it('keep their option order whatever else is in the pool', () => {
		const alone = buildQuestionPool(conceptsOf({ 'sync.md': SYNC }));
		const together = buildQuestionPool(conceptsOf(base));
		for (const question of alone.questions) expect(together.get(question.id)).toEqual(question);
	});
});

describe('drawQuestions', () => {
	const pool = buildQuestionPool(withFixtures);

	it('draws the same questions for the same seed, in another order for another seed', () => {
		const first = drawQuestions(pool, { count: 5, seed: 'monday' });
		expect(first).toHaveLength(5);
		expect(drawQuestions(pool, { count: 5, seed: 'monday' })).toEqual(first);
		expect(drawQuestions(buildQuestionPool([]), { count: 5, seed: 'monday' })).toEqual([]);
		const other = drawQuestions(pool, { count: 5, seed: 'tuesday' });
		expect(other.map((q) => q.id)).not.toEqual(first.map((q) => q.id));
	});

	it('asks about each concept once before asking about any concept again', () => {
		const drawn = drawQuestions(pool, { count: 40, seed: '1' });
		expect(new Set(drawn.map((q) => q.conceptId)).size).toBe(40);
		const all = drawQuestions(pool, { count: pool.questions.length + 10, seed: '1' });
		expect(all).toHaveLength(pool.questions.length);
		expect(new Set(all.map((q) => q.id)).size).toBe(pool.questions.length);
	});

	it('draws from one topic, compared after normalisation', () => {
		const drawn = drawQuestions(pool, { count: 3, seed: '1', topic: 'network  BASICS' });
		expect(drawn).toHaveLength(3);
		expect(drawn.map((q) => q.topic)).toEqual(['Network basics', 'Network basics', 'Network basics']);
		expect(drawQuestions(pool, { count: 3, seed: '1', topic: 'no such topic' })).toEqual([]);
		expect(() => drawQuestions(pool, { count: -1, seed: '1' })).toThrow(RangeError);
	});

	it('shuffles with a seeded generator', () => {
		const items = [1, 2, 3, 4, 5, 6, 7, 8];
		expect(shuffled(items, seededRandom('a'))).toEqual(shuffled(items, seededRandom('a')));
		expect(shuffled(items, seededRandom('a'))).not.toEqual(shuffled(items, seededRandom('b')));
		expect([...shuffled(items, seededRandom('a'))].sort()).toEqual(items);
	});
});

describe('leaks and hasDuplicateOptions', () => {
	const concept = conceptsOf({ 'sync.md': SYNC }).find((c) => c.id === 'sync#뮤텍스-mutex') as Concept;
	const question: Question = {
		id: 'tm-test',
		kind: 'term',
		conceptId: concept.id,
		stem: 'Which term matches this description?\n> ▢▢▢는 잠금이다',
		options: ['뮤텍스(Mutex)', 'Semaphore', 'Spin-lock', 'Monitor'],
		answer: 0,
		explanation: '',
		source: concept.source,
		topic: '동기화 도구',
	};

	it('tells a stem that names the answer from one that does not', () => {
		expect(leaks(question, concept)).toBe(false);
		expect(leaks({ ...question, stem: 'A MUTEX is a lock' }, concept)).toBe(true);
		expect(leaks({ ...question, stem: '뮤 텍 스는 잠금이다' }, concept)).toBe(true);
		const definition: Question = {
			...question,
			kind: 'definition',
			stem: 'Which description fits **Mutex**?',
			options: ['▢▢▢ is a lock', 'a counter', 'a busy wait', 'a lock with conditions'],
		};
		expect(leaks(definition, concept)).toBe(false);
		expect(leaks({ ...definition, options: ['a mutex lock', 'b', 'c', 'd'] }, concept)).toBe(true);
	});

	it('finds options that read the same once normalised', () => {
		expect(hasDuplicateOptions(question)).toBe(false);
		expect(hasDuplicateOptions({ ...question, options: ['Spin-lock', 'spin lock', 'a', 'b'] })).toBe(true);
		expect(hasDuplicateOptions({ ...question, options: ['▢▢▢', '▢▢▢!', 'a', 'b'] })).toBe(true);
	});
});
