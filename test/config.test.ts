import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadRestProxyConfig, PROJECT_DIR } from '../src/config.ts';

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
			sharding: { role: 'single' },
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

	it('runs a shard manager for SHARDS=auto or a number, with a shared store and the REST proxy', () => {
		const sharded = { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: 'http://proxy:8080/api', STORE_URL: 'redis://redis:6379' };
		expect(loadConfig({ ...sharded, SHARDS: 'auto' }, { requireToken: true }).sharding).toEqual({
			role: 'manager',
			count: 'auto',
		});
		expect(loadConfig({ ...sharded, SHARDS: '4' }, { requireToken: true }).sharding).toEqual({
			role: 'manager',
			count: 4,
		});
		expect(() => loadConfig({ ...sharded, SHARDS: '0' }, { requireToken: true })).toThrow(
			'SHARDS must be auto or a positive whole number of shards, got "0"',
		);
		let error: unknown;
		try {
			loadConfig({ DISCORD_TOKEN: TOKEN, SHARDS: '2' }, { requireToken: true });
		} catch (caught) {
			error = caught;
		}
		expect((error as ConfigError).problems).toEqual([
			'SHARDS needs DISCORD_API_URL set to the REST proxy the shards share (`npm run rest-proxy`), e.g. http://127.0.0.1:8080/api',
			'SHARDS needs a store the shards share: STORE_URL redis:// or postgres:// (a SQLite file or memory:// serves one process)',
		]);
	});

	it('knows a shard process by the variables discord.js gives it, whatever its SHARDS holds', () => {
		const shard = loadConfig(
			{ DISCORD_TOKEN: TOKEN, SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '2' },
			{
				requireToken: true,
			},
		);
		expect(shard.sharding).toEqual({ role: 'shard' });
	});
});

describe('loadRestProxyConfig', () => {
	it('applies documented defaults and reads every variable', () => {
		expect(loadRestProxyConfig({ DISCORD_TOKEN: TOKEN })).toEqual({
			discordToken: TOKEN,
			upstreamUrl: 'https://discord.com/api',
			port: 8080,
			logLevel: 'info',
		});
		expect(
			loadRestProxyConfig({
				DISCORD_TOKEN: TOKEN,
				DISCORD_API_URL: 'http://127.0.0.1:5000/api/',
				REST_PROXY_PORT: '0',
				LOG_LEVEL: 'debug',
			}),
		).toEqual({ discordToken: TOKEN, upstreamUrl: 'http://127.0.0.1:5000/api', port: 0, logLevel: 'debug' });
	});

	it('names every wrong variable in one error', () => {
		let error: unknown;
		try {
			loadRestProxyConfig({ DISCORD_API_URL: 'ftp://x', REST_PROXY_PORT: '70000', LOG_LEVEL: 'loud' });
		} catch (caught) {
			error = caught;
		}
		expect((error as ConfigError).problems.map((p) => p.split(' ')[0])).toEqual([
			'DISCORD_TOKEN',
			'DISCORD_API_URL',
			'REST_PROXY_PORT',
			'LOG_LEVEL',
		]);
	});

	it('refuses to relay to itself, as a .env shared with the bot would make it', () => {
		expect(() => loadRestProxyConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: 'http://127.0.0.1:8080/api' })).toThrow(
			'DISCORD_API_URL is where the proxy relays to, and http://127.0.0.1:8080/api is the proxy itself',
		);
	});
});
