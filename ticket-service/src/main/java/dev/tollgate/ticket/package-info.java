/**
 * ticket-service: priority support tickets with exact quotas per billing period and response
 * targets. {@code entitlement} keeps each account's allowance and plan from
 * {@code entitlements.changed.v1}; {@code period} the subscription's period boundary from
 * {@code subscription.*.v1}; {@code desk} opens tickets against the allowance and runs their
 * workflow, comments and assignment; {@code sla} holds the first-response targets, the job that
 * announces due and breached responses, and the response metrics.
 */
package dev.tollgate.ticket;
