/**
 * The catalog as code: one file per product line ({@code catalogs/<name>.yml}, chosen by
 * {@code TOLLGATE_CATALOG}) with every product, price (minor units), Stripe metadata value and plan
 * limit; the public pricing page ({@code GET /api/catalog}). Stripe price ids differ per Stripe
 * account, so each can be overridden by an environment variable; product and plan ids are ours and stable.
 */
package dev.tollgate.billing.catalog;
