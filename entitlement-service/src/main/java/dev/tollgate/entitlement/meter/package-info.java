/**
 * Usage against the account's limits: check, consume (idempotent), reserve then confirm or release,
 * gauges set by the caller, AI token credits. Every change of a meter is one short transaction that
 * locks the account's row for that feature, so concurrent callers never get more than the limit;
 * monthly meters reset lazily at the account's billing-period boundary. Publishes
 * {@code entitlements.usage_threshold_reached.v1} and {@code entitlements.quota_exceeded.v1} at most
 * once per account, feature and period, through the outbox in that same transaction.
 */
package dev.tollgate.entitlement.meter;
