/**
 * Types for the zod schemas of `discord-api-spec/zod`. The package points its `types` condition at the generated
 * JavaScript, so TypeScript sees an untyped module; this declares the request schemas the fake validates with.
 * Each is a zod-mini schema generated from Discord's OpenAPI spec; only `safeParse` is used.
 */
declare module 'discord-api-spec/zod' {
	import type { ZodMiniType } from 'zod/mini';

	export const ApplicationCommandAutocompleteCallbackRequestSchema: ZodMiniType;
	export const ApplicationCommandCreateRequestSchema: ZodMiniType;
	export const ApplicationCommandPatchRequestPartialSchema: ZodMiniType;
	export const ApplicationCommandUpdateRequestSchema: ZodMiniType;
	export const CreateMessageInteractionCallbackRequestSchema: ZodMiniType;
	export const CreatePrivateChannelRequestSchema: ZodMiniType;
	export const IncomingWebhookRequestPartialSchema: ZodMiniType;
	export const IncomingWebhookUpdateRequestPartialSchema: ZodMiniType;
	export const LaunchActivityInteractionCallbackRequestSchema: ZodMiniType;
	export const MessageCreateRequestSchema: ZodMiniType;
	export const MessageEditRequestPartialSchema: ZodMiniType;
	export const ModalInteractionCallbackRequestSchema: ZodMiniType;
	export const PongInteractionCallbackRequestSchema: ZodMiniType;
	export const UpdateMessageInteractionCallbackRequestSchema: ZodMiniType;
}
