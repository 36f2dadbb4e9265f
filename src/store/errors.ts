/** The store cannot be used; the message says why (a wrong part of `STORE_URL`, or a server that does not answer). */
export class StoreError extends Error {
	override readonly name: string = 'StoreError';
}

/**
 * The store's server or file did not answer or refused an operation: nothing is known about the record, so callers
 * must not treat it as absent. Every adapter and connection failure surfaces as this error, never as `undefined`.
 */
export class StoreUnavailableError extends StoreError {
	override readonly name: string = 'StoreUnavailableError';
}

/** Another process held a record's lock for longer than the bounded wait; nothing was read or written. */
export class StoreLockTimeoutError extends StoreUnavailableError {
	override readonly name: string = 'StoreLockTimeoutError';
}

/** One line for an error from a driver: Node's `AggregateError` (one per address tried) has an empty message. */
export function describeCause(error: unknown): string {
	if (error instanceof AggregateError && error.message === '')
		return error.errors.map((inner: unknown) => describeCause(inner)).join('; ');
	if (error instanceof Error) return error.message === '' ? error.name : error.message;
	return String(error);
}
