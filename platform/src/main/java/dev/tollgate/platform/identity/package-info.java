/**
 * Who is calling. The gateway verifies the caller's JWT, drops every {@code X-Tollgate-*} header
 * the client sent, and forwards the verified user, account, e-mail and roles as one short-lived
 * internal token ({@link dev.tollgate.platform.identity.InternalToken}, header
 * {@code X-Tollgate-Identity}) that it signs with its Ed25519 private key for the one service the
 * request goes to. Services hold only the public keys (a JWKS) and refuse, in a filter before any
 * controller, every request without a valid token naming them, except paths they list as public.
 * A service that is compromised therefore cannot mint an identity, nor replay one it received to
 * another service.
 */
package dev.tollgate.platform.identity;
