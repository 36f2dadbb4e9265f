import {
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ComponentType,
	MessageFlags,
} from 'discord-api-types/v10';
import type { ZodMiniType } from 'zod/mini';
import type { $ZodIssue } from 'zod/v4/core';
import type { FieldIssue } from './errors.ts';

/**
 * Discord's limits on request bodies, the ones bots trip over. The generated spec schemas miss some of them (a bot's
 * message content is 2000 characters although the schema says 4000; choice values are 100) and cannot express
 * cross-field ones (6000 characters of embed text per message), so the fake checks these itself, first.
 */
export const LIMITS = {
	CONTENT_CHARS: 2000,
	EMBEDS_PER_MESSAGE: 10,
	EMBED_TITLE_CHARS: 256,
	EMBED_DESCRIPTION_CHARS: 4096,
	EMBED_FIELDS: 25,
	EMBED_FIELD_NAME_CHARS: 256,
	EMBED_FIELD_VALUE_CHARS: 1024,
	EMBED_FOOTER_CHARS: 2048,
	EMBED_AUTHOR_NAME_CHARS: 256,
	EMBED_TOTAL_CHARS: 6000,
	ACTION_ROWS: 5,
	COMPONENTS_PER_ROW: 5,
	COMPONENTS_V2_TOTAL: 40,
	CUSTOM_ID_CHARS: 100,
	BUTTON_LABEL_CHARS: 80,
	SELECT_OPTIONS: 25,
	SELECT_OPTION_CHARS: 100,
	SELECT_PLACEHOLDER_CHARS: 150,
	AUTOCOMPLETE_CHOICES: 25,
	CHOICE_NAME_CHARS: 100,
	CHOICE_STRING_VALUE_CHARS: 100,
	MODAL_TITLE_CHARS: 45,
	MODAL_COMPONENTS: 5,
	TEXT_INPUT_LABEL_CHARS: 45,
	TEXT_INPUT_VALUE_CHARS: 4000,
	COMMAND_NAME_CHARS: 32,
	COMMAND_DESCRIPTION_CHARS: 100,
	COMMAND_OPTIONS: 25,
	COMMAND_TOTAL_CHARS: 4000,
	CHAT_INPUT_COMMANDS: 100,
	CONTEXT_MENU_COMMANDS: 15,
} as const;

type Path = readonly (string | number)[];
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const chars = (value: unknown): number => (typeof value === 'string' ? [...value].length : 0);

const maxLength = (path: Path, max: number): FieldIssue => ({
	path,
	code: 'BASE_TYPE_MAX_LENGTH',
	message: `Must be ${max} or fewer in length.`,
});
const badLength = (path: Path, min: number, max: number): FieldIssue => ({
	path,
	code: 'BASE_TYPE_BAD_LENGTH',
	message: `Must be between ${min} and ${max} in length.`,
});

/** Collects issues while walking a body. */
class Issues {
	readonly list: FieldIssue[] = [];
	add(issue: FieldIssue): void {
		this.list.push(issue);
	}
	/** A string field no longer than `max` characters (Discord counts Unicode code points). */
	max(body: Json, key: string, path: Path, max: number): void {
		if (chars(body[key]) > max) this.add(maxLength([...path, key], max));
	}
	/** A string field of `min`–`max` characters when present. */
	between(body: Json, key: string, path: Path, min: number, max: number, required = false): void {
		const value = body[key];
		if (value === undefined || value === null) {
			if (required) this.add({ path: [...path, key], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
			return;
		}
		const n = chars(value);
		if (n < min || n > max) this.add(badLength([...path, key], min, max));
	}
}

/**
 * Checks a message body (create, edit, webhook, or the `data` of an interaction callback) against Discord's limits.
 * `path` is where the message sits in the request body (e.g. `['data']` for callbacks).
 */
export function checkMessageLimits(body: unknown, path: Path = []): FieldIssue[] {
	const issues = new Issues();
	if (!isObject(body)) return issues.list;
	issues.max(body, 'content', path, LIMITS.CONTENT_CHARS);
	checkEmbeds(body.embeds, [...path, 'embeds'], issues);
	const flags = typeof body.flags === 'number' ? body.flags : 0;
	checkComponents(body.components, [...path, 'components'], (flags & MessageFlags.IsComponentsV2) !== 0, issues);
	return issues.list;
}

function checkEmbeds(embeds: unknown, path: Path, issues: Issues): void {
	if (!Array.isArray(embeds)) return;
	if (embeds.length > LIMITS.EMBEDS_PER_MESSAGE) issues.add(maxLength(path, LIMITS.EMBEDS_PER_MESSAGE));
	let total = 0;
	embeds.forEach((embed: unknown, index) => {
		if (!isObject(embed)) return;
		const at = [...path, index];
		issues.max(embed, 'title', at, LIMITS.EMBED_TITLE_CHARS);
		issues.max(embed, 'description', at, LIMITS.EMBED_DESCRIPTION_CHARS);
		total += chars(embed.title) + chars(embed.description);
		if (isObject(embed.footer)) {
			issues.max(embed.footer, 'text', [...at, 'footer'], LIMITS.EMBED_FOOTER_CHARS);
			total += chars(embed.footer.text);
		}
		if (isObject(embed.author)) {
			issues.max(embed.author, 'name', [...at, 'author'], LIMITS.EMBED_AUTHOR_NAME_CHARS);
			total += chars(embed.author.name);
		}
		if (Array.isArray(embed.fields)) {
			if (embed.fields.length > LIMITS.EMBED_FIELDS) issues.add(maxLength([...at, 'fields'], LIMITS.EMBED_FIELDS));
			embed.fields.forEach((field: unknown, f) => {
				if (!isObject(field)) return;
				const fieldPath = [...at, 'fields', f];
				issues.between(field, 'name', fieldPath, 1, LIMITS.EMBED_FIELD_NAME_CHARS, true);
				issues.between(field, 'value', fieldPath, 1, LIMITS.EMBED_FIELD_VALUE_CHARS, true);
				total += chars(field.name) + chars(field.value);
			});
		}
	});
	if (total > LIMITS.EMBED_TOTAL_CHARS) {
		issues.add({
			path,
			code: 'MAX_EMBED_SIZE_EXCEEDED',
			message: `Embed size exceeds maximum size of ${LIMITS.EMBED_TOTAL_CHARS}`,
		});
	}
}

const SELECT_TYPES: ReadonlySet<number> = new Set([
	ComponentType.StringSelect,
	ComponentType.UserSelect,
	ComponentType.RoleSelect,
	ComponentType.MentionableSelect,
	ComponentType.ChannelSelect,
]);

function checkComponents(components: unknown, path: Path, v2: boolean, issues: Issues): void {
	if (!Array.isArray(components)) return;
	if (!v2 && components.length > LIMITS.ACTION_ROWS) issues.add(maxLength(path, LIMITS.ACTION_ROWS));
	const customIds = new Map<string, Path>();
	let total = 0;
	const visit = (component: unknown, at: Path, inRow: boolean): void => {
		if (!isObject(component)) return;
		total++;
		const type = component.type;
		if (!v2 && !inRow && type !== ComponentType.ActionRow) {
			issues.add({
				path: [...at, 'type'],
				code: 'COMPONENT_TYPE_INVALID',
				message: 'Top-level components must be action rows unless the message has the IS_COMPONENTS_V2 flag',
			});
		}
		const customId = str(component.custom_id);
		if (component.custom_id !== undefined && component.custom_id !== null) {
			issues.between(component, 'custom_id', at, 1, LIMITS.CUSTOM_ID_CHARS);
		}
		if (customId !== undefined) {
			if (customIds.has(customId)) {
				issues.add({
					path: [...at, 'custom_id'],
					code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
					message: 'Component custom id cannot be duplicated',
				});
			} else customIds.set(customId, at);
		}
		if (type === ComponentType.ActionRow) {
			const children = Array.isArray(component.components) ? component.components : [];
			if (children.length < 1 || children.length > LIMITS.COMPONENTS_PER_ROW) {
				issues.add(badLength([...at, 'components'], 1, LIMITS.COMPONENTS_PER_ROW));
			}
			const selects = children.filter((c: unknown) => isObject(c) && SELECT_TYPES.has(Number(c.type))).length;
			if (selects > 0 && children.length > 1) {
				issues.add({
					path: [...at, 'components'],
					code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
					message: 'The specified component exceeds the maximum width',
				});
			}
			children.forEach((child: unknown, i) => {
				visit(child, [...at, 'components', i], true);
			});
			return;
		}
		if (type === ComponentType.Button) {
			issues.max(component, 'label', at, LIMITS.BUTTON_LABEL_CHARS);
			const isLink = component.style === 5;
			const isPremium = component.style === 6;
			if (isLink && (component.url === undefined || component.url === null)) {
				issues.add({ path: [...at, 'url'], code: 'BUTTON_COMPONENT_URL_REQUIRED', message: 'A url is required' });
			}
			if (!isLink && !isPremium && customId === undefined) {
				issues.add({
					path: [...at, 'custom_id'],
					code: 'BUTTON_COMPONENT_CUSTOM_ID_REQUIRED',
					message: 'A custom id is required',
				});
			}
			if (isLink && customId !== undefined) {
				issues.add({
					path: [...at, 'custom_id'],
					code: 'BUTTON_COMPONENT_LINK_CUSTOM_ID',
					message: 'Link buttons cannot have a custom id',
				});
			}
			return;
		}
		if (SELECT_TYPES.has(Number(type))) {
			issues.max(component, 'placeholder', at, LIMITS.SELECT_PLACEHOLDER_CHARS);
			if (type === ComponentType.StringSelect) {
				const options = Array.isArray(component.options) ? component.options : [];
				if (options.length < 1 || options.length > LIMITS.SELECT_OPTIONS) {
					issues.add(badLength([...at, 'options'], 1, LIMITS.SELECT_OPTIONS));
				}
				options.forEach((option: unknown, o) => {
					if (!isObject(option)) return;
					const optionPath = [...at, 'options', o];
					issues.between(option, 'label', optionPath, 1, LIMITS.SELECT_OPTION_CHARS, true);
					issues.between(option, 'value', optionPath, 1, LIMITS.SELECT_OPTION_CHARS, true);
					issues.max(option, 'description', optionPath, LIMITS.SELECT_OPTION_CHARS);
				});
			}
			return;
		}
		// Components v2 containers: sections, containers and labels hold further components.
		if (Array.isArray(component.components)) {
			component.components.forEach((child: unknown, i) => {
				visit(child, [...at, 'components', i], true);
			});
		}
		if (isObject(component.accessory)) visit(component.accessory, [...at, 'accessory'], true);
		if (isObject(component.component)) visit(component.component, [...at, 'component'], true);
	};
	components.forEach((component: unknown, i) => {
		visit(component, [...path, i], false);
	});
	if (v2 && total > LIMITS.COMPONENTS_V2_TOTAL) issues.add(maxLength(path, LIMITS.COMPONENTS_V2_TOTAL));
}

/** The type of an autocomplete's focused option decides what choice values must be. */
export type ChoiceValueType = 'string' | 'integer' | 'number';

/** Checks the `data.choices` of an autocomplete callback (type 8). */
export function checkAutocompleteLimits(body: unknown, valueType: ChoiceValueType): FieldIssue[] {
	const issues = new Issues();
	if (!isObject(body) || !isObject(body.data)) return issues.list;
	const choices = body.data.choices;
	const path = ['data', 'choices'];
	if (!Array.isArray(choices)) return issues.list;
	if (choices.length > LIMITS.AUTOCOMPLETE_CHOICES) issues.add(maxLength(path, LIMITS.AUTOCOMPLETE_CHOICES));
	choices.forEach((choice: unknown, i) => {
		if (!isObject(choice)) return;
		const at = [...path, i];
		issues.between(choice, 'name', at, 1, LIMITS.CHOICE_NAME_CHARS, true);
		const value = choice.value;
		if (valueType === 'string') {
			if (typeof value !== 'string') {
				issues.add({ path: [...at, 'value'], code: 'STRING_TYPE_CONVERT', message: 'Value must be a string.' });
			} else if (chars(value) > LIMITS.CHOICE_STRING_VALUE_CHARS) {
				issues.add(maxLength([...at, 'value'], LIMITS.CHOICE_STRING_VALUE_CHARS));
			}
		} else if (typeof value !== 'number' || (valueType === 'integer' && !Number.isInteger(value))) {
			issues.add({
				path: [...at, 'value'],
				code: 'NUMBER_TYPE_COERCE',
				message: `Value "${String(value)}" is not ${valueType === 'integer' ? 'int' : 'a number'}.`,
			});
		}
	});
	return issues.list;
}

/** Checks the `data` of a modal callback (type 9). */
export function checkModalLimits(body: unknown): FieldIssue[] {
	const issues = new Issues();
	if (!isObject(body) || !isObject(body.data)) return issues.list;
	const data = body.data;
	issues.between(data, 'title', ['data'], 1, LIMITS.MODAL_TITLE_CHARS, true);
	issues.between(data, 'custom_id', ['data'], 1, LIMITS.CUSTOM_ID_CHARS, true);
	const components = Array.isArray(data.components) ? data.components : [];
	if (components.length < 1 || components.length > LIMITS.MODAL_COMPONENTS) {
		issues.add(badLength(['data', 'components'], 1, LIMITS.MODAL_COMPONENTS));
	}
	for (const { input, path } of modalTextInputs(data.components, ['data', 'components'])) {
		issues.between(input, 'custom_id', path, 1, LIMITS.CUSTOM_ID_CHARS, true);
		issues.max(input, 'label', path, LIMITS.TEXT_INPUT_LABEL_CHARS);
		issues.max(input, 'value', path, LIMITS.TEXT_INPUT_VALUE_CHARS);
	}
	return issues.list;
}

/** The text inputs of a modal, in action rows (legacy) or labels (current), with their paths. */
export function modalTextInputs(components: unknown, path: Path = []): { input: Json; path: Path }[] {
	const found: { input: Json; path: Path }[] = [];
	if (!Array.isArray(components)) return found;
	components.forEach((component: unknown, i) => {
		if (!isObject(component)) return;
		const at = [...path, i];
		if (component.type === ComponentType.TextInput) found.push({ input: component, path: at });
		if (Array.isArray(component.components))
			found.push(...modalTextInputs(component.components, [...at, 'components']));
		if (isObject(component.component) && component.component.type === ComponentType.TextInput) {
			found.push({ input: component.component, path: [...at, 'component'] });
		}
	});
	return found;
}

const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Checks one application command (create or bulk-overwrite item) against Discord's rules for commands. */
export function checkCommand(command: unknown, path: Path = []): FieldIssue[] {
	const issues = new Issues();
	if (!isObject(command)) return issues.list;
	const type = typeof command.type === 'number' ? command.type : ApplicationCommandType.ChatInput;
	const name = str(command.name) ?? '';
	if (type === ApplicationCommandType.ChatInput) {
		if (!CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase()) {
			issues.add({
				path: [...path, 'name'],
				code: 'APPLICATION_COMMAND_INVALID_NAME',
				message: `Command name "${name}" is invalid (lowercase letters, digits, - and _, 1–32 characters).`,
			});
		}
		issues.between(command, 'description', path, 1, LIMITS.COMMAND_DESCRIPTION_CHARS, true);
	} else {
		issues.between(command, 'name', path, 1, LIMITS.COMMAND_NAME_CHARS, true);
		if (chars(command.description) > 0) {
			issues.add({
				path: [...path, 'description'],
				code: 'APPLICATION_COMMAND_DESCRIPTION_INVALID',
				message: 'Context menu commands cannot have a description.',
			});
		}
	}
	checkOptions(command.options, [...path, 'options'], issues, 0);
	const size = commandSize(command);
	if (size > LIMITS.COMMAND_TOTAL_CHARS) {
		issues.add({
			path,
			code: 'APPLICATION_COMMAND_TOO_LARGE',
			message: `Command exceeds maximum size (${LIMITS.COMMAND_TOTAL_CHARS})`,
		});
	}
	return issues.list;
}

const NESTING_TYPES: ReadonlySet<number> = new Set([
	ApplicationCommandOptionType.Subcommand,
	ApplicationCommandOptionType.SubcommandGroup,
]);

function checkOptions(options: unknown, path: Path, issues: Issues, depth: number): void {
	if (!Array.isArray(options)) return;
	if (options.length > LIMITS.COMMAND_OPTIONS) issues.add(maxLength(path, LIMITS.COMMAND_OPTIONS));
	const names = new Set<string>();
	let sawOptional = false;
	const nesting = options.filter((o: unknown) => isObject(o) && NESTING_TYPES.has(Number(o.type))).length;
	if (nesting > 0 && nesting < options.length) {
		issues.add({
			path,
			code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
			message: 'Subcommands and subcommand groups cannot be mixed with other options',
		});
	}
	options.forEach((option: unknown, i) => {
		if (!isObject(option)) return;
		const at = [...path, i];
		const name = str(option.name) ?? '';
		if (!CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase()) {
			issues.add({
				path: [...at, 'name'],
				code: 'APPLICATION_COMMAND_INVALID_NAME',
				message: `Option name "${name}" is invalid`,
			});
		}
		if (names.has(name)) {
			issues.add({
				path: [...at, 'name'],
				code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
				message: `Option name ${name} is already used in these options`,
			});
		}
		names.add(name);
		issues.between(option, 'description', at, 1, LIMITS.COMMAND_DESCRIPTION_CHARS, true);
		if (option.required === true && sawOptional) {
			issues.add({
				path: [...at, 'required'],
				code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
				message: 'Required options must be placed before non-required options',
			});
		}
		if (option.required !== true && !NESTING_TYPES.has(Number(option.type))) sawOptional = true;
		if (Array.isArray(option.choices)) {
			if (option.choices.length > LIMITS.AUTOCOMPLETE_CHOICES) {
				issues.add(maxLength([...at, 'choices'], LIMITS.AUTOCOMPLETE_CHOICES));
			}
			if (option.autocomplete === true && option.choices.length > 0) {
				issues.add({
					path: [...at, 'autocomplete'],
					code: 'APPLICATION_COMMAND_OPTIONS_AUTOCOMPLETE_CHOICES',
					message: 'Autocomplete cannot be enabled on options that have choices',
				});
			}
		}
		if (NESTING_TYPES.has(Number(option.type))) {
			const maxDepth = option.type === ApplicationCommandOptionType.SubcommandGroup ? 0 : 1;
			if (depth > maxDepth) {
				issues.add({
					path: [...at, 'type'],
					code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
					message: 'Subcommands can only be nested one level inside a subcommand group',
				});
			}
			checkOptions(option.options, [...at, 'options'], issues, depth + 1);
		}
	});
}

/** Discord counts name, description and every option's name, description and choice names and values. */
function commandSize(command: Json): number {
	let size = chars(command.name) + chars(command.description);
	const walk = (options: unknown): void => {
		if (!Array.isArray(options)) return;
		for (const option of options) {
			if (!isObject(option)) continue;
			size += chars(option.name) + chars(option.description);
			if (Array.isArray(option.choices)) {
				for (const choice of option.choices) {
					if (isObject(choice)) size += chars(choice.name) + String(choice.value ?? '').length;
				}
			}
			walk(option.options);
		}
	};
	walk(command.options);
	return size;
}

/**
 * Discord accepts `default_member_permissions` as a string (discord.js sends one) while the generated schema says
 * number; convert before validating so the schema checks what Discord checks.
 */
export function normalizeCommandForSpec(command: unknown): unknown {
	if (!isObject(command)) return command;
	const permissions = command.default_member_permissions;
	if (typeof permissions === 'string' && /^\d+$/.test(permissions)) {
		return { ...command, default_member_permissions: Number(permissions) };
	}
	return command;
}

/** Validates `body` with a discord-api-spec zod schema and reports problems the way Discord words them. */
export function checkWithSpec(schema: ZodMiniType, body: unknown, path: Path = []): FieldIssue[] {
	const result = schema.safeParse(body);
	if (result.success) return [];
	return result.error.issues.flatMap((issue) => toFieldIssues(issue, path, body));
}

function toFieldIssues(issue: $ZodIssue, prefix: Path, root: unknown): FieldIssue[] {
	const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
	switch (issue.code) {
		case 'too_big':
			if (issue.origin === 'string' || issue.origin === 'array') return [maxLength(path, Number(issue.maximum))];
			return [
				{ path, code: 'NUMBER_TYPE_MAX', message: `int value should be less than or equal to ${issue.maximum}.` },
			];
		case 'too_small':
			if (issue.origin === 'string' || issue.origin === 'array') {
				return [{ path, code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${issue.minimum} or more in length.` }];
			}
			return [
				{ path, code: 'NUMBER_TYPE_MIN', message: `int value should be greater than or equal to ${issue.minimum}.` },
			];
		case 'invalid_type': {
			if (valueAt(root, issue.path) === undefined) {
				return [{ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];
			}
			return [{ path, code: 'BASE_TYPE_INVALID', message: `Expected ${issue.expected}.` }];
		}
		case 'invalid_value':
			return [
				{
					path,
					code: 'BASE_TYPE_CHOICES',
					message: `Value must be one of {${issue.values.map((v) => String(v)).join(', ')}}.`,
				},
			];
		case 'invalid_union': {
			// Report the branch that came closest (fewest problems): that is the shape the sender meant.
			const branches = issue.errors.filter((branch) => branch.length > 0);
			const closest = branches.sort((a, b) => a.length - b.length)[0];
			if (closest === undefined) {
				return [{ path, code: 'UNION_TYPE_CHOICES', message: 'Value does not match any allowed shape.' }];
			}
			return closest.flatMap((inner) =>
				toFieldIssues({ ...inner, path: [...issue.path, ...inner.path] }, prefix, root),
			);
		}
		case 'invalid_format':
			return [{ path, code: 'BASE_TYPE_INVALID_FORMAT', message: `Not a valid ${issue.format}.` }];
		default:
			return [{ path, code: 'BASE_TYPE_INVALID', message: issue.message }];
	}
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
	let node: unknown = root;
	for (const key of path) {
		if (node === null || typeof node !== 'object') return undefined;
		node = (node as Record<PropertyKey, unknown>)[key];
	}
	return node;
}

/** Issues from several checkers, without repeats of the same message on the same path. */
export function mergeIssues(...lists: readonly FieldIssue[][]): FieldIssue[] {
	const seen = new Set<string>();
	const merged: FieldIssue[] = [];
	for (const issue of lists.flat()) {
		const key = `${issue.path.join('.')}|${issue.code}|${issue.message}`;
		if (seen.has(key)) continue;
		seen.add(key);
		merged.push(issue);
	}
	return merged;
}

/** Whether a message body would produce a message with nothing in it (Discord answers 50006). */
export function isEmptyMessage(body: unknown): boolean {
	if (!isObject(body)) return true;
	const has = (key: string): boolean => {
		const value = body[key];
		if (Array.isArray(value)) return value.length > 0;
		if (typeof value === 'string') return value.length > 0;
		return value !== undefined && value !== null;
	};
	return !(
		has('content') ||
		has('embeds') ||
		has('components') ||
		has('sticker_ids') ||
		has('poll') ||
		has('attachments')
	);
}
