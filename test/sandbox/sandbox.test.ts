import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';

/** Runs `npm run sandbox` (its script, in its own process) with `input` typed at its prompt. */
function sandbox(input: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = execFile(
			path.join(PROJECT_DIR, 'node_modules/.bin/tsx'),
			[path.join(PROJECT_DIR, 'test/sandbox/main.ts')],
			{ env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 },
			(error, stdout, stderr) => (error === null ? resolve(stdout) : reject(new Error(`${error.message}\n${stderr}`))),
		);
		child.stdin?.end(input);
	});
}

describe('npm run sandbox', () => {
	it('runs the real bot against the fake and renders commands, buttons and member switches as text', async () => {
		const output = await sandbox(
			[
				'/explain apparmor',
				'2',
				'/explain 보안모둘임',
				'1',
				':as classmate',
				'/search 파일 경로에 적용하는 보안 모듈',
				'/nope',
				':quit',
				'',
			].join('\n'),
		);
		expect(output).toMatch(
			/^Sandbox: the real bot is connected to a local Discord fake \(2 commands, 25 concepts from /,
		);
		const prompts = output.split(/(?:student|classmate)> /).slice(1);
		expect(prompts[0]).toMatch(/^┌ APPArmor\n/);
		expect(prompts[0]).toContain('[1] 보안 모듈  [2] SELinux');
		expect(prompts[1]).toMatch(/^\(only you can see this\)\n┌ SELinux\n/);
		expect(prompts[2]).toBe(
			'(only you can see this)\nNo concept in the notes matches “보안모둘임”. Did you mean one of these?\n[1] 보안 모듈\n',
		);
		expect(prompts[3]).toMatch(/^\(only you can see this\)\n┌ 보안 모듈\n/);
		expect(prompts[5]).toMatch(/^┌ Search: 파일 경로에 적용하는 보안 모듈\n│ 1\. APPArmor/);
		expect(prompts[6]).toBe('No command /nope. Commands: /explain /search\n');
	});
});
