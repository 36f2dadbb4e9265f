/**
 * A Discord-compatible fake server for end-to-end tests of a discord.js bot: REST + gateway on 127.0.0.1.
 * See README.md in this folder.
 */
export { describeErrors, type FieldIssue } from './errors.ts';
export {
	ATTACHMENT_SIZE_LIMIT_BYTES,
	ATTACHMENT_STORE_LIMIT_BYTES,
	CALLBACK_DEADLINE_MS,
	DEFAULT_WAIT_MS,
	FakeDiscord,
	type FakeDiscordOptions,
	type FakeDiscordStats,
	type ForcedFailureOptions,
	INTERACTION_TOKEN_LIFETIME_MS,
} from './fake-discord.ts';
export { DEFAULT_HEARTBEAT_INTERVAL_MS, PRIVILEGED_INTENTS, type SessionInfo } from './gateway.ts';
export {
	FakeInteraction,
	type InteractionCallback,
	InteractionFailedError,
	type InteractionStatus,
} from './interaction.ts';
export type {
	AutocompleteInput,
	ButtonClickInput,
	InteractionOrigin,
	ModalSubmitInput,
	OptionValues,
	SelectMenuInput,
	SlashCommandInput,
} from './payloads.ts';
export {
	DEFAULT_GLOBAL_LIMIT_PER_SECOND,
	DEFAULT_ROUTE_LIMITS,
	FALLBACK_ROUTE_LIMIT,
	type RateLimitRule,
} from './rate-limit.ts';
export type { FailedInteraction, RecordedRequest, RejectedRequest } from './records.ts';
export { ROUTES, type RouteKey } from './routes.ts';
export type { GuildSeed, MemberSeed, RoleSeed, TextChannelSeed, UserSeed } from './state.ts';
export { LIMITS } from './validate.ts';
