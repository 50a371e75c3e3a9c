/**
 * Which Tollgate account a Stripe customer belongs to. The link comes from the checkout session
 * ({@code client_reference_id} or {@code metadata.organization_id}) or from the subscription's
 * {@code metadata.organization_id}; every such id is checked against the platform's account id
 * format ({@code Ids}) where it enters, and an invalid one dead-letters the event. A customer is
 * linked once: an event naming another account for a linked customer is refused and
 * dead-lettered ({@link dev.tollgate.billing.customer.CustomerRelinkRefusedException}), never
 * moved silently. The customer's e-mail comes from the checkout, or else from Stripe's customer
 * API (asked before any row is locked), and is kept with the link.
 */
package dev.tollgate.billing.customer;
