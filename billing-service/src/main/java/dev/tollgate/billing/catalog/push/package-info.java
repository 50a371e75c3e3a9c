/**
 * {@code catalog diff} and {@code catalog push}: bring a Stripe account's products and prices in line
 * with the deployment's catalog file, idempotently, by product id and price lookup key. A command a
 * person runs ({@code ./tollgate catalog diff|push}), not part of the running service.
 */
package dev.tollgate.billing.catalog.push;
