/**
 * Where an account's billing periods fall, from subscription-service's {@code subscription.*.v1}
 * events: the ticket allowance resets at the boundary the subscription gives (its current period
 * end, stepping by a month), not on the calendar month.
 */
package dev.tollgate.ticket.period;
