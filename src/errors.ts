/**
 * An error whose message is safe and useful to show to a Discord member or CLI user as it is.
 * Anything else that is thrown is an internal error: logged with an id, shown as a generic message.
 */
export class UserFacingError extends Error {
	override readonly name = 'UserFacingError';
}
