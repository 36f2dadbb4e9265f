import type { APIApplicationCommand, APIApplicationCommandOption } from 'discord-api-types/v10';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';

/** What the sandbox accepts instead of ids: channels by name, users by username (name → id). */
export interface Directory {
	readonly channels: ReadonlyMap<string, string>;
	readonly users: ReadonlyMap<string, string>;
}

/** A slash command as the fake's `slashCommand` takes it. */
export interface Invocation {
	readonly name: string;
	readonly subcommand?: string;
	readonly options: Record<string, string | number | boolean>;
}

/** The option being typed into, as the fake's `autocomplete` takes it; `prefix` is the line before the value. */
export interface CompletionRequest extends Invocation {
	readonly option: string;
	readonly value: string;
	readonly prefix: string;
}

/** A typed line the sandbox cannot turn into a command; the message is for the user. */
export class InputError extends Error {
	override readonly name = 'InputError';
}

/** A `name:` at the start of a pair; Discord option names are lower-case letters, digits, `-` and `_`. */
const PAIR = /^([-_\p{L}\p{N}]+):([\s\S]*)$/u;
const PAIR_START = /\s+(?=[-_\p{L}\p{N}]+:)/u;

function isSubcommand(option: APIApplicationCommandOption): boolean {
	return (
		option.type === ApplicationCommandOptionType.Subcommand ||
		option.type === ApplicationCommandOptionType.SubcommandGroup
	);
}

/** `/explain /search` (registration order). */
export function commandList(commands: readonly APIApplicationCommand[]): string {
	return commands.map((command) => `/${command.name}`).join(' ');
}

interface Target {
	readonly name: string;
	readonly subcommand?: string;
	readonly definitions: readonly APIApplicationCommandOption[];
	/** The text after the command (and subcommand) name. */
	readonly rest: string;
	readonly restStart: number;
}

/** Finds the command and subcommand a line names. Subcommand groups are left out: no command of the bot has one. */
function target(commands: readonly APIApplicationCommand[], line: string): Target {
	const head = /^\/(\S*)\s*/.exec(line);
	if (head === null) throw new InputError('Commands start with "/"; type :help for help.');
	const name = head[1] ?? '';
	const command = commands.find((candidate) => candidate.name === name);
	if (command === undefined) throw new InputError(`No command /${name}. Commands: ${commandList(commands)}`);
	const options = command.options ?? [];
	const subcommands = options.filter(isSubcommand);
	if (subcommands.length === 0)
		return { name, definitions: options, rest: line.slice(head[0].length), restStart: head[0].length };
	const sub = /^(\S*)\s*/.exec(line.slice(head[0].length));
	const subName = sub?.[1] ?? '';
	const chosen = subcommands.find((candidate) => candidate.name === subName);
	const names = subcommands.map((candidate) => candidate.name).join(', ');
	if (subName === '') throw new InputError(`/${name} needs a subcommand: ${names}`);
	if (chosen === undefined) {
		// `/stats member:minji`: an option typed where the subcommand goes; name the subcommand that has it.
		const key = PAIR.exec(subName)?.[1];
		const owner = subcommands.find(
			(candidate) =>
				candidate.type === ApplicationCommandOptionType.Subcommand &&
				(candidate.options ?? []).some((option) => option.name === key),
		);
		if (owner !== undefined)
			throw new InputError(
				`/${name} needs a subcommand first (${names}); did you mean /${name} ${owner.name} ${line.slice(head[0].length).trim()}?`,
			);
	}
	if (chosen === undefined || chosen.type !== ApplicationCommandOptionType.Subcommand)
		throw new InputError(`/${name} has no subcommand "${subName}"; it has ${names}`);
	const restStart = head[0].length + (sub?.[0].length ?? 0);
	return { name, subcommand: subName, definitions: chosen.options ?? [], rest: line.slice(restStart), restStart };
}

/** The `name:value` pairs of `rest` when every part of it is one for a known option; values may contain spaces. */
function pairs(rest: string, definitions: readonly APIApplicationCommandOption[]): [string, string][] | null {
	if (rest.trim() === '') return null;
	const parts = rest.trim().split(PAIR_START);
	const found: [string, string][] = [];
	for (const part of parts) {
		const match = PAIR.exec(part);
		const key = match?.[1] ?? '';
		if (match === null || !definitions.some((definition) => definition.name === key)) return null;
		found.push([key, (match[2] ?? '').trim()]);
	}
	return found;
}

/** A typed value as the option's type needs it: ids for channels and users named by name, numbers, booleans. */
function optionValue(
	definition: APIApplicationCommandOption | undefined,
	typed: string,
	directory: Directory,
): string | number | boolean {
	switch (definition?.type) {
		case ApplicationCommandOptionType.Channel:
			return directory.channels.get(typed.replace(/^#/, '')) ?? typed;
		case ApplicationCommandOptionType.User:
		case ApplicationCommandOptionType.Mentionable:
			return directory.users.get(typed.replace(/^@/, '')) ?? typed;
		case ApplicationCommandOptionType.Integer:
		case ApplicationCommandOptionType.Number:
			return typed.trim() !== '' && Number.isFinite(Number(typed)) ? Number(typed) : typed;
		case ApplicationCommandOptionType.Boolean:
			return typed === 'true' ? true : typed === 'false' ? false : typed;
		default:
			return typed;
	}
}

function optionsOf(
	entries: readonly [string, string][],
	definitions: readonly APIApplicationCommandOption[],
	directory: Directory,
): Record<string, string | number | boolean> {
	return Object.fromEntries(
		entries.map(([key, typed]) => [
			key,
			optionValue(
				definitions.find((definition) => definition.name === key),
				typed,
				directory,
			),
		]),
	);
}

/**
 * Turns a typed line into a slash command: `/name [subcommand] …`, where the rest is `name:value` pairs, or else
 * fills the (sub)command's first option whole (`/search 파일 경로`, `/stats member classmate`). Values the fake checks
 * (unknown options, missing required ones, choices) are left for it to refuse.
 */
export function parseCommand(
	commands: readonly APIApplicationCommand[],
	line: string,
	directory: Directory,
): Invocation {
	const { name, subcommand, definitions, rest } = target(commands, line.trim());
	const given = pairs(rest, definitions);
	const first = definitions[0];
	const entries: [string, string][] =
		given ?? (rest.trim() === '' || first === undefined ? [] : [[first.name, rest.trim()]]);
	return {
		name,
		...(subcommand === undefined ? {} : { subcommand }),
		options: optionsOf(entries, definitions, directory),
	};
}

/**
 * What autocomplete asks for while `line` is typed, read as `parseCommand` reads it: the last `name:value` pair
 * (the pairs before it are sent along), else the first option with the whole rest. Null when that option does not
 * autocomplete.
 */
export function completionRequest(
	commands: readonly APIApplicationCommand[],
	line: string,
	directory: Directory,
): CompletionRequest | null {
	let found: Target;
	try {
		found = target(commands, line);
	} catch {
		return null;
	}
	const { name, subcommand, definitions, rest, restStart } = found;
	const autocompletes = (key: string): boolean =>
		definitions.some(
			(definition) => definition.name === key && 'autocomplete' in definition && definition.autocomplete === true,
		);
	const base = { name, ...(subcommand === undefined ? {} : { subcommand }) };
	const given = pairs(rest, definitions);
	const last = given?.at(-1);
	if (given !== null && last !== undefined) {
		if (!autocompletes(last[0])) return null;
		const prefix = line.slice(0, line.lastIndexOf(`${last[0]}:`) + last[0].length + 1);
		return {
			...base,
			options: optionsOf(given.slice(0, -1), definitions, directory),
			option: last[0],
			value: line.slice(prefix.length),
			prefix,
		};
	}
	const first = definitions[0];
	if (first === undefined || !autocompletes(first.name)) return null;
	return { ...base, options: {}, option: first.name, value: rest, prefix: line.slice(0, restStart) };
}
