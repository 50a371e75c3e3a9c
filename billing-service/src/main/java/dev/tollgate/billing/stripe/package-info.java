/**
 * Reads the raw Stripe events the gateway stored in {@code tollgate.stripe.webhooks} (once per
 * event id, through the inbox) and routes them, read from their raw JSON (any Stripe API version):
 * checkout completions link a customer to an account and record one-time purchases; subscription
 * events update the subscription; the trial reminder, invoice and customer events go to their
 * packages ({@code payment}, {@code customer}). Counted by type and outcome. An event without an id, type,
 * {@code created} or {@code data.object} is poison and dead-lettered with that reason.
 * <p>
 * An event about a customer not yet linked to an account is parked, because Stripe does not
 * promise that {@code checkout.session.completed} comes before {@code customer.subscription.created}.
 * Parked events are drained as soon as any event first links their customer, after that
 * transaction commits; a periodic sweep drains what a crash interrupted and dead-letters what
 * waited longer than {@code tollgate.billing.parked.max-age}. Gauges show how many wait and the
 * oldest age.
 */
package dev.tollgate.billing.stripe;
