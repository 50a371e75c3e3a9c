/**
 * Authentication at the edge. Every {@code /api/**} request needs an RS256 JWT from the
 * configured issuer (keys from its JWKS URL, via Nimbus JOSE+JWT, which caches and refreshes
 * them). The verified user, account, e-mail and roles are forwarded as signed
 * {@code X-Tollgate-*} headers; whatever identity headers the client sent are dropped first.
 * For local runs and tests a development issuer ({@code /dev/tokens}) mints tokens; it is off
 * unless {@code tollgate.gateway.dev-issuer.enabled=true}.
 */
package dev.tollgate.gateway.identity;
