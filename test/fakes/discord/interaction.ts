import {
	type APIApplicationCommandOptionChoice,
	type APIInteraction,
	type APIInteractionResponse,
	type APIMessage,
	type APIModalInteractionResponseCallbackData,
	InteractionResponseType,
	type InteractionType,
	MessageFlags,
} from 'discord-api-types/v10';
import type { RejectedRequest } from './records.ts';

/** Where an interaction is in its life: waiting for the bot, answered in time, or failed ("did not respond"). */
export type InteractionStatus = 'pending' | 'acknowledged' | 'failed';

/** The bot's accepted initial response, as Discord received it, and how long after the event it came. */
export type InteractionCallback = APIInteractionResponse & { readonly elapsedMs: number };

/** Thrown (as a rejection) when an interaction gets no valid initial response before the deadline. */
export class InteractionFailedError extends Error {
	constructor(
		readonly interactionId: string,
		readonly deadlineMs: number,
		readonly rejected: readonly RejectedRequest[],
	) {
		const reasons = rejected.map((r) => `\n  rejected ${r.status} ${r.code}: ${[r.message, ...r.details].join('; ')}`);
		super(`Interaction ${interactionId} failed: no valid initial response within ${deadlineMs} ms${reasons.join('')}`);
		this.name = 'InteractionFailedError';
	}
}

/** What a FakeInteraction reads from the fake it belongs to. */
export interface InteractionHost {
	/** A stored message as it stands now (a copy), or undefined once deleted. */
	message(messageId: string): APIMessage | undefined;
	/** Resolves with `check()`'s first non-undefined result, re-checking after every change to the fake. */
	waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T>;
}

/**
 * One interaction the fake sent to the bot, and what became of it: the initial response, the original message
 * (as edited since), follow-ups, and rejected attempts. Returned by `slashCommand`, `clickButton`, `selectMenu`,
 * `submitModal` and `startAutocomplete`.
 */
export class FakeInteraction {
	/** The interaction's id. */
	readonly id: string;
	/** The token the bot answers with (callbacks and webhook routes). */
	readonly token: string;
	readonly type: InteractionType;
	/** Milliseconds since the Unix epoch when the fake dispatched it. */
	readonly createdAtMs: number;
	/** How many gateway sessions got it (0: no bot was connected, so it can only fail). */
	deliveredTo = 0;

	#status: InteractionStatus = 'pending';
	#callback: InteractionCallback | undefined;
	#originalId: string | null = null;
	readonly #followUpIds: string[] = [];
	readonly #rejected: RejectedRequest[] = [];
	readonly #response: Promise<InteractionCallback>;
	#resolve!: (callback: InteractionCallback) => void;
	#reject!: (error: Error) => void;
	#timer: NodeJS.Timeout | undefined;

	constructor(
		/** The INTERACTION_CREATE payload exactly as the gateway sent it. */
		readonly payload: APIInteraction,
		/** Time the bot has for its initial response. */
		readonly deadlineMs: number,
		private readonly host: InteractionHost,
		onDeadline: (interaction: FakeInteraction) => void,
	) {
		this.id = payload.id;
		this.token = payload.token;
		this.type = payload.type;
		this.createdAtMs = Date.now();
		this.#response = new Promise<InteractionCallback>((resolve, reject) => {
			this.#resolve = resolve;
			this.#reject = reject;
		});
		// Tests that never await response() must not see an unhandled rejection when the interaction fails.
		this.#response.catch(() => undefined);
		this.#timer = setTimeout(() => onDeadline(this), deadlineMs);
		this.#timer.unref();
	}

	get status(): InteractionStatus {
		return this.#status;
	}

	/** The accepted initial response, once there is one. */
	get callback(): InteractionCallback | undefined {
		return this.#callback;
	}

	/** Requests about this interaction that the fake rejected (invalid body, already acknowledged, too late, …). */
	get rejected(): readonly RejectedRequest[] {
		return this.#rejected;
	}

	/**
	 * Resolves with the initial response once the bot sends a valid one; rejects with InteractionFailedError when the
	 * deadline passes first (what users see as "The application did not respond").
	 */
	response(): Promise<InteractionCallback> {
		return this.#response;
	}

	/**
	 * The message this interaction's response lives in, as it stands now: the reply (types 4/5) or, for component
	 * interactions answered with types 6/7, the message the component is on. Undefined before that, or once deleted.
	 */
	original(): APIMessage | undefined {
		return this.#originalId === null ? undefined : this.host.message(this.#originalId);
	}

	/** Follow-up messages sent through the interaction webhook, oldest first, as they stand now. */
	get followUps(): APIMessage[] {
		return this.#followUpIds.map((id) => this.host.message(id)).filter((m): m is APIMessage => m !== undefined);
	}

	/** Choices of an autocomplete response (type 8), once accepted. */
	get choices(): APIApplicationCommandOptionChoice[] | undefined {
		const callback = this.#callback;
		if (callback?.type !== InteractionResponseType.ApplicationCommandAutocompleteResult) return undefined;
		return callback.data.choices ?? [];
	}

	/** The modal the bot opened (type 9), once accepted. */
	get modal(): APIModalInteractionResponseCallbackData | undefined {
		const callback = this.#callback;
		return callback?.type === InteractionResponseType.Modal ? callback.data : undefined;
	}

	/**
	 * Waits until the original message exists and is no longer "thinking" (a deferred reply is edited or
	 * replaced), or until `until` accepts it. Rejects after `timeoutMs`.
	 */
	waitForOriginal(options: { until?: (message: APIMessage) => boolean; timeoutMs?: number } = {}): Promise<APIMessage> {
		const until = options.until ?? ((m: APIMessage) => ((m.flags ?? 0) & MessageFlags.Loading) === 0);
		return this.host.waitFor(
			() => {
				const message = this.original();
				return message !== undefined && until(message) ? message : undefined;
			},
			options.timeoutMs ?? 5_000,
			`the original response of interaction ${this.id}`,
		);
	}

	/** Waits until at least `count` follow-ups exist. */
	waitForFollowUps(count: number, options: { timeoutMs?: number } = {}): Promise<APIMessage[]> {
		return this.host.waitFor(
			() => {
				const followUps = this.followUps;
				return followUps.length >= count ? followUps : undefined;
			},
			options.timeoutMs ?? 5_000,
			`${count} follow-up(s) of interaction ${this.id}`,
		);
	}

	// ----- used by the fake only -----

	/** @internal Records the accepted initial response. */
	acknowledge(response: APIInteractionResponse): InteractionCallback {
		const callback = { ...response, elapsedMs: Date.now() - this.createdAtMs } as InteractionCallback;
		this.#status = 'acknowledged';
		this.#callback = callback;
		clearTimeout(this.#timer);
		this.#resolve(callback);
		return callback;
	}

	/** @internal Marks the interaction failed (deadline passed without a valid response). */
	fail(): void {
		this.#status = 'failed';
		this.#reject(new InteractionFailedError(this.id, this.deadlineMs, [...this.#rejected]));
	}

	/** @internal */
	setOriginal(messageId: string): void {
		this.#originalId = messageId;
	}

	/** @internal */
	get originalId(): string | null {
		return this.#originalId;
	}

	/** @internal */
	addFollowUp(messageId: string): void {
		this.#followUpIds.push(messageId);
	}

	/** @internal Whether a message belongs to this interaction (original or follow-up). */
	owns(messageId: string): boolean {
		return messageId === this.#originalId || this.#followUpIds.includes(messageId);
	}

	/** @internal */
	addRejected(rejected: RejectedRequest): void {
		this.#rejected.push(rejected);
	}

	/** @internal Stops the deadline timer and ends a pending `response()` (the fake is closing). */
	dispose(): void {
		clearTimeout(this.#timer);
		if (this.#status === 'pending')
			this.#reject(new Error(`FakeDiscord closed before interaction ${this.id} was answered`));
	}
}
