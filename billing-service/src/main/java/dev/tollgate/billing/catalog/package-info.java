/**
 * The plan catalog as code ({@code catalog.yml}): each plan and the Stripe prices that buy it,
 * with amounts in minor units. Stripe price ids differ per Stripe account, so each id can be
 * overridden by an environment variable; the plan ids are ours and stable.
 */
package dev.tollgate.billing.catalog;
