import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import { messagesIn } from '../../src/i18n/messages.ts';

const en = messagesIn('en');
const ko = messagesIn('ko');

/** `text` as a pattern that matches it literally. */
const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
			/^Sandbox: the real bot is connected to a local Discord fake \(9 commands, 25 concepts from /,
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
		expect(prompts[6]).toBe(
			'No command /nope. Commands: /daily /explain /leaderboard /mydata /notes /quiz /review /search /stats\n',
		);
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
				'/stats member member:minji',
				':as student',
				':daily',
				':channel nowhere',
				':quit',
				'',
			].join('\n'),
		);
		expect(output).toContain(
			'\nDemo server: #study #general; student has Manage Server; daily questions of the last 4 days (scores and review cards).\n',
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
		expect(prompts[9]).toMatch(/^📎 leaderboard\.png \(image\/png, \d+×\d+, \d+ KB\)\n/);
		expect(prompts[9]?.slice(prompts[9].indexOf('\n') + 1)).toBe(
			[
				'┌ 🏆 Leaderboard — all time',
				'│ 1. @minji — 36 points',
				'│ 2. @student — 32 points',
				'│ 2. @classmate — 32 points ← you',
				'│ 4. @jun — 22 points',
				'│ ',
				'│ You: #2 of 4 with 32 points.',
				'│ [image: leaderboard.png]',
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

	it('serves due reviews, attaches files and charts, answers in Korean after :lang ko, and shows DMs', async () => {
		const output = await sandbox(
			['/review', '1', '/mydata export', '/stats server', ':dm', ':lang ko', '/stats member', ':quit', ''].join('\n'),
		);
		const prompts = output.split('student> ').slice(1);
		// The demo's past answers made review cards; student missed one two days ago, so it is due now.
		expect(prompts[0]).toMatch(/^\(only you can see this\)\n┌ 🔁 Review · .+\n/);
		expect(prompts[0]).toMatch(/\n└ \d+ due · /);
		// Button 1 answers a multiple-choice question, or shows a flashcard's answer with the four self-ratings.
		expect(prompts[1]).toMatch(/^\(only you can see this\)\n┌ 🔁 Review · /);
		const graded = /\n│ (✅ Correct: |❌ You answered )/.test(prompts[1] ?? '');
		const revealed = prompts[1]?.includes(`\n│ ${en.review.rateHint}\n`) === true;
		expect(graded || revealed).toBe(true);
		if (revealed) {
			const [again, hard, good, easy] = en.review.ratings;
			// Good is the green (Success) button.
			expect(prompts[1]).toContain(`[1] ${again}  [2] ${hard}  [3] ${good} ✓  [4] ${easy}`);
		}
		const intro = literal(en.mydata.exportIntro({ answers: 1001, cards: 1002 })).replace(/100[12]/g, '\\d+');
		expect(prompts[2]).toMatch(new RegExp(`^\\(only you can see this\\)\\n${intro}\\n`));
		expect(prompts[2]).toMatch(
			/\n📎 answers\.csv \([^)]*\d+ K?B\)\n📎 cards\.csv \([^)]*\d+ K?B\)\n📎 missed-concepts\.txt \([^)]*\d+ K?B\)\n$/,
		);
		expect(prompts[3]).toMatch(
			new RegExp(`^📎 server-stats\\.png \\(image/png, \\d+×\\d+, \\d+ KB\\)\\n┌ ${literal(en.server.title)}\\n`),
		);
		expect(prompts[3]).toContain('\n│ [image: server-stats.png]\n└ ');
		// The past questions name their concepts, so the server's most missed ones are listed.
		expect(prompts[3]).toContain(`\n│ ${en.server.missedName}: 1. `);
		expect(prompts[4]).toBe('No direct messages from the bot to student yet.\n');
		expect(prompts[5]).toBe("student's Discord language: ko\n");
		expect(prompts[6]).toMatch(/^📎 stats\.png \(image\/png, \d+×\d+, \d+ KB\)\n/);
		const lines = prompts[6]?.split('\n').slice(1) ?? [];
		expect(lines.slice(0, 7)).toEqual([
			'┌ 📊 student',
			`│ ${ko.scores.fieldPoints}: ${ko.scores.points({ points: 32 })}`,
			`│ ${ko.scores.fieldRank}: ${ko.scores.rank({ rank: 2, ranked: 4 })}`,
			`│ ${ko.scores.fieldAnswered}: ${ko.scores.answered({ answered: 4 })}`,
			`│ ${ko.scores.fieldAccuracy}: ${ko.scores.accuracy({ percent: 75, correct: 3, answered: 4 })}`,
			`│ ${ko.scores.fieldStreak}: ${ko.scores.streak({ streak: 1, best: 2 })}`,
			`│ ${ko.scores.fieldWeakest}: ${ko.scores.weakTopic({ topic: '가상 머신과 도커 컨테이너', correct: 3, answered: 4 })}`,
		]);
		expect(lines[7]).toMatch(new RegExp(`^│ ${literal(ko.review.statsName)}: `));
		expect(lines.slice(8)).toEqual(['│ [image: stats.png]', `└ ${ko.scores.statsFooter.replaceAll('`', '')}`, '']);
	});
});
