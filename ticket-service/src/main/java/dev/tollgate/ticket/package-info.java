/**
 * ticket-service: priority support tickets with monthly quotas and response targets. So far it
 * keeps its own projection of {@code entitlements.changed.v1} ({@code entitlement}): each
 * account's monthly ticket allowance, served at {@code GET /api/tickets/allowance/me}.
 */
package dev.tollgate.ticket;
