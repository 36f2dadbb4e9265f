/**
 * The labelled query set: what members type, and the concept titles that are a right first answer.
 * `default` queries target data/notes, `fixtures` target test/fixtures/query-notes, `born2beroot` target
 * the public corpus `born2beroot-en`. A query may accept several titles when the same idea is a heading
 * in several places (the corpus has its own "Hypervisor" section); hit@1 counts the first hit's title.
 * Used by the accuracy test and by the benchmark.
 */
import type { Concept } from '../../src/notes/concept.ts';
import { compactKey } from '../../src/search/normalize.ts';

export interface LabelledQuery {
	readonly query: string;
	readonly accept: readonly string[];
	readonly set: 'default' | 'fixtures' | 'born2beroot';
	/** What the query exercises, for reading failures. */
	readonly kind: 'exact' | 'spacing' | 'prefix' | 'initials' | 'typo' | 'fulltext';
}

const HYPERVISOR = ['하이퍼바이즈(Hypervisor)', 'About Virtualisation Software (Hypervisor)', 'What is a Hypervisor?'];
const APPARMOR = ['APPArmor', 'About AppArmor (Debian)', 'What is AppArmor?'];
const LVM = ['LVM(Logical Volume Manager)', 'About Logical Volume Manager (LVM)', 'What is LVM?'];

const q = (
	set: LabelledQuery['set'],
	kind: LabelledQuery['kind'],
	query: string,
	...accept: readonly string[]
): LabelledQuery => ({ query, accept, set, kind });

/** Whether a concept is a right answer to a labelled query. */
export function isRightAnswer(query: LabelledQuery, concept: Concept | undefined): boolean {
	if (concept === undefined) return false;
	const accepted = new Set(query.accept.map(compactKey));
	return [concept.title, ...concept.aliases].some((name) => accepted.has(compactKey(name)));
}

export const QUERIES: readonly LabelledQuery[] = [
	// data/notes/virtualization-and-security.md
	q('default', 'exact', 'apparmor', ...APPARMOR),
	q('default', 'exact', 'AppArmor', ...APPARMOR),
	q('default', 'spacing', 'app armor', ...APPARMOR),
	q('default', 'typo', 'aparmor', ...APPARMOR),
	q('default', 'typo', 'apparmour', ...APPARMOR),
	q('default', 'exact', 'application armor', 'APPArmor'),
	q('default', 'exact', 'selinux', 'SELinux'),
	q('default', 'spacing', 'se linux', 'SELinux'),
	q('default', 'typo', 'selinx', 'SELinux'),
	q('default', 'exact', 'Security-Enhanced Linux', 'SELinux'),
	q('default', 'spacing', 'security enhanced linux', 'SELinux'),
	q('default', 'exact', '하이퍼바이즈', '하이퍼바이즈(Hypervisor)'),
	q('default', 'typo', '하이퍼바이저', '하이퍼바이즈(Hypervisor)'),
	q('default', 'exact', 'hypervisor', ...HYPERVISOR),
	q('default', 'typo', 'hypervisr', ...HYPERVISOR),
	q('default', 'initials', 'ㅎㅇㅍㅂㅇㅈ', '하이퍼바이즈(Hypervisor)'),
	q('default', 'prefix', '하이퍼바', '하이퍼바이즈(Hypervisor)'),
	q('default', 'exact', '가상화', '가상화'),
	q('default', 'initials', 'ㄱㅅㅎ', '가상화'),
	q('default', 'exact', '가상화의 종류', '가상화의 종류'),
	q('default', 'spacing', '가상화의종류', '가상화의 종류'),
	q('default', 'prefix', '가상화를 사용하는', '가상화를 사용하는 이유'),
	q('default', 'exact', 'lvm', ...LVM),
	q('default', 'exact', 'Logical Volume Manager', ...LVM),
	q('default', 'fulltext', '논리적인 공간을 만들게 해주는 프로그램', 'LVM(Logical Volume Manager)'),
	q('default', 'exact', 'sharing', '나눠서 쓰는 공유(sharing)'),
	q('default', 'exact', 'aggregation', '합쳐서 쓰는 집합(aggregation)'),
	q('default', 'exact', '에뮬레이션', '에뮬레이션(emulation)'),
	q('default', 'exact', 'emulation', '에뮬레이션(emulation)'),
	q('default', 'exact', '자원 절연', '자원 절연(resouce insulation)'),
	q('default', 'typo', 'resource insulation', '자원 절연(resouce insulation)'),
	q('default', 'exact', 'MAC', 'MAC'),
	q('default', 'exact', 'Mandatory Access Control', 'MAC'),
	q('default', 'exact', '강제접근제어', 'MAC'),
	q('default', 'spacing', '강제 접근 제어', 'MAC'),
	q('default', 'exact', '임의접근제어', 'DAC'),
	q('default', 'exact', 'discretionary access control', 'DAC'),
	q('default', 'exact', '접근 통제', 'Access Contorl, 접근 통제'),
	q('default', 'typo', 'access control', 'Access Contorl, 접근 통제'),
	q('default', 'exact', 'apt', 'APT'),
	q('default', 'exact', 'advanced packaging tool', 'APT'),
	q('default', 'exact', 'dpkg', 'dpkg'),
	q('default', 'exact', 'aptitude', 'aptitude'),
	q('default', 'prefix', '우분투 패키지', '우분투 패키지 관리 툴'),
	q('default', 'exact', '보안 모듈', '보안 모듈'),
	q('default', 'fulltext', '파일 경로에 적용하는 보안 모듈', 'APPArmor'),
	q('default', 'fulltext', '파일 라벨에 적용하는 보안 모듈', 'SELinux'),
	q('default', 'fulltext', '시스템 전체에 보안 설정', 'SELinux'),
	q('default', 'fulltext', '아이노드 번호로 파일 시스템 객체를 구별', 'SELinux'),
	q('default', 'fulltext', '프로그램 프로필 별로 역량을 제한하는 모듈', 'APPArmor'),
	q('default', 'fulltext', '허가되지 않는 파일 접근을 거부하는 enforce 모드', 'APPArmor'),
	q('default', 'fulltext', '하드웨어를 직접 제어하는 중간 관리자', '하이퍼바이즈(Hypervisor)'),
	q('default', 'fulltext', '물리적인 자원을 다수의 논리적 자원으로 사용하는 것', '가상화'),
	q('default', 'fulltext', '시간 분할 기법으로 물리적 자원을 공유', '나눠서 쓰는 공유(sharing)'),
	q('default', 'fulltext', '물리 장치가 비정상이어도 고가용성 보장', '자원 절연(resouce insulation)'),
	q('default', 'fulltext', '.deb 파일을 제어하는 명령어', 'dpkg'),
	q('default', 'fulltext', '패키지 작업을 자동화해서 쉽게', 'aptitude'),
	q('default', 'prefix', '가상 머신과 도커', '가상 머신과 도커 컨테이너'),

	// test/fixtures/query-notes
	q('fixtures', 'exact', '스레드', '스레드(Thread)', '스레드', 'Thread'),
	q('fixtures', 'exact', 'thread', '스레드(Thread)', '스레드', 'Thread'),
	q('fixtures', 'typo', '쓰레드', '스레드(Thread)', '스레드', 'Thread'),
	q('fixtures', 'exact', 'deadlock', '교착 상태(Deadlock)', '교착 상태', 'Deadlock'),
	q('fixtures', 'spacing', '교착상태', '교착 상태(Deadlock)', '교착 상태', 'Deadlock'),
	q('fixtures', 'initials', 'ㄱㅊㅅㅌ', '교착 상태(Deadlock)', '교착 상태', 'Deadlock'),
	q('fixtures', 'exact', 'circular wait', '순환 대기(circular wait)', 'circular wait'),
	q('fixtures', 'exact', '상호 배제', '상호 배제(mutual exclusion)', '상호 배제', 'mutual exclusion'),
	q('fixtures', 'typo', 'mutal exclusion', '상호 배제(mutual exclusion)', '상호 배제', 'mutual exclusion'),
	q('fixtures', 'exact', 'mutex', 'Mutex'),
	q('fixtures', 'typo', 'semaphor', 'Semaphore'),
	q('fixtures', 'exact', 'process control block', 'PCB (Process Control Block)', 'Process Control Block'),
	q(
		'fixtures',
		'fulltext',
		'프로세스를 관리하기 위해 두는 자료구조',
		'PCB (Process Control Block)',
		'Process Control Block',
	),
	q('fixtures', 'fulltext', '서로 가진 자원을 기다리며 멈춰 있는 상태', '교착 상태(Deadlock)', '교착 상태', 'Deadlock'),
	q('fixtures', 'fulltext', '스택만 따로 가지고 힙을 공유하는 실행 단위', '스레드(Thread)', '스레드', 'Thread'),
	q('fixtures', 'exact', 'tcp', 'TCP (Transmission Control Protocol)', 'TCP'),
	q('fixtures', 'exact', 'User Datagram Protocol', 'UDP (User Datagram Protocol)', 'UDP'),
	q('fixtures', 'prefix', 'transmission contr', 'TCP (Transmission Control Protocol)', 'TCP'),
	q('fixtures', 'fulltext', 'connectionless protocol without retransmission', 'UDP (User Datagram Protocol)', 'UDP'),
	q(
		'fixtures',
		'fulltext',
		'which protocol retransmits lost segments in order',
		'TCP (Transmission Control Protocol)',
		'TCP',
	),
	q('fixtures', 'exact', '3-way handshake', '3-way handshake'),
	q('fixtures', 'exact', 'dns', 'DNS(Domain Name System)', 'DNS'),
	q('fixtures', 'fulltext', '도메인 이름을 IP 주소로 바꾸는 시스템', 'DNS(Domain Name System)', 'DNS'),
	q('fixtures', 'exact', 'load balancer', '로드 밸런서', 'Load balancer'),
	q('fixtures', 'fulltext', 'spreads requests across backend servers', '로드 밸런서', 'Load balancer'),

	// ../shared/corpus/born2beroot-en
	q('born2beroot', 'exact', 'ufw', 'About Uncomplicated Firewall (UFW)', 'UFW'),
	q('born2beroot', 'exact', 'Uncomplicated Firewall', 'About Uncomplicated Firewall (UFW)', 'UFW'),
	q('born2beroot', 'fulltext', 'rate limiting against brute force', 'Rate Limiting (Protect Against Brute Force)'),
	q('born2beroot', 'exact', 'Password Expiration', 'Password Expiration'),
	q('born2beroot', 'typo', 'pasword complexity', 'Password Complexity'),
	q('born2beroot', 'exact', 'Public Key Authentication', 'Public Key Authentication.'),
	q('born2beroot', 'prefix', 'Strong Password', 'Strong Password Policy'),
	q('born2beroot', 'exact', 'Basic Cron Commands', 'Basic Cron Commands'),
	q('born2beroot', 'fulltext', 'virtualbox vs utm', 'VirtualBox vs. UTM', 'VirtualBox vs UTM'),
	q('born2beroot', 'fulltext', 'comparison table apparmor selinux', 'Comparison Table: AppArmor vs SELinux'),
];
