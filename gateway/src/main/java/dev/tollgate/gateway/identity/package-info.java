/**
 * Who the caller is, and what the services behind the gateway are told about it. A bearer token
 * is an RS256 JWT from the configured issuer with the configured audience (keys from its JWKS URL,
 * via Nimbus JOSE+JWT, which caches and refreshes them), whose user and account ids have the
 * documented format. Before a request is proxied every {@code X-Tollgate-*}, {@code Authorization}
 * and {@code Cookie} header the client sent is dropped, and {@link dev.tollgate.gateway.identity.ForwardedIdentity}
 * adds the verified caller as an internal Ed25519 token for the route's service alone ({@link dev.tollgate.gateway.identity.RoutedServices}).
 * For local runs and tests a development issuer ({@code /dev/tokens}) mints tokens; it is off
 * unless {@code tollgate.gateway.jwt.dev-issuer-enabled=true} (on in the {@code local} profile). Which requests need a token at all
 * is decided in {@code access}.
 */
package dev.tollgate.gateway.identity;
