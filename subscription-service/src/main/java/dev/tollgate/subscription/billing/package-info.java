/**
 * Consumes billing-service's {@code billing.subscription.changed.v1} (once per event id,
 * through the inbox), stores the new state of its subscription unless it is late news, and
 * publishes what the change of the account's effective subscription means, all in one
 * transaction.
 */
package dev.tollgate.subscription.billing;
