/**
 * Which Tollgate account a Stripe customer belongs to. The link comes from the checkout session
 * ({@code client_reference_id} or {@code metadata.organization_id}) or from the subscription's
 * {@code metadata.organization_id}. The customer's e-mail comes from the checkout, or else from
 * Stripe's customer API, once, and is kept with the link.
 */
package dev.tollgate.billing.customer;
