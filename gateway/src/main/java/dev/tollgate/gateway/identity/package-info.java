/**
 * Authentication at the edge. Every {@code /api/**} request needs an RS256 JWT from the
 * configured issuer (keys from its JWKS URL, via Nimbus JOSE+JWT, which caches and refreshes
 * them). The verified user, account, e-mail and roles are forwarded as an internal token signed
 * with the gateway's Ed25519 key for the one service the request goes to
 * ({@link dev.tollgate.gateway.identity.InternalIdentityForwarding}); whatever {@code X-Tollgate-*}
 * headers the client sent are dropped first.
 * For local runs and tests a development issuer ({@code /dev/tokens}) mints tokens; it is off
 * unless {@code tollgate.gateway.jwt.dev-issuer-enabled=true} (on in the {@code local} profile).
 */
package dev.tollgate.gateway.identity;
