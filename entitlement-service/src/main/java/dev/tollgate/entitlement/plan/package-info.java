/**
 * Pure domain, no Spring: catalog products (learned from billing's catalog) and the rule that turns
 * the account's effective subscription (plan, status, add-ons, since when past due) into
 * entitlements ({@link dev.tollgate.entitlement.plan.EntitlementPolicy}).
 */
package dev.tollgate.entitlement.plan;
