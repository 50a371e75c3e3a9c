/**
 * Reads the raw Stripe events the gateway stored in {@code tollgate.stripe.webhooks} (once per
 * event id, through the inbox) and routes them: checkout completions link a customer to an
 * account; subscription events update the subscription. An event about a customer not yet
 * linked to an account is parked and replayed when the link arrives, because Stripe does not
 * promise that {@code checkout.session.completed} comes before {@code customer.subscription.created}.
 */
package dev.tollgate.billing.stripe;
