/**
 * The support desk: creating tickets against the account's exact allowance of its billing period
 * (numbers per organization prefix, 429 and {@code ticket.quota_exceeded.v1} past the allowance),
 * the workflow from open to closed, comments and internal notes, assignment to agents, the
 * customer's and the agents' views, and the ticket events on {@code tollgate.ticket.events}.
 */
package dev.tollgate.ticket.desk;
