/**
 * The plans' features as billing publishes them ({@code catalog.published.v1} on the compacted
 * {@code tollgate.catalog}): this service keeps no copy of its own.
 */
package dev.tollgate.entitlement.catalog;
