/**
 * Consumes billing-service's {@code billing.subscription.changed.v1} (once per event id,
 * through the inbox), stores the new state unless it is older than the one held, and publishes
 * the lifecycle events it means, all in one transaction.
 */
package dev.tollgate.subscription.billing;
