/**
 * The catalog's products as billing publishes them ({@code catalog.published.v1} on the compacted
 * {@code tollgate.catalog}): plans, add-ons and one-time purchases with their metadata. This service
 * keeps no copy of its own.
 */
package dev.tollgate.entitlement.catalog;
