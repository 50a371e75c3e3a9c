/**
 * subscription-service: accounts' subscriptions and their lifecycle. {@code lifecycle} is the
 * pure domain (which transition a new billing state means); {@code billing} consumes
 * {@code billing.subscription.changed.v1} and records it; {@code api} serves
 * {@code GET /api/subscriptions/me}.
 */
package dev.tollgate.subscription;
