/**
 * Deny by default at the edge, with Spring Security. Its {@code StrictHttpFirewall} first refuses
 * what could be read two ways (path parameters, encoded slashes, dots and percents, {@code //},
 * dot segments, non-printable characters) with a 400 problem, so a path is never routed as one
 * thing and authorised as another. Then every request needs a valid bearer JWT except the short
 * allowlist of {@link dev.tollgate.gateway.access.EdgeSecurityConfiguration}, matched with the same
 * path patterns on the same decoded path the router uses. Every refusal is a problem detail.
 */
package dev.tollgate.gateway.access;
