import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../src/config.ts';

const TSX = path.join(PROJECT_DIR, 'node_modules/.bin/tsx');

async function start(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
	try {
		await promisify(execFile)(TSX, [path.join(PROJECT_DIR, 'src/main.ts')], {
			env: { PATH: process.env.PATH ?? '', ...env },
			timeout: 20_000,
		});
		return { code: 0, stderr: '' };
	} catch (error) {
		const failed = error as { code: number; stderr: string };
		return { code: failed.code, stderr: failed.stderr };
	}
}

describe('npm start', () => {
	it('refuses to start without a token and says which variables are wrong', async () => {
		const run = await start({ DISCORD_TOKEN: '', DISCORD_GUILD_ID: 'my-server', LOG_LEVEL: 'loud' });
		expect(run.code).toBe(1);
		expect(run.stderr).toBe(
			[
				'config: 3 problems in the environment:',
				'  - DISCORD_TOKEN is required: the bot token from the Discord developer portal (Bot → Reset Token)',
				'  - DISCORD_GUILD_ID must be a Discord id (17 to 20 digits), got "my-server"',
				'  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
				'',
			].join('\n'),
		);
	});

	it('names a notes folder that does not exist', async () => {
		const run = await start({
			DISCORD_TOKEN: 'MTIz.abc.def',
			NOTES_DIR: '/nonexistent/study-notes',
			LOG_LEVEL: 'silent',
		});
		expect(run.code).toBe(1);
		expect(run.stderr).toContain('/nonexistent/study-notes');
		expect(run.stderr).not.toContain('MTIz.abc.def');
	});
});
