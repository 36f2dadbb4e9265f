import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Concept } from '../../src/notes/concept.ts';
import { linkNotes } from '../../src/notes/link.ts';
import { parseNote } from '../../src/notes/parse.ts';

const FILE = 'virtualization-and-security.md';
const note = parseNote(FILE, readFileSync(new URL(`../../data/notes/${FILE}`, import.meta.url), 'utf8'));
const concepts = linkNotes([note]).concepts;

function concept(title: string): Concept {
	const found = concepts.filter((c) => c.title === title);
	if (found.length !== 1) throw new Error(`expected one concept titled ${title}, found ${found.length}`);
	return found[0] as Concept;
}

function childTitles(title: string): string[] {
	return concept(title).childIds.map((id) => concepts.find((c) => c.id === id)?.title ?? id);
}

describe('the default notes (data/notes/virtualization-and-security.md)', () => {
	it('parse without warnings into sections and terms with unique ids', () => {
		expect(note.warnings).toEqual([]);
		expect(new Set(concepts.map((c) => c.id)).size).toBe(concepts.length);
		expect(concepts.filter((c) => c.kind === 'section').map((c) => c.title)).toEqual([
			'가상 머신과 도커 컨테이너',
			'하이퍼바이즈(Hypervisor)',
			'가상화',
			'가상화를 사용하는 이유',
			'가상화의 종류',
			'LVM(Logical Volume Manager)',
			'VM과 컨테이너의 가장 큰 차이점 : 자원 공유의 수준',
			'컨테이너가 더 가볍다면 VM 대신 컨테이너만 쓰면 되는거 아닐까?',
			'보안 모듈',
			'SELinux',
			'APPArmor',
			'Access Contorl, 접근 통제',
			'우분투 패키지 관리 툴',
			'참고',
		]);
	});

	it('read the hypervisor section with its aliases and definition', () => {
		const hypervisor = concept('하이퍼바이즈(Hypervisor)');
		expect(hypervisor.id).toBe('virtualization-and-security#하이퍼바이즈-hypervisor');
		expect(hypervisor.aliases).toEqual(['하이퍼바이즈', 'Hypervisor']);
		expect(hypervisor.definition).toBe('하이퍼바이저는 공유 자원을 관리하고 VM을 컨트롤 하는 중간 관리자');
		expect(hypervisor.source).toEqual({
			file: FILE,
			headingPath: ['가상 머신과 도커 컨테이너', '하이퍼바이즈(Hypervisor)'],
			line: 6,
		});
		expect(concept('가상화').definition).toBe('가상화란 물리적인 자원을 동시에 다수의 논리적 자원으로 사용하는 것');
	});

	it('read the four kinds of virtualisation as numbered terms', () => {
		expect(childTitles('가상화의 종류')).toEqual([
			'나눠서 쓰는 공유(sharing)',
			'합쳐서 쓰는 집합(aggregation)',
			'에뮬레이션(emulation)',
			'자원 절연(resouce insulation)',
		]);
		expect(concept('나눠서 쓰는 공유(sharing)')).toMatchObject({
			kind: 'term',
			aliases: ['나눠서 쓰는 공유', 'sharing', '공유'],
			definition: '다수의 가상 자원을 하나의 물리적 자우너과 연결시켜, 시간 분할 기법으로 물리적 자원을 공유',
			source: { line: 24, headingPath: ['가상 머신과 도커 컨테이너', '가상화를 사용하는 이유', '가상화의 종류'] },
		});
		expect(concept('에뮬레이션(emulation)').aliases).toEqual(['에뮬레이션', 'emulation']);
	});

	it('read LVM with the link text as definition', () => {
		const lvm = concept('LVM(Logical Volume Manager)');
		expect(lvm.aliases).toEqual(['LVM', 'Logical Volume Manager']);
		expect(lvm.definition).toBe(
			'[논리적인(Logical) 공간(Volume)을 만들게(Manager) 해주는 프로그램](https://mamu2830.blogspot.com/2019/12/lvmpv-vg-lv-pe-lvm.html)',
		);
	});

	it('read SELinux and APPArmor from their expansion lines', () => {
		const selinux = concept('SELinux');
		expect(selinux.aliases).toEqual(['Security-Enhanced Linux']);
		expect(selinux.definition).toBe('강제 접근 제어를 포함한 접근 제어 보안 정책 지원');
		expect(selinux.facts).toEqual([
			'강제 접근 제어를 포함한 접근 제어 보안 정책 지원',
			'리눅스 커널 보안 모듈, 다양한 리눅스 배포판에 추가 가능',
			'RedHat 계열(RHEL, Fedora, CentOS)',
			'시스템 전체에 보안 설정',
			'파일 라벨에 적용',
			'경로 대신 아이노드 번호로 파일 시스템 객체들을 구별',
			'CentOS에서 사용',
		]);
		const apparmor = concept('APPArmor');
		expect(apparmor.aliases).toEqual(['Application Armor']);
		expect(apparmor.definition).toBe(
			'시스템 관리자가 프로그램 프로필 별로 프로그램 역량을 제한할 수 있게 해주는 리눅스 커널 보안 모듈',
		);
		expect(apparmor.facts).toContain('파일 경로에 적용');
		expect(apparmor.facts).toContain('enforce모드 : 허가되지 않는 파일에 접근하는 것을 거부');
		expect(apparmor.facts).toHaveLength(10);
	});

	it('read access control with MAC and DAC as terms whose names become aliases', () => {
		const access = concept('Access Contorl, 접근 통제');
		expect(access.aliases).toEqual(['Access Contorl', '접근 통제']);
		expect(childTitles('Access Contorl, 접근 통제')).toEqual(['MAC', 'DAC']);
		expect(concept('MAC').aliases).toEqual(['Mandatory Access Control', '강제접근제어']);
		expect(concept('DAC').aliases).toEqual(['Discretionary Access Control', '임의접근제어']);
		expect(concept('DAC').definition).toBe('Discretionary Access Control, 임의접근제어');
		// The stray `---g` line stays in the body but is no definition.
		expect(access.definition).toBe('');
		expect(access.body.endsWith('\n\n---g')).toBe(true);
	});

	it('read the Ubuntu package tools as terms', () => {
		expect(childTitles('우분투 패키지 관리 툴')).toEqual(['APT', 'dpkg', 'aptitude']);
		expect(concept('APT')).toMatchObject({
			aliases: ['advanced packaging tool'],
			definition: 'advanced packaging tool',
			facts: [
				'apt 온라인 리포지포리에서 패키지 다운받고 설치, dpkg, apt-get, apt-cache, apt같은 구체적인 이름들이 존재',
			],
		});
		expect(concept('dpkg').definition).toBe('`dpkg` cd room 이나 다른 디스크 장치에 있는 .deb파일 제어하는 경우 사용');
		expect(concept('aptitude').definition).toBe('주요 패키지 작업을 자동화하여 가능한 쉡게 작업할 수 있게 해줌');
	});

	it('drop images and keep links in bodies', () => {
		expect(concept('가상 머신과 도커 컨테이너').body).toBe(
			'가상화 기술은 [하이퍼바이저](https://www.redhat.com/ko/topics/virtualization/what-is-a-hypervisor)를 이용해 여러 개의 운영체제를 하나의 호스트에서 생성해 사용하는 방식',
		);
		expect(concept('우분투 패키지 관리 툴').body).not.toContain('![');
		expect(concept('참고').body).toBe(
			'https://parkseunghan.notion.site/Born2beroot-Subject-6d594d567ed843ba82d7369b0149efe5',
		);
	});

	it('relate MAC from SELinux, which describes 강제 접근 제어', () => {
		expect(concept('SELinux').relatedIds).toEqual(['virtualization-and-security#mac']);
	});
});

describe('the default notes, read through marked', () => {
	it('keep the line of every concept exactly as before', () => {
		expect(concepts.map((c) => [c.title, c.source.line])).toEqual([
			['가상 머신과 도커 컨테이너', 1],
			['하이퍼바이즈(Hypervisor)', 6],
			['가상화', 13],
			['가상화를 사용하는 이유', 16],
			['가상화의 종류', 23],
			['나눠서 쓰는 공유(sharing)', 24],
			['합쳐서 쓰는 집합(aggregation)', 25],
			['에뮬레이션(emulation)', 26],
			['자원 절연(resouce insulation)', 27],
			['LVM(Logical Volume Manager)', 29],
			['VM과 컨테이너의 가장 큰 차이점 : 자원 공유의 수준', 32],
			['VM', 33],
			['컨테이너', 34],
			['컨테이너가 더 가볍다면 VM 대신 컨테이너만 쓰면 되는거 아닐까?', 36],
			['보안 모듈', 40],
			['SELinux', 42],
			['APPArmor', 60],
			['Access Contorl, 접근 통제', 83],
			['MAC', 84],
			['DAC', 87],
			['우분투 패키지 관리 툴', 95],
			['APT', 97],
			['dpkg', 102],
			['aptitude', 110],
			['참고', 122],
		]);
	});

	it('start the SELinux and APPArmor bodies with their content, not with the expansion bullet', () => {
		expect(concept('APPArmor').body.startsWith('시스템 관리자가 프로그램 프로필 별로')).toBe(true);
		expect(concept('SELinux').body.startsWith('강제 접근 제어를 포함한 접근 제어 보안 정책 지원\n\n리눅스 커널')).toBe(
			true,
		);
		expect(concept('APPArmor').body).not.toContain('Application Armor');
	});
});
