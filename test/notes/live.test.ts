import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import { concernsNotes, LiveLibrary, type LiveLibraryOptions, type ReloadOutcome } from '../../src/notes/live.ts';
import { ManualClock } from '../support/context.ts';

/** Debounce for the watcher tests: writes awaited one after another land well within it. */
const TEST_DEBOUNCE_MS = 200;
const TEST_FOLDER_POLL_MS = 50;

let dir: string;
let clock: ManualClock;
let logs: Record<string, unknown>[];
let live: LiveLibrary | undefined;

function options(): LiveLibraryOptions {
	const sink = new Writable({
		write(chunk, _encoding, done) {
			for (const line of String(chunk).split('\n'))
				if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
			done();
		},
	});
	return {
		notesDir: dir,
		clock,
		logger: pino({ level: 'debug' }, sink),
		debounceMs: TEST_DEBOUNCE_MS,
		folderPollMs: TEST_FOLDER_POLL_MS,
	};
}

async function open(): Promise<LiveLibrary> {
	live = await LiveLibrary.open(options());
	return live;
}

/** Every rebuild outcome from now on, and a way to wait for the next one. */
function outcomes(library: LiveLibrary) {
	const seen: ReloadOutcome[] = [];
	let waiting: ((outcome: ReloadOutcome) => void)[] = [];
	library.on('reload', (outcome) => {
		seen.push(outcome);
		for (const resolve of waiting) resolve(outcome);
		waiting = [];
	});
	return {
		seen,
		next: () => new Promise<ReloadOutcome>((resolve) => waiting.push(resolve)),
	};
}

const note = (title: string, definition: string): string => `# ${title}\n\n${definition}\n`;
const titles = (library: LiveLibrary): string[] =>
	library
		.current()
		.index.all()
		.map((concept) => concept.title);

beforeEach(async () => {
	dir = await mkdtemp(path.join(os.tmpdir(), 'live-notes-'));
	clock = new ManualClock(new Date('2026-11-30T00:00:00Z'));
	logs = [];
	await writeFile(path.join(dir, 'kernel.md'), note('Kernel', 'The core of an operating system.'));
});

afterEach(async () => {
	await live?.close();
	live = undefined;
	await rm(dir, { recursive: true, force: true });
});

describe('LiveLibrary.reload', () => {
	it('swaps in the rebuilt library: a note added since is found, built at the injected clock’s time', async () => {
		const notes = await open();
		const first = notes.current();
		expect(notes.builtAt.toISOString()).toBe('2026-11-30T00:00:00.000Z');
		await writeFile(path.join(dir, 'shell.md'), note('Shell', 'A program that runs commands typed by a user.'));
		clock.set(new Date('2026-11-30T01:00:00Z'));
		const outcome = await notes.reload();
		expect(outcome.ok).toBe(true);
		expect(notes.current()).not.toBe(first);
		expect(titles(notes)).toEqual(['Kernel', 'Shell']);
		expect(first.index.all().map((concept) => concept.title)).toEqual(['Kernel']);
		expect(notes.builtAt.toISOString()).toBe('2026-11-30T01:00:00.000Z');
		expect(notes.lastFailure).toBeNull();
		expect(logs.find((line) => line.msg === 'notes reloaded')).toMatchObject({ concepts: 2, files: 2 });
	});

	it('keeps the previous library when the folder vanished, and records when and why', async () => {
		const notes = await open();
		const before = notes.current();
		await rm(dir, { recursive: true });
		clock.set(new Date('2026-11-30T02:00:00Z'));
		const outcome = await notes.reload();
		expect(outcome).toEqual({
			ok: false,
			failure: { at: new Date('2026-11-30T02:00:00Z'), reason: `folder ${dir} does not exist` },
		});
		expect(notes.current()).toBe(before);
		expect(titles(notes)).toEqual(['Kernel']);
		expect(notes.builtAt.toISOString()).toBe('2026-11-30T00:00:00.000Z');
		expect(notes.lastFailure?.reason).toBe(`folder ${dir} does not exist`);
		expect(logs.map((line) => line.msg)).toContain(
			`notes: rebuild failed, keeping the previous notes (folder ${dir} does not exist)`,
		);
	});

	it('retires the questions whose source text changed and keeps the others', async () => {
		const file = path.join(dir, 'virtualization-and-security.md');
		await copyFile(path.join(PROJECT_DIR, 'data/notes/virtualization-and-security.md'), file);
		const notes = await open();
		const termOf = (conceptId: string) =>
			notes
				.current()
				.questions.questions.find((question) => question.kind === 'term' && question.conceptId === conceptId);
		const apparmor = termOf('virtualization-and-security#apparmor');
		const selinux = termOf('virtualization-and-security#selinux');
		expect(apparmor).toBeDefined();
		expect(selinux).toBeDefined();
		const text = await readFile(file, 'utf8');
		const definition =
			'시스템 관리자가 프로그램 프로필 별로 프로그램 역량을 제한할 수 있게 해주는 리눅스 커널 보안 모듈';
		expect(text).toContain(definition);
		await writeFile(file, text.replace(definition, `${definition}로, 2007년부터 쓰인다`));
		expect((await notes.reload()).ok).toBe(true);
		expect(notes.current().questions.get(apparmor?.id ?? '')).toBeUndefined();
		expect(termOf('virtualization-and-security#apparmor')?.stem).toContain('2007년부터');
		expect(notes.current().questions.get(selinux?.id ?? '')).toEqual(selinux);
	});
});

describe('LiveLibrary.watch', () => {
	it('rebuilds once for a burst of writes, with every note of the burst', async () => {
		const notes = await open();
		const events = outcomes(notes);
		notes.watch();
		const first = events.next();
		for (const name of ['a', 'b', 'c', 'd', 'e'])
			await writeFile(path.join(dir, `${name}.md`), note(`Topic ${name}`, `What ${name} is about.`));
		expect((await first).ok).toBe(true);
		expect(titles(notes)).toEqual(['Topic a', 'Topic b', 'Topic c', 'Topic d', 'Topic e', 'Kernel']);
		// One more change makes one more rebuild: had the burst made several, they would be counted before it.
		const second = events.next();
		await writeFile(path.join(dir, 'f.md'), note('Topic f', 'What f is about.'));
		await second;
		expect(events.seen.map((outcome) => outcome.ok)).toEqual([true, true]);
		expect(titles(notes)).toContain('Topic f');
	});

	it('sees notes in sub-folders, and removed notes', async () => {
		const notes = await open();
		const events = outcomes(notes);
		notes.watch();
		let next = events.next();
		await mkdir(path.join(dir, 'os'));
		await writeFile(path.join(dir, 'os', 'process.md'), note('Process', 'A program that is running.'));
		await next;
		expect(titles(notes)).toContain('Process');
		next = events.next();
		await rm(path.join(dir, 'kernel.md'));
		await next;
		expect(titles(notes)).toEqual(['Process']);
	});

	it('keeps the notes while the folder is gone and reads it again once it is back', async () => {
		const notes = await open();
		const events = outcomes(notes);
		notes.watch();
		const failed = events.next();
		await rm(dir, { recursive: true });
		expect((await failed).ok).toBe(false);
		expect(titles(notes)).toEqual(['Kernel']);
		const back = events.next();
		await mkdir(dir);
		await writeFile(path.join(dir, 'shell.md'), note('Shell', 'A program that runs commands typed by a user.'));
		expect((await back).ok).toBe(true);
		expect(titles(notes)).toEqual(['Shell']);
	});
});

describe('concernsNotes', () => {
	it('takes notes, folders and the folder itself; ignores other files and dot-folders', () => {
		for (const name of ['a.md', 'os/b.markdown', 'os', 'os/sub', '', null]) expect(concernsNotes(name)).toBe(true);
		for (const name of ['a.txt', 'image.png', '.obsidian/workspace.json', '.git/index', 'os/.hidden.md', 'a.md~'])
			expect(concernsNotes(name)).toBe(false);
	});
});
