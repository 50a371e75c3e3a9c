/**
 * The support ticket mails: ticket-service's {@code ticket.*.v1} events (created, answered by an
 * agent, resolved, the month's ticket allowance used up) told to the account in its language.
 */
package dev.tollgate.notification.ticket;
