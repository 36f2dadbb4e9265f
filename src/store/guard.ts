import { EventEmitter } from 'node:events';
import type { KeyvStoreAdapter, StoredData } from 'keyv';
import { describeCause, StoreUnavailableError } from './errors.ts';

/**
 * A Keyv storage adapter whose every failure rejects with a `StoreUnavailableError` naming the store and the
 * operation. Keyv (opened with `throwOnErrors`) passes it on unchanged, so a store that is down is never read as a
 * missing record. The @keyv adapters either swallow failures (Redis without `throwOnErrors`, every iterator) or throw
 * driver errors that name neither the store nor the key.
 *
 * Keyv reads `opts` (to recognise an adapter it can iterate) and sets `namespace`; both reach the wrapped adapter.
 */
export class GuardedAdapter extends EventEmitter implements KeyvStoreAdapter {
	/** The wrapped @keyv adapter, for tools that need its driver (the benchmark's SQLite transaction). */
	readonly inner: KeyvStoreAdapter;
	readonly #label: string;
	readonly #secrets: readonly string[];
	/** Set by `disconnect`; a closed adapter must not quietly connect again (@keyv/redis would). */
	#closed = false;

	/**
	 * @param label the store's URL without credentials, for messages
	 * @param secrets strings never to repeat in a message (the URL's password), in case a driver's message has them
	 */
	constructor(inner: KeyvStoreAdapter, label: string, secrets: readonly string[]) {
		super();
		this.inner = inner;
		this.#label = label;
		this.#secrets = secrets.filter((secret) => secret !== '');
		inner.on('error', (error: unknown) => this.emit('error', this.#reported(error)));
	}

	// biome-ignore lint/suspicious/noExplicitAny: Keyv's adapter contract types `opts` as any.
	get opts(): any {
		return this.inner.opts;
	}

	get namespace(): string | undefined {
		return this.inner.namespace;
	}

	set namespace(value: string | undefined) {
		this.inner.namespace = value;
	}

	#scrub(error: unknown): string {
		let cause = describeCause(error);
		for (const secret of this.#secrets) cause = cause.replaceAll(secret, '***');
		return cause;
	}

	/** `what` names the operation: `reading daily:post:1:2026-12-01`. */
	#unavailable(what: string, error: unknown): StoreUnavailableError {
		if (error instanceof StoreUnavailableError) return error;
		return new StoreUnavailableError(`store: ${what} on ${this.#label} failed (${this.#scrub(error)})`, {
			cause: error,
		});
	}

	/** An error the adapter emitted (a lost connection, a reconnect attempt, a failed operation it also throws). */
	#reported(error: unknown): StoreUnavailableError {
		if (error instanceof StoreUnavailableError) return error;
		return new StoreUnavailableError(`store: ${this.#label} reported an error (${this.#scrub(error)})`, {
			cause: error,
		});
	}

	async #guard<T>(what: string, run: () => Promise<T>): Promise<T> {
		if (this.#closed) throw this.#unavailable(what, new Error('the store is closed'));
		try {
			return await run();
		} catch (error) {
			throw this.#unavailable(what, error);
		}
	}

	get<Value>(key: string): Promise<StoredData<Value> | undefined> {
		return this.#guard(`reading ${key}`, () => this.inner.get<Value>(key));
	}

	getMany<Value>(keys: string[]): Promise<Array<StoredData<Value | undefined>>> {
		return this.#guard(`reading ${keys.length} keys`, () =>
			this.inner.getMany === undefined
				? Promise.all(keys.map((key) => this.inner.get<Value>(key)))
				: this.inner.getMany<Value>(keys),
		);
	}

	// biome-ignore lint/suspicious/noExplicitAny: Keyv's adapter contract types stored values as any.
	set(key: string, value: any, ttl?: number): Promise<unknown> {
		return this.#guard(`writing ${key}`, async () => this.inner.set(key, value, ttl));
	}

	delete(key: string): Promise<boolean> {
		return this.#guard(`deleting ${key}`, () => this.inner.delete(key));
	}

	deleteMany(keys: string[]): Promise<boolean> {
		return this.#guard(`deleting ${keys.length} keys`, async () => {
			if (this.inner.deleteMany !== undefined) return this.inner.deleteMany(keys);
			const deleted = await Promise.all(keys.map((key) => this.inner.delete(key)));
			return deleted.some(Boolean);
		});
	}

	has(key: string): Promise<boolean> {
		return this.#guard(`checking ${key}`, async () =>
			this.inner.has === undefined ? (await this.inner.get(key)) !== undefined : this.inner.has(key),
		);
	}

	clear(): Promise<void> {
		return this.#guard(`clearing namespace ${this.namespace ?? '(none)'}`, () => this.inner.clear());
	}

	async disconnect(): Promise<void> {
		if (this.#closed) return;
		try {
			await this.inner.disconnect?.();
		} catch (error) {
			throw this.#unavailable('closing', error);
		} finally {
			this.#closed = true;
		}
	}

	/**
	 * Every entry of `namespace`. An adapter error, thrown or only emitted (the Postgres iterator stops early and emits
	 * instead of throwing), fails the iteration rather than ending it as if the store were exhausted.
	 */
	async *iterator<Value>(namespace?: string): AsyncGenerator<Array<string | Awaited<Value> | undefined>, void> {
		const iterate = this.inner.iterator?.bind(this.inner);
		if (iterate === undefined) throw new StoreUnavailableError(`store: ${this.#label} cannot list its keys`);
		if (this.#closed) throw this.#unavailable('listing', new Error('the store is closed'));
		const emitted: unknown[] = [];
		const record = (error: unknown): void => {
			emitted.push(error);
		};
		this.on('error', record);
		try {
			for await (const entry of iterate<Value>(namespace)) {
				if (emitted.length > 0) break;
				yield entry;
			}
		} catch (error) {
			throw this.#unavailable(`listing namespace ${namespace ?? '(none)'}`, error);
		} finally {
			this.off('error', record);
		}
		if (emitted.length > 0) throw this.#unavailable(`listing namespace ${namespace ?? '(none)'}`, emitted[0]);
	}
}
