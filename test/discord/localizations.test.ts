import path from 'node:path';
import type { APIApplicationCommandOption } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../../src/config.ts';
import { loadCommands } from '../../src/discord/commands.ts';

const HANGUL = /[\uac00-\ud7a3]/;

interface Described {
	readonly name: string;
	readonly description: string;
	readonly description_localizations?: Partial<Record<string, string | null>> | null;
}

/** Where a description is missing its Korean text (or has one without Hangul), by path: `daily setup timezone`. */
function missingKorean(item: Described, where: string): string[] {
	const korean = item.description_localizations?.ko;
	return typeof korean === 'string' && HANGUL.test(korean) && korean.length <= 100 ? [] : [where];
}

/** Every option below a command or subcommand, with its path; subcommands and groups are walked into. */
function options(
	list: readonly APIApplicationCommandOption[] | undefined,
	where: string,
): [string, APIApplicationCommandOption][] {
	return (list ?? []).flatMap((option) => {
		const path = `${where} ${option.name}`;
		const nested =
			'options' in option ? options(option.options as APIApplicationCommandOption[] | undefined, path) : [];
		return [[path, option] as [string, APIApplicationCommandOption], ...nested];
	});
}

describe('command localizations', () => {
	it('give every command, subcommand and option a Korean description, and keep the names English', async () => {
		const commands = await loadCommands(path.join(PROJECT_DIR, 'commands'));
		const missing: string[] = [];
		for (const command of commands.values()) {
			const json = command.data.toJSON();
			expect(json.name).toMatch(/^[a-z][a-z0-9-]*$/);
			missing.push(...missingKorean(json, `/${json.name}`));
			for (const [where, option] of options(json.options, `/${json.name}`)) {
				expect(option.name, where).toMatch(/^[a-z][a-z0-9-]*$/);
				missing.push(...missingKorean(option, where));
			}
		}
		expect(missing).toEqual([]);
	});

	it('give every fixed choice a Korean name', async () => {
		const commands = await loadCommands(path.join(PROJECT_DIR, 'commands'));
		const missing: string[] = [];
		for (const command of commands.values()) {
			const json = command.data.toJSON();
			for (const [where, option] of options(json.options, `/${json.name}`)) {
				if (!('choices' in option)) continue;
				for (const choice of option.choices ?? []) {
					const korean = choice.name_localizations?.ko;
					if (typeof korean !== 'string' || !HANGUL.test(korean)) missing.push(`${where} ${choice.name}`);
				}
			}
		}
		expect(missing).toEqual([]);
	});
});
