import {
	type RESTError,
	type RESTErrorData,
	type RESTErrorFieldInformation,
	RESTJSONErrorCodes,
} from 'discord-api-types/v10';

/** One problem with one field of a request body, as Discord reports it inside a 50035 error. */
export interface FieldIssue {
	/** Where in the body, e.g. `['data', 'embeds', 0, 'title']`. */
	readonly path: readonly (string | number)[];
	/** Discord's machine-readable code, e.g. `BASE_TYPE_MAX_LENGTH`. */
	readonly code: string;
	readonly message: string;
}

/**
 * An error response the fake sends. Thrown inside route handlers and turned into `status` + Discord's JSON body,
 * so handlers read like Discord's own checks.
 */
export class DiscordHttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: RESTError,
		readonly headers: Readonly<Record<string, string>> = {},
	) {
		super(body.message);
		this.name = 'DiscordHttpError';
	}
}

/** Discord's `{ code, message }` error for a JSON error code. */
export function apiError(status: number, code: RESTJSONErrorCodes, message: string): DiscordHttpError {
	return new DiscordHttpError(status, { code, message });
}

/** 401 for a missing or wrong bot token (Discord sends code 0 with this message). */
export function unauthorized(): DiscordHttpError {
	return new DiscordHttpError(401, { code: RESTJSONErrorCodes.GeneralError, message: '401: Unauthorized' });
}

/** 404 for a route Discord does not have (or this fake does not serve). */
export function notFound(): DiscordHttpError {
	return new DiscordHttpError(404, { code: RESTJSONErrorCodes.GeneralError, message: '404: Not Found' });
}

/** 404 / 10062: no such interaction, or its 3 seconds are over. */
export const unknownInteraction = (): DiscordHttpError =>
	apiError(404, RESTJSONErrorCodes.UnknownInteraction, 'Unknown interaction');
/** 400 / 40060: a second initial response to the same interaction. */
export const alreadyAcknowledged = (): DiscordHttpError =>
	apiError(400, RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, 'Interaction has already been acknowledged.');
/** 404 / 10015: an interaction token that is unknown or not usable (yet). */
export const unknownWebhook = (): DiscordHttpError =>
	apiError(404, RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook');
/** 401 / 50027: an interaction token past its 15 minutes. */
export const invalidWebhookToken = (): DiscordHttpError =>
	apiError(401, RESTJSONErrorCodes.InvalidWebhookToken, 'Invalid Webhook Token');
/** 404 / 10003 */
export const unknownChannel = (): DiscordHttpError =>
	apiError(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel');
/** 404 / 10008 */
export const unknownMessage = (): DiscordHttpError =>
	apiError(404, RESTJSONErrorCodes.UnknownMessage, 'Unknown Message');
/** 404 / 10004 */
export const unknownGuild = (): DiscordHttpError => apiError(404, RESTJSONErrorCodes.UnknownGuild, 'Unknown Guild');
/** 404 / 10007 */
export const unknownMember = (): DiscordHttpError => apiError(404, RESTJSONErrorCodes.UnknownMember, 'Unknown Member');
/** 404 / 10013 */
export const unknownUser = (): DiscordHttpError => apiError(404, RESTJSONErrorCodes.UnknownUser, 'Unknown User');
/** 404 / 10063 */
export const unknownCommand = (): DiscordHttpError =>
	apiError(404, RESTJSONErrorCodes.UnknownApplicationCommand, 'Unknown application command');
/** 403 / 50001: the bot cannot see the resource. */
export const missingAccess = (): DiscordHttpError => apiError(403, RESTJSONErrorCodes.MissingAccess, 'Missing Access');
/** 403 / 50013: the bot sees the resource but lacks a permission. */
export const missingPermissions = (): DiscordHttpError =>
	apiError(403, RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions');
/** 403 / 50007: the user does not accept direct messages from the bot. */
export const cannotMessageUser = (): DiscordHttpError =>
	apiError(403, RESTJSONErrorCodes.CannotSendMessagesToThisUser, 'Cannot send messages to this user');
/** 400 / 50006: no content, embeds, components, attachments, stickers or poll. */
export const emptyMessage = (): DiscordHttpError =>
	apiError(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage, 'Cannot send an empty message');
/** 403 / 50005: editing a message the bot user did not author (webhook messages included). */
export const editOthersMessage = (): DiscordHttpError =>
	apiError(
		403,
		RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser,
		'Cannot edit a message authored by another user',
	);
/** 413 / 40005: body or upload too large. */
export const entityTooLarge = (): DiscordHttpError =>
	apiError(413, RESTJSONErrorCodes.RequestEntityTooLarge, 'Request entity too large');

/**
 * 400 / 50035 "Invalid Form Body" with Discord's nested `errors` object: every path segment is a key (array indices as
 * strings) and the leaf holds `{ _errors: [{ code, message }] }`.
 */
export function invalidFormBody(issues: readonly FieldIssue[]): DiscordHttpError {
	return new DiscordHttpError(400, {
		code: RESTJSONErrorCodes.InvalidFormBodyOrContentType,
		message: 'Invalid Form Body',
		errors: nestIssues(issues),
	});
}

/** Builds Discord's nested error tree from flat issues (several issues on one path share its `_errors`). */
export function nestIssues(issues: readonly FieldIssue[]): RESTErrorData {
	const root: ErrorNode = {};
	for (const issue of issues) {
		let node = root;
		for (const segment of issue.path) {
			const key = String(segment);
			const child = node[key];
			if (child === undefined || !isNode(child)) {
				const created: ErrorNode = {};
				node[key] = created;
				node = created;
			} else {
				node = child;
			}
		}
		const leaf: RESTErrorFieldInformation = { code: issue.code, message: issue.message };
		const existing = node._errors;
		if (Array.isArray(existing)) existing.push(leaf);
		else node._errors = [leaf];
	}
	// ErrorNode is RESTErrorData's shape; TypeScript cannot see it through the index signature.
	return root as RESTErrorData;
}

type ErrorNode = { [key: string]: ErrorNode | RESTErrorFieldInformation[] };

function isNode(value: ErrorNode | RESTErrorFieldInformation[]): value is ErrorNode {
	return !Array.isArray(value);
}

/** Flattens a 50035 error tree back to `path: message` lines, for readable test failures. */
export function describeErrors(errors: RESTErrorData | undefined, prefix = ''): string[] {
	if (errors === undefined || typeof errors === 'string') return errors === undefined ? [] : [errors];
	if ('_errors' in errors && Array.isArray(errors._errors)) {
		return errors._errors.flatMap((e) => {
			if (typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string') {
				const code = 'code' in e && typeof e.code === 'string' ? e.code : '';
				return [`${prefix || '(body)'}: ${code} ${e.message}`];
			}
			return describeErrors(e, prefix);
		});
	}
	if ('code' in errors && 'message' in errors && typeof errors.message === 'string') {
		return [`${prefix || '(body)'}: ${String(errors.code)} ${errors.message}`];
	}
	return Object.entries(errors).flatMap(([key, value]) =>
		describeErrors(value as RESTErrorData, prefix === '' ? key : `${prefix}.${key}`),
	);
}
