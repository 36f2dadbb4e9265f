import { RecordError } from './records.ts';

/**
 * Typed reads of a stored record's fields for `RecordKind.parse`. Each throws a `RecordError` naming the kind and the
 * field, so a damaged record is reported precisely instead of misread.
 */
export class Fields {
	readonly #kind: string;
	readonly #fields: Readonly<Record<string, unknown>>;

	constructor(kind: string, fields: Readonly<Record<string, unknown>>) {
		this.#kind = kind;
		this.#fields = fields;
	}

	#fail(name: string, expected: string): never {
		throw new RecordError(`${this.#kind}: field ${name} must be ${expected}`);
	}

	string(name: string): string {
		const value = this.#fields[name];
		return typeof value === 'string' ? value : this.#fail(name, 'a string');
	}

	stringOrNull(name: string): string | null {
		const value = this.#fields[name];
		return value === null || value === undefined ? null : this.string(name);
	}

	number(name: string): number {
		const value = this.#fields[name];
		return typeof value === 'number' && Number.isFinite(value) ? value : this.#fail(name, 'a number');
	}

	boolean(name: string): boolean {
		const value = this.#fields[name];
		return typeof value === 'boolean' ? value : this.#fail(name, 'true or false');
	}

	oneOf<T extends string>(name: string, allowed: readonly T[]): T {
		const value = this.#fields[name];
		return allowed.includes(value as T) ? (value as T) : this.#fail(name, `one of ${allowed.join(', ')}`);
	}

	strings(name: string): string[] {
		const value = this.#fields[name];
		if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
			this.#fail(name, 'a list of strings');
		return [...value] as string[];
	}

	/** A plain object whose values are checked by `item` (which throws on a bad value). */
	map<T>(name: string, item: (value: unknown, key: string) => T): Record<string, T> {
		const value = this.#fields[name];
		if (value === null || typeof value !== 'object' || Array.isArray(value)) this.#fail(name, 'an object');
		const out: Record<string, T> = {};
		for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
			try {
				out[key] = item(entry, key);
			} catch (error) {
				throw new RecordError(
					`${this.#kind}: field ${name}.${key} is malformed (${error instanceof Error ? error.message : error})`,
				);
			}
		}
		return out;
	}

	/** A nested object, read with its own `Fields`. */
	object<T>(name: string, read: (fields: Fields) => T): T {
		const value = this.#fields[name];
		if (value === null || typeof value !== 'object' || Array.isArray(value)) this.#fail(name, 'an object');
		return read(new Fields(`${this.#kind}.${name}`, value as Record<string, unknown>));
	}
}

/** A non-negative integer, for counters read from `Fields.map`. */
export function count(value: unknown): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error('not a count');
	return value;
}

/** A `[correct, answered]` pair of counts, as score records keep them per topic. */
export function countPair(pair: unknown): [number, number] {
	if (!Array.isArray(pair) || pair.length !== 2) throw new Error('not a [correct, answered] pair');
	return [count(pair[0]), count(pair[1])];
}
