import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FILE_BYTES, decodeNote, loadNotes, NotesError } from '../../src/notes/load.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/notes', import.meta.url));

describe('loadNotes on the fixture folder', () => {
	it('reads every note recursively in path order, skipping dot-folders, and reports each file', async () => {
		const loaded = await loadNotes(FIXTURES);
		expect(loaded.files.map((f) => [f.file, f.concepts, f.warnings])).toEqual([
			[
				'broken-front-matter.md',
				1,
				[
					'notes: broken-front-matter.md has invalid front matter (Flow sequence in block collection must be sufficiently indented and end with a ]); ignored',
				],
			],
			['duplicates.md', 6, []],
			['front-matter.md', 2, []],
			['headings.md', 14, []],
			[
				'html-and-links.md',
				2,
				[
					'notes: html-and-links.md links to [[network#HTTP]], which matches no concept',
					'notes: html-and-links.md links to [[세션#쿠키]], which matches no concept',
				],
			],
			['no-headings.md', 1, ['notes: no-headings.md has no headings; titled "제목 없이 적은 메모이다."']],
			['os/process.md', 4, ['notes: os/process.md links to [[없는 문서]], which matches no concept']],
			['os/thread.md', 2, []],
			['terms.md', 17, []],
		]);
		expect(loaded.files.find((f) => f.file === 'duplicates.md')?.bytes).toBe(63);
		expect(loaded.concepts).toHaveLength(49);
		expect(loaded.warnings.map((w) => w.file)).toEqual([
			'broken-front-matter.md',
			'html-and-links.md',
			'html-and-links.md',
			'no-headings.md',
			'os/process.md',
		]);
		expect(new Set(loaded.concepts.map((c) => c.id)).size).toBe(49);
		expect(loaded.concepts.find((c) => c.id === 'html-and-links#웹-보안')?.relatedIds).toEqual([
			'html-and-links#동일-출처-정책',
		]);
	});

	it('throws a NotesError for a missing folder or a file', async () => {
		await expect(loadNotes('data/nope')).rejects.toThrow(new NotesError('notes: folder data/nope does not exist'));
		const file = path.join(FIXTURES, 'terms.md');
		await expect(loadNotes(file)).rejects.toThrow(new NotesError(`notes: ${file} is not a folder`));
		await expect(loadNotes('data/nope')).rejects.toBeInstanceOf(NotesError);
	});
});

describe('loadNotes on bad files', () => {
	let dir = '';
	beforeEach(async () => {
		dir = await fs.mkdtemp(path.join(os.tmpdir(), 'study-notes-'));
	});
	afterEach(async () => {
		await fs.rm(dir, { recursive: true, force: true });
	});

	const write = async (file: string, content: string | Uint8Array): Promise<void> => {
		await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
		await fs.writeFile(path.join(dir, file), content);
	};

	it('skips empty, binary, non-UTF-8, huge and unreadable files with precise warnings, and reads the rest', async () => {
		const good = '# 정상\n\n읽히는 노트.\n';
		await write('good.md', good);
		await write('empty.md', '');
		await write('blank.md', '  \n\n');
		await write('binary.md', Buffer.from([0x23, 0x20, 0x41, 0x0a, 0x42, 0x00, 0x43]));
		const latin1 = Buffer.concat([Buffer.from('# 제목\n\ncaf'), Buffer.from([0xe9]), Buffer.from('\n')]);
		await write('os/latin1.md', latin1);
		await write('huge.md', `# 큰 파일\n\n${'가'.repeat(400)}\n`);
		await fs.symlink(path.join(dir, 'nowhere.md'), path.join(dir, 'dangling.md'));
		await write('notes.txt', '# 노트 아님\n');

		const loaded = await loadNotes(dir, { maxFileBytes: 1000 });
		expect(loaded.files.map((f) => [f.file, f.bytes, f.concepts, f.warnings])).toEqual([
			['binary.md', 7, 0, ['notes: binary.md looks binary (NUL byte at offset 5), skipped']],
			['blank.md', 4, 0, ['notes: blank.md is empty (only whitespace), skipped']],
			['dangling.md', 0, 0, ['notes: dangling.md cannot be read (no such file), skipped']],
			['empty.md', 0, 0, ['notes: empty.md is empty, skipped']],
			['good.md', Buffer.byteLength(good), 1, []],
			['huge.md', 1215, 0, ['notes: huge.md is 1215 bytes, over the 1000-byte limit, skipped']],
			[
				'os/latin1.md',
				latin1.length,
				0,
				[`notes: os/latin1.md is not UTF-8 (invalid byte at offset ${latin1.length - 2}), skipped`],
			],
		]);
		expect(loaded.concepts.map((c) => c.id)).toEqual(['good#정상']);
		expect(loaded.warnings).toHaveLength(6);
	});

	it('decodes UTF-8 with a BOM and UTF-16 with a BOM, and reads `.markdown` files', async () => {
		await write('bom.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# 바이트 순서 표시\n')]));
		await write(
			'utf16.md',
			Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# 유니코드 16\n\n본문\n', 'utf16le')]),
		);
		await write('long-ext.markdown', '# 긴 확장자\n');
		const loaded = await loadNotes(dir);
		expect(loaded.concepts.map((c) => [c.id, c.title, c.source.line])).toEqual([
			['bom#바이트-순서-표시', '바이트 순서 표시', 1],
			['long-ext#긴-확장자', '긴 확장자', 1],
			['utf16#유니코드-16', '유니코드 16', 1],
		]);
		expect(loaded.warnings).toEqual([]);
	});

	it('skips dot-folders (not dot-files) and survives a symlink loop', async () => {
		await write('a/note.md', '# 노트\n');
		await write('.draft.md', '# 초안\n');
		await write('.git/x.md', '# 숨김\n');
		await write('.obsidian/y.md', '# 설정\n');
		await fs.symlink(dir, path.join(dir, 'a', 'loop'));
		await fs.symlink(path.join(dir, 'a'), path.join(dir, 'b'));
		const loaded = await loadNotes(dir);
		expect(loaded.files.map((f) => f.file)).toEqual(['.draft.md', 'a/note.md']);
	});

	it('uses a 1 MiB limit by default', async () => {
		expect(DEFAULT_MAX_FILE_BYTES).toBe(1048576);
		await write('big.md', `# 큰\n\n${'a'.repeat(DEFAULT_MAX_FILE_BYTES)}\n`);
		const loaded = await loadNotes(dir);
		expect(loaded.warnings).toEqual([
			{ file: 'big.md', reason: 'notes: big.md is 1048584 bytes, over the 1048576-byte limit, skipped' },
		]);
	});
});

describe('decodeNote', () => {
	const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

	it('returns the text without a BOM', () => {
		expect(decodeNote('a.md', bytes(0xef, 0xbb, 0xbf, 0x23, 0x20, 0x41))).toEqual({ text: '# A' });
		expect(decodeNote('a.md', bytes(0xfe, 0xff, 0x00, 0x41))).toEqual({ text: 'A' });
	});

	it('names the first invalid UTF-8 byte', () => {
		const reason = (value: Uint8Array): string => {
			const result = decodeNote('x.md', value);
			return 'warning' in result ? result.warning.reason : result.text;
		};
		expect(reason(bytes(0x41, 0x42, 0xc3))).toBe('notes: x.md is not UTF-8 (invalid byte at offset 2), skipped');
		expect(reason(bytes(0x41, 0xed, 0xa0, 0x80))).toBe('notes: x.md is not UTF-8 (invalid byte at offset 1), skipped');
		expect(reason(bytes(0x41, 0xc0, 0xaf))).toBe('notes: x.md is not UTF-8 (invalid byte at offset 1), skipped');
		expect(reason(bytes(0xff, 0xfe, 0x41))).toBe('notes: x.md is not valid UTF-16LE (odd number of bytes), skipped');
		expect(reason(bytes(0xef, 0xbb, 0xbf))).toBe('notes: x.md is empty, skipped');
	});
});
