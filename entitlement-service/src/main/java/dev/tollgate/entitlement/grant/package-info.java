/**
 * Each account's current entitlements. Subscription events arrive once (inbox) but not
 * necessarily in order across restarts, so a report older than the one applied is ignored.
 * An {@code entitlements.changed.v1} is published only when the grant really changes.
 */
package dev.tollgate.entitlement.grant;
