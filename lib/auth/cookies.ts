/**
 * The session cookie's names (plain, and with the prefix Auth.js uses over HTTPS).
 * Sessions are kept in the database: a request without one of these has no session.
 */
export const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'] as const;
