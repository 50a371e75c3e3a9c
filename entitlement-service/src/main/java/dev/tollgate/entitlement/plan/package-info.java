/** Pure domain: plan feature sets (learned from billing's catalog) and the rule that turns (plan, subscription status) into entitlements. */
package dev.tollgate.entitlement.plan;
