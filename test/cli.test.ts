import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../src/cli.ts';
import { PROJECT_DIR } from '../src/config.ts';
import { CORPUS_DIR, corpusAvailable } from './support/corpus.ts';

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs the CLI in-process with real streams; `env` is the whole environment it sees. */
async function cli(
	args: readonly string[],
	options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<Run> {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
	stdout.on('data', (chunk: Buffer) => chunks.stdout.push(chunk));
	stderr.on('data', (chunk: Buffer) => chunks.stderr.push(chunk));
	const code = await runCli(args, {
		stdout,
		stderr,
		stdin: Readable.from([options.stdin ?? '']),
		env: options.env ?? {},
	});
	return { code, stdout: Buffer.concat(chunks.stdout).toString(), stderr: Buffer.concat(chunks.stderr).toString() };
}

describe('CLI on the default notes', () => {
	it('explains a concept as text', async () => {
		const run = await cli(['explain', 'selinux']);
		expect(run.code).toBe(EXIT.found);
		const lines = run.stdout.split('\n');
		expect(lines[0]).toBe('SELinux  (Security-Enhanced Linux)');
		expect(lines[1]).toMatch(/^virtualization-and-security\.md › .* › 보안 모듈 › SELinux {2}\(line \d+\)$/);
		expect(run.stdout).toContain('강제 접근 제어를 포함한 접근 제어 보안 정책 지원');
	});

	it('explains as JSON with id, title, aliases, definition and source', async () => {
		const run = await cli(['explain', '--json', '하이퍼바이저']);
		expect(run.code).toBe(EXIT.found);
		const json = JSON.parse(run.stdout) as Record<string, unknown>;
		expect(json.id).toBe('virtualization-and-security#하이퍼바이즈-hypervisor');
		expect(json.title).toBe('하이퍼바이즈(Hypervisor)');
		expect(json.aliases).toEqual(['하이퍼바이즈', 'Hypervisor']);
		expect(json.definition).toBe('하이퍼바이저는 공유 자원을 관리하고 VM을 컨트롤 하는 중간 관리자');
		expect(json.source).toEqual({
			file: 'virtualization-and-security.md',
			headingPath: ['가상 머신과 도커 컨테이너', '하이퍼바이즈(Hypervisor)'],
			line: 6,
		});
		expect(json.match).toBe('typo');
	});

	it('exits 1 with suggestions when nothing matches', async () => {
		const run = await cli(['explain', '--json', '보안모둘임']);
		expect(run.code).toBe(EXIT.notFound);
		expect(JSON.parse(run.stdout)).toEqual({ query: '보안모둘임', found: false, suggestions: ['보안 모듈'] });
	});

	it('searches with a limit, as JSON with scores', async () => {
		const run = await cli(['search', '--json', '--limit', '2', '파일 경로에 적용하는 보안 모듈']);
		expect(run.code).toBe(EXIT.found);
		const hits = JSON.parse(run.stdout) as { title: string; score: number; source: { file: string } }[];
		expect(hits.map((hit) => hit.title)).toEqual(['APPArmor', 'SELinux']);
		expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? Number.POSITIVE_INFINITY);
	});

	it('answers one query per line with --stdin as JSON lines, exit 1 when any is not found', async () => {
		const run = await cli(['explain', '--stdin'], { stdin: 'apparmor\n\nㅎㅇㅍㅂㅇㅈ\nqwzxv\n' });
		expect(run.code).toBe(EXIT.notFound);
		const lines = run.stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as Record<string, unknown>);
		expect(lines.map((line) => [line.query, line.found, line.title])).toEqual([
			['apparmor', true, 'APPArmor'],
			['ㅎㅇㅍㅂㅇㅈ', true, '하이퍼바이즈(Hypervisor)'],
			['qwzxv', false, undefined],
		]);
	});

	it('lists every concept', async () => {
		const run = await cli(['concepts', '--json']);
		const concepts = JSON.parse(run.stdout) as { id: string; title: string }[];
		expect(concepts.map((concept) => concept.title)).toContain('APT');
		expect(new Set(concepts.map((concept) => concept.id)).size).toBe(concepts.length);
	});

	it.each([
		[[], 'a verb is required'],
		[['fly'], 'unknown verb "fly"'],
		[['explain'], 'explain needs a query (or --stdin)'],
		[['search', 'x', '--limit', 'many'], '--limit must be a whole number from 1 to 100, got "many"'],
		[['lint', '--stdin'], '--stdin works with explain and search'],
		[['explain', '--colour', 'x'], "Unknown option '--colour'"],
	])('exits 2 on usage error %j', async (args, message) => {
		const run = await cli(args);
		expect(run.code).toBe(EXIT.usage);
		expect(run.stderr).toContain(message);
		expect(run.stderr).toContain('Usage: npm run cli -- <verb>');
	});

	it('exits 2 naming a notes folder that does not exist', async () => {
		const run = await cli(['--notes', '/nonexistent/notes', 'concepts']);
		expect(run.code).toBe(EXIT.usage);
		expect(run.stderr).toContain('/nonexistent/notes');
	});
});

describe('CLI lint', () => {
	it('reports concepts and warnings per file, and skipped files by name and reason', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'lint-'));
		await writeFile(path.join(dir, 'good.md'), '# Topic\n\nText.\n\n## Sub\n\nMore.\n');
		await writeFile(path.join(dir, 'dupes.md'), '# A\n\ntext\n\n# A\n\nagain\n\n# Empty\n');
		await writeFile(path.join(dir, 'blank.md'), '');
		await writeFile(path.join(dir, 'latin1.md'), Buffer.from([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
		const run = await cli(['--notes', dir, 'lint', '--json']);
		expect(run.code).toBe(EXIT.notFound);
		const report = JSON.parse(run.stdout) as { file: string; concepts: number; warnings: string[] }[];
		const byFile = new Map(report.map((file) => [file.file, file]));
		expect(byFile.get('good.md')).toEqual({ file: 'good.md', concepts: 2, warnings: [] });
		expect(byFile.get('dupes.md')?.concepts).toBe(3);
		expect(byFile.get('dupes.md')?.warnings).toEqual([
			'duplicate title "A" at line 5 (first at line 1)',
			'empty section "Empty" at line 9',
		]);
		expect(byFile.get('blank.md')?.concepts).toBe(0);
		expect(byFile.get('blank.md')?.warnings.join()).toMatch(/blank\.md.*empty/);
		expect(byFile.get('latin1.md')?.concepts).toBe(0);
		expect(byFile.get('latin1.md')?.warnings.join()).toMatch(/latin1\.md is not UTF-8/);
	});

	it('exits 0 with a summary when the notes are clean', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'lint-'));
		await writeFile(path.join(dir, 'good.md'), '# Topic\n\nText.\n');
		const run = await cli(['--notes', dir, 'lint']);
		expect(run.code).toBe(EXIT.found);
		expect(run.stdout).toBe('good.md: 1 concept\n1 file, 1 concepts, 0 warnings\n');
	});
});

if (corpusAvailable('CLI on born2beroot-en')) {
	describe('CLI on born2beroot-en', () => {
		it('explains and searches the English notes', async () => {
			const notes = path.join(CORPUS_DIR, 'born2beroot-en');
			const explain = await cli(['--notes', notes, 'explain', '--json', 'apparmor']);
			expect(explain.code).toBe(EXIT.found);
			expect((JSON.parse(explain.stdout) as { title: string }).title).toMatch(/AppArmor/);
			const search = await cli(['--notes', notes, 'search', '--json', 'cron']);
			expect((JSON.parse(search.stdout) as { title: string }[])[0]?.title).toMatch(/Cron/i);
		});
	});
}

describe('the study-notes bin', () => {
	it('runs as a real process with the documented exit codes', async () => {
		const bin = path.join(PROJECT_DIR, 'bin/study-notes.js');
		const found = await promisify(execFile)(process.execPath, [bin, 'explain', '--json', 'dpkg'], { cwd: os.tmpdir() });
		expect((JSON.parse(found.stdout) as { title: string }).title).toBe('dpkg');
		await expect(promisify(execFile)(process.execPath, [bin, 'explain', 'qwzxv'])).rejects.toMatchObject({ code: 1 });
		await expect(promisify(execFile)(process.execPath, [bin])).rejects.toMatchObject({ code: 2 });
	});
});

const LOCKS = `# 락

## 뮤텍스(Mutex)
뮤텍스는 한 번에 하나의 스레드만 임계 구역에 들어가게 하는 잠금이다.

## 세마포어(Semaphore)
세마포어는 동시에 들어갈 수 있는 스레드 수를 세는 정수 변수이다.

## 스핀락(Spinlock)
스핀락은 잠금이 풀릴 때까지 바쁘게 기다리는 잠금이다.

## 모니터(Monitor)
모니터는 잠금과 조건 변수를 함께 묶은 구조이다.
`;

describe('CLI quiz', () => {
	it('prints each question with lettered options, the answer letter, kind and source', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'quiz-'));
		await writeFile(path.join(dir, 'locks.md'), LOCKS);
		const run = await cli(['--notes', dir, 'quiz', '--count', '2']);
		expect(run.code).toBe(EXIT.found);
		expect(run.stdout).toBe(
			[
				'1. Which term matches this description from *락*?',
				'   > ▢▢▢는 잠금과 조건 변수를 함께 묶은 구조이다.',
				'   A. 스핀락(Spinlock)',
				'   B. 세마포어(Semaphore)',
				'   C. 뮤텍스(Mutex)',
				'   D. 모니터(Monitor)',
				'   Answer: D · term · locks.md › 락 › 모니터(Monitor)',
				'',
				'2. Which description fits **세마포어(Semaphore)**?',
				'   A. ▢▢▢는 잠금과 조건 변수를 함께 묶은 구조이다.',
				'   B. ▢▢▢는 동시에 들어갈 수 있는 스레드 수를 세는 정수 변수이다.',
				'   C. ▢▢▢은 잠금이 풀릴 때까지 바쁘게 기다리는 잠금이다.',
				'   D. ▢▢▢는 한 번에 하나의 스레드만 임계 구역에 들어가게 하는 잠금이다.',
				'   Answer: B · definition · locks.md › 락 › 세마포어(Semaphore)',
				'',
			].join('\n'),
		);
	});

	it('prints JSON questions from the default notes, the same for the same seed', async () => {
		const run = await cli(['quiz', '--json']);
		expect(run.code).toBe(EXIT.found);
		const questions = JSON.parse(run.stdout) as Record<string, unknown>[];
		expect(questions.map((q) => q.id)).toEqual([
			'ap-1etz2ntz2631x',
			'df-olyrd9zhaph8',
			'ap-4tcqf3qcb8dv',
			'ac-3jgti4py87xre',
			'tf-1m8y2b3dsd73m',
		]);
		expect(questions[3]).toEqual({
			id: 'ac-3jgti4py87xre',
			question: 'What does **APT** stand for?',
			options: [
				'Application Armor',
				'Discretionary Access Control',
				'Mandatory Access Control',
				'advanced packaging tool',
			],
			answer: 3,
			kind: 'acronym',
			conceptId: 'virtualization-and-security#apt',
			topic: '가상 머신과 도커 컨테이너',
			source: {
				file: 'virtualization-and-security.md',
				headingPath: ['가상 머신과 도커 컨테이너', '가상화를 사용하는 이유', '우분투 패키지 관리 툴'],
				line: 97,
			},
		});
		for (const question of questions) {
			expect(Object.keys(question).sort()).toEqual([
				'answer',
				'conceptId',
				'id',
				'kind',
				'options',
				'question',
				'source',
				'topic',
			]);
		}
		expect((await cli(['quiz', '--json', '--seed', '1'])).stdout).toBe(run.stdout);
		const other = JSON.parse((await cli(['quiz', '--json', '--seed', '2', '--count', '3'])).stdout) as { id: string }[];
		expect(other.map((q) => q.id)).toEqual(['tm-307gk52iqxwdr', 'tf-1zwuvkcnir3x9', 'ex-2swnyxbs3mrk7']);
	});

	it('draws from one topic, and exits 1 naming the topics when none matches', async () => {
		const run = await cli(['quiz', '--json', '--count', '20', '--topic', '가상 머신과 도커 컨테이너']);
		expect(run.code).toBe(EXIT.found);
		const questions = JSON.parse(run.stdout) as { topic: string }[];
		expect(questions).toHaveLength(20);
		expect(new Set(questions.map((q) => q.topic))).toEqual(new Set(['가상 머신과 도커 컨테이너']));
		const none = await cli(['quiz', '--topic', 'networks']);
		expect(none.code).toBe(EXIT.notFound);
		expect(none.stdout).toBe('No quiz question for topic "networks". Topics: 가상 머신과 도커 컨테이너\n');
	});

	it('exits 1 when the notes give no question', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'quiz-'));
		await writeFile(path.join(dir, 'good.md'), '# Topic\n\nText.\n');
		const run = await cli(['--notes', dir, 'quiz']);
		expect(run.code).toBe(EXIT.notFound);
		expect(run.stdout).toBe('The notes give no quiz question.\n');
		const json = await cli(['--notes', dir, 'quiz', '--json']);
		expect(json.code).toBe(EXIT.notFound);
		expect(JSON.parse(json.stdout)).toEqual([]);
	});

	it.each([
		[['quiz', '--count', '0'], '--count must be a whole number from 1 to 100, got "0"'],
		[['quiz', '--count', 'many'], '--count must be a whole number from 1 to 100, got "many"'],
		[['quiz', '--seed', ''], '--seed must not be empty'],
		[['quiz', 'selinux'], 'quiz takes no query, got "selinux"'],
		[['explain', 'selinux', '--seed', '3'], '--count, --seed and --topic work with quiz'],
		[['quiz', '--stdin'], '--stdin works with explain and search'],
	])('exits 2 on usage error %j', async (args, message) => {
		const run = await cli(args);
		expect(run.code).toBe(EXIT.usage);
		expect(run.stderr).toContain(message);
		expect(run.stderr).toContain('quiz                     quiz questions drawn from the notes');
	});
});
