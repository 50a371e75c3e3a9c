/**
 * A projection of the account's ticket allowance for {@code GET /api/subscriptions/me}: tickets
 * created (ticket-service's {@code ticket.created.v1}) and the limit granted
 * (entitlement-service's {@code entitlements.changed.v1}, feature {@code priority_support_tickets},
 * the highest version kept). Used this period counts tickets created since the subscription's
 * current period start.
 */
package dev.tollgate.subscription.tickets;
