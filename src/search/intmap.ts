/**
 * A hash map from non-negative 31-bit integers to non-negative integers, in two typed arrays (open
 * addressing, linear probing). Several times faster and smaller than a `Map<number, number>` for the
 * hundreds of thousands of Hangul bigram keys of a large notes folder.
 */
export class IntMap {
	#keys: Int32Array;
	#values: Int32Array;
	#mask: number;
	/** 32 − log2(capacity): the hash keeps the product's high bits, which depend on every bit of the key. */
	#shift: number;
	#size = 0;

	/** `expected`: roughly how many keys will be stored (the table grows past it anyway). */
	constructor(expected = 1024) {
		let capacity = 16;
		while (capacity < expected * 2) capacity *= 2;
		this.#keys = new Int32Array(capacity).fill(-1);
		this.#values = new Int32Array(capacity);
		this.#mask = capacity - 1;
		this.#shift = 32 - Math.log2(capacity);
	}

	get size(): number {
		return this.#size;
	}

	/** The value of `key`, or -1. */
	get(key: number): number {
		const keys = this.#keys;
		const mask = this.#mask;
		let slot = Math.imul(key, 0x9e3779b1) >>> this.#shift;
		for (;;) {
			const found = keys[slot] ?? -1;
			if (found === key) return this.#values[slot] ?? -1;
			if (found === -1) return -1;
			slot = (slot + 1) & mask;
		}
	}

	/** Stores `value` (>= 0) under `key` (0 <= key < 2^31), replacing any previous value. */
	set(key: number, value: number): void {
		if ((this.#size + 1) * 2 > this.#keys.length) this.#grow();
		const keys = this.#keys;
		const mask = this.#mask;
		let slot = Math.imul(key, 0x9e3779b1) >>> this.#shift;
		for (;;) {
			const found = keys[slot] ?? -1;
			if (found === key) {
				this.#values[slot] = value;
				return;
			}
			if (found === -1) {
				keys[slot] = key;
				this.#values[slot] = value;
				this.#size++;
				return;
			}
			slot = (slot + 1) & mask;
		}
	}

	#grow(): void {
		const oldKeys = this.#keys;
		const oldValues = this.#values;
		this.#keys = new Int32Array(oldKeys.length * 2).fill(-1);
		this.#values = new Int32Array(oldKeys.length * 2);
		this.#mask = this.#keys.length - 1;
		this.#shift--;
		this.#size = 0;
		for (let slot = 0; slot < oldKeys.length; slot++) {
			const key = oldKeys[slot] ?? -1;
			if (key !== -1) this.set(key, oldValues[slot] ?? 0);
		}
	}
}
