/**
 * The plans and prices this service sells at signup, learned from billing's
 * {@code catalog.published.v1} on the compacted {@code tollgate.catalog} (this service keeps no
 * catalog file of its own): which plan is the default (the first plan with a trial) and its price per
 * billing cycle and currency; which one-time products (the Build Sprint) include a plan for how many months.
 */
package dev.tollgate.subscription.catalog;
