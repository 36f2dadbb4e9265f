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
			/^Sandbox: the real bot is connected to a local Discord fake \(7 commands, 25 concepts from /,
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
		expect(prompts[6]).toBe('No command /nope. Commands: /daily /explain /leaderboard /notes /quiz /search /stats\n');
	});

	it('posts the daily question in the channel, lets members answer it by number, and shows scores', async () => {
		const output = await sandbox(
			[
				':as classmate',
				'/daily status',
				':as student',
				'/daily',
				':daily',
				'1',
				':as classmate',
				':channel',
				'2',
				'/leaderboard',
				'/stats member:minji',
				':as student',
				':daily',
				':channel nowhere',
				':quit',
				'',
			].join('\n'),
		);
		expect(output).toContain(
			'\nDemo server: #study #general; student has Manage Server; daily-question scores of the last 4 days.\n',
		);
		const prompts = output.split(/(?:student|classmate)> /).slice(1);
		expect(prompts[1]).toBe('Discord would refuse that: FakeDiscord: /daily needs permissions 32 the user lacks\n');
		expect(prompts[3]).toBe('/daily needs a subcommand: setup, post, off, status\n');
		const post =
			/── #study · study-bot\n┌ Daily question · \d{4}-\d{2}-\d{2}\n(│ .*\n)+└ Answer with the buttons below · closes .*\n\[1\] \S+ {2}\[2\] .*\n$/;
		expect(prompts[4]).toMatch(
			/^» \/daily setup channel:study time:09:00 \(as student\)\n\(only you can see this\)\nSaved\.\nChannel: #study\nTime: 09:00 \(Asia\/Seoul\)\n/,
		);
		expect(prompts[4]).toMatch(
			/\n── #study · study-bot\n📚 The daily question will be posted here every day at 09:00 \(Asia\/Seoul\)\. .*\n» \/daily post \(as student\)\n\(only you can see this\)\nPosted today's question in #study: https:\/\/discord\.com\/channels\/\d+\/\d+\/\d+\n/,
		);
		expect(prompts[4]).toMatch(post);
		expect(prompts[5]).toMatch(/^\(only you can see this\)\n(✅ Correct|❌ Not this time): /);
		expect(prompts[7]).toMatch(/^── #study · study-bot\n📚 .*\n── #study · study-bot\n┌ Daily question/);
		expect(prompts[7]).toMatch(post);
		expect(prompts[8]).toMatch(/^\(only you can see this\)\n(✅ Correct|❌ Not this time): /);
		expect(prompts[9]).toBe(
			[
				'┌ 🏆 Leaderboard — all time',
				'│ 1. @minji — 36 points',
				'│ 2. @student — 32 points',
				'│ 2. @classmate — 32 points ← you',
				'│ 4. @jun — 22 points',
				'│ ',
				'│ You: #2 of 4 with 32 points.',
				'└ Asia/Seoul · page 1 of 1',
				'',
			].join('\n'),
		);
		expect(prompts[10]).toBe(
			[
				'┌ 📊 minji',
				'│ Points: 36 points',
				'│ Rank: #1 of 4',
				'│ Answered: 4',
				'│ Accuracy: 75% (3/4)',
				'│ Streak: 3 (best 3)',
				'│ Weakest topics: 가상 머신과 도커 컨테이너 — 3/4',
				'└ Daily questions only; practice with /quiz does not count.',
				'',
			].join('\n'),
		);
		expect(prompts[12]).toMatch(
			/^» \/daily post \(as student\)\n\(only you can see this\)\nToday's question is already posted \(open\): https:\/\/discord\.com\/channels\/\d+\/\d+\/\d+\n/,
		);
		expect(prompts[12]).toMatch(post);
		expect(prompts[13]).toBe('No channel #nowhere. Channels: #study #general\n');
	});
});
