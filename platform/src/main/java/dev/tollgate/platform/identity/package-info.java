/**
 * Who is calling. The gateway verifies the caller's JWT, strips any identity headers a client
 * sent, and forwards the verified user, account, e-mail and roles as {@code X-Tollgate-*}
 * headers signed with a secret shared only by the gateway and the services. A service accepts
 * identity only with a valid, fresh signature, so a request that bypassed the gateway, or one
 * whose headers were forged, is refused with 401.
 */
package dev.tollgate.platform.identity;
