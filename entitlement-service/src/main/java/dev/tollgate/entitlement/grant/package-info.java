/**
 * Each account's current entitlements. Subscription events carry the account's effective
 * subscription and the account's version; they arrive once (inbox) but not necessarily in order
 * across restarts and replays, so an event whose version is not above the one applied is
 * ignored (versions never tie, so arrival order never decides). An {@code entitlements.changed.v1}
 * is published only when the grant really changes, with the grant's next version.
 */
package dev.tollgate.entitlement.grant;
