/**
 * Stripe webhook ingestion. The raw bytes are verified against {@code Stripe-Signature}
 * (stripe-java {@code Webhook}, 300 s tolerance), then published unchanged to
 * {@code tollgate.stripe.webhooks}, keyed by the Stripe customer id, with {@code ce_id} = the
 * Stripe event id. Stripe gets its 200 only after the broker acknowledged the record
 * ({@code acks=all}, idempotent producer); if it does not within a bounded time, Stripe gets a
 * 503 and retries later. No business rule lives here: billing-service interprets the events.
 */
package dev.tollgate.gateway.webhook;
