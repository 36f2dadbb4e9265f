import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, PROJECT_DIR } from '../src/config.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDe.abcdefghijklmnopqrstuvwxyz0123456789';

describe('loadConfig', () => {
	it('applies documented defaults', () => {
		const config = loadConfig({ DISCORD_TOKEN: TOKEN }, { requireToken: true });
		expect(config).toEqual({
			discordToken: TOKEN,
			applicationId: null,
			guildId: null,
			apiUrl: null,
			notesDir: path.join(PROJECT_DIR, 'data/notes'),
			notesMaxFileBytes: 1024 * 1024,
			storeUrl: 'sqlite://data/study.sqlite',
			logLevel: 'info',
		});
		expect(Object.isFrozen(config)).toBe(true);
	});

	it('reads every variable', () => {
		const config = loadConfig(
			{
				DISCORD_TOKEN: TOKEN,
				DISCORD_APPLICATION_ID: '123456789012345678',
				DISCORD_GUILD_ID: '223456789012345678',
				DISCORD_API_URL: 'http://127.0.0.1:5000/api/',
				NOTES_DIR: '/srv/notes',
				NOTES_MAX_FILE_BYTES: '2048',
				STORE_URL: 'redis://127.0.0.1:6379',
				LOG_LEVEL: 'DEBUG',
			},
			{ requireToken: true },
		);
		expect(config.applicationId).toBe('123456789012345678');
		expect(config.guildId).toBe('223456789012345678');
		expect(config.apiUrl).toBe('http://127.0.0.1:5000/api');
		expect(config.notesDir).toBe('/srv/notes');
		expect(config.notesMaxFileBytes).toBe(2048);
		expect(config.storeUrl).toBe('redis://127.0.0.1:6379');
		expect(config.logLevel).toBe('debug');
	});

	it('names every wrong variable in one error', () => {
		let error: unknown;
		try {
			loadConfig(
				{
					DISCORD_APPLICATION_ID: 'abc',
					DISCORD_API_URL: 'ftp://x',
					NOTES_MAX_FILE_BYTES: '-1',
					STORE_URL: 'mysql://x',
					LOG_LEVEL: 'loud',
				},
				{ requireToken: true },
			);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(ConfigError);
		const problems = (error as ConfigError).problems;
		expect(problems.map((p) => p.split(' ')[0])).toEqual([
			'DISCORD_TOKEN',
			'DISCORD_APPLICATION_ID',
			'DISCORD_API_URL',
			'NOTES_MAX_FILE_BYTES',
			'STORE_URL',
			'LOG_LEVEL',
		]);
		expect((error as ConfigError).message).toContain('config: 6 problems in the environment');
	});

	it('does not require a token for offline tools, but still checks one that is given', () => {
		expect(loadConfig({}, { requireToken: false }).discordToken).toBe('');
		expect(() => loadConfig({ DISCORD_TOKEN: 'Bot abc' }, { requireToken: false })).toThrow(
			'DISCORD_TOKEN does not look like a bot token',
		);
	});

	it('never puts the token into an error message', () => {
		try {
			loadConfig({ DISCORD_TOKEN: TOKEN, LOG_LEVEL: 'nope' }, { requireToken: true });
		} catch (error) {
			expect((error as Error).message).not.toContain(TOKEN);
		}
		expect.assertions(1);
	});
});
