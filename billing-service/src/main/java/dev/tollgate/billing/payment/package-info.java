/**
 * Invoices and payments, from Stripe's {@code invoice.*} events: each invoice is recorded as the
 * newest report says (Stripe's {@code created}, then a status rank, so late and repeated reports
 * change nothing), served to its account as invoice history, and announced once as
 * {@code billing.payment_succeeded.v1}, {@code billing.payment_failed.v1} (per attempt, with the
 * next retry) or {@code billing.payment_action_required.v1} (the hosted invoice URL where the
 * customer completes 3-D Secure). A failure or action reported after the invoice was paid is not
 * announced. Events of customers not linked yet are parked like subscription events.
 */
package dev.tollgate.billing.payment;
