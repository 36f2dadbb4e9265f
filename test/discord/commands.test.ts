import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import { CommandLoadError, loadCommands } from '../../src/discord/commands.ts';

const COMMANDS_DIR = path.join(PROJECT_DIR, 'commands');

async function commandsDir(files: Record<string, string>): Promise<string> {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'commands-'));
	for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
	return dir;
}

const VALID = (name: string): string =>
	`export const data = { name: '${name}', toJSON: () => ({ name: '${name}', description: 'x' }) };\nexport async function execute() {}\n`;

describe('loadCommands', () => {
	it('loads every command of commands/ under its file name', async () => {
		const commands = await loadCommands(COMMANDS_DIR);
		expect([...commands.keys()]).toEqual([
			'daily',
			'explain',
			'leaderboard',
			'mydata',
			'notes',
			'quiz',
			'review',
			'search',
			'stats',
		]);
	});

	it('gives commands that fit Discord limits', async () => {
		const commands = await loadCommands(COMMANDS_DIR);
		for (const command of commands.values()) {
			const json = command.data.toJSON();
			expect(json.name).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
			expect(json.description.length).toBeGreaterThan(0);
			expect(json.description.length).toBeLessThanOrEqual(100);
			expect(json.options?.length ?? 0).toBeLessThanOrEqual(25);
			for (const option of json.options ?? []) {
				expect(option.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
				expect(option.description.length).toBeLessThanOrEqual(100);
			}
		}
		expect(commands.get('explain')?.autocomplete).toBeTypeOf('function');
		expect(commands.get('explain')?.onButton).toBeTypeOf('function');
	});

	it('hides /daily and /notes from members without Manage Server and offers them and the score commands only in servers', async () => {
		const commands = await loadCommands(COMMANDS_DIR);
		const daily = commands.get('daily')?.data.toJSON();
		expect(daily?.default_member_permissions).toBe('32');
		expect(daily?.options?.map((option) => option.name)).toEqual(['setup', 'post', 'off', 'status']);
		const notes = commands.get('notes')?.data.toJSON();
		expect(notes?.default_member_permissions).toBe('32');
		expect(notes?.options?.map((option) => option.name)).toEqual(['status']);
		for (const name of ['daily', 'notes', 'leaderboard', 'stats', 'review', 'mydata'])
			expect(commands.get(name)?.data.toJSON().contexts).toEqual([0]);
		expect(commands.get('quiz')?.data.toJSON().default_member_permissions).toBeUndefined();
	});

	it('refuses a module without execute, naming the file', async () => {
		const dir = await commandsDir({ 'broken.ts': `export const data = { name: 'broken', toJSON: () => ({}) };\n` });
		await expect(loadCommands(dir)).rejects.toThrow(
			new CommandLoadError(
				`commands: ${path.basename(dir)}/broken.ts must export \`data\` (a SlashCommandBuilder) and \`execute\``,
			),
		);
	});

	it('refuses a command whose name differs from its file name', async () => {
		const dir = await commandsDir({ 'quiz.ts': VALID('trivia') });
		await expect(loadCommands(dir)).rejects.toThrow('defines /trivia; the file name says /quiz');
	});

	it('refuses a file that does not load', async () => {
		const dir = await commandsDir({ 'bad.ts': 'export const = ;' });
		await expect(loadCommands(dir)).rejects.toThrow(/commands: .*bad\.ts failed to load/);
	});

	it('refuses an invalid file name and an empty folder', async () => {
		await expect(loadCommands(await commandsDir({ 'Bad_Name.ts': VALID('bad') }))).rejects.toThrow(
			'is not a valid command file name',
		);
		await expect(loadCommands(await commandsDir({}))).rejects.toThrow('no command files');
	});
});
