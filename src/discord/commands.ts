import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CommandModule } from './command.ts';

/** A command module that is malformed or clashes with another; start-up stops with this message. */
export class CommandLoadError extends Error {
	override readonly name = 'CommandLoadError';
}

const COMMAND_FILE = /^[a-z][a-z0-9-]*\.ts$/;

function isCommandModule(value: unknown): value is CommandModule {
	if (typeof value !== 'object' || value === null) return false;
	const module = value as Record<string, unknown>;
	const data = module.data as Record<string, unknown> | undefined;
	return (
		typeof data === 'object' &&
		data !== null &&
		typeof data.name === 'string' &&
		typeof data.toJSON === 'function' &&
		typeof module.execute === 'function' &&
		(module.autocomplete === undefined || typeof module.autocomplete === 'function') &&
		(module.onButton === undefined || typeof module.onButton === 'function')
	);
}

/**
 * Imports every command of `dir` (one file per command, file name = command name) and returns them by name.
 * Fails fast, naming the file, on a module without `data`/`execute` or a name that differs from the file name
 * (which also makes duplicate names impossible), rather than start a bot that silently lacks a command.
 */
export async function loadCommands(dir: string): Promise<ReadonlyMap<string, CommandModule>> {
	const files = (await readdir(dir)).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')).sort();
	const commands = new Map<string, CommandModule>();
	for (const file of files) {
		const where = path.join(path.basename(dir), file);
		if (!COMMAND_FILE.test(file))
			throw new CommandLoadError(`commands: ${where} is not a valid command file name (lower case, digits and -)`);
		let module: unknown;
		try {
			module = await import(pathToFileURL(path.join(dir, file)).href);
		} catch (error) {
			throw new CommandLoadError(`commands: ${where} failed to load: ${(error as Error).message}`);
		}
		if (!isCommandModule(module)) {
			throw new CommandLoadError(`commands: ${where} must export \`data\` (a SlashCommandBuilder) and \`execute\``);
		}
		const expected = file.slice(0, -'.ts'.length);
		if (module.data.name !== expected) {
			throw new CommandLoadError(`commands: ${where} defines /${module.data.name}; the file name says /${expected}`);
		}
		commands.set(module.data.name, module);
	}
	if (commands.size === 0) throw new CommandLoadError(`commands: no command files in ${dir}`);
	return commands;
}
