/**
 * An offline Stripe for local runs and end-to-end tests. It keeps, in memory, the customers,
 * subscriptions, invoices, payment intents, checkout and portal sessions, products, prices and test
 * clocks it created, serves them on Stripe's API paths in Stripe's object shapes, shows a checkout
 * page where "paying" sends Stripe's signed webhook sequence to the gateway, and advances time per
 * customer (test clocks) through trials, renewals, failed payments with retries and recovery.
 * Not a Stripe replacement: it answers what Tollgate's billing-service asks, the way Stripe answers it.
 */
package dev.tollgate.stripe.emulator;
