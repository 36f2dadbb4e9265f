import { Fields } from '../../src/store/fields.ts';
import type { RecordKind } from '../../src/store/records.ts';

/** A record for store tests: a count and who added to it, so a lost or doubled update shows. */
export interface Counter {
	n: number;
	seen: string[];
}

export const COUNTER: RecordKind<Counter> = {
	name: 'Counter',
	version: 1,
	parse(fields) {
		const read = new Fields('Counter', fields);
		return { n: read.number('n'), seen: read.strings('seen') };
	},
};
