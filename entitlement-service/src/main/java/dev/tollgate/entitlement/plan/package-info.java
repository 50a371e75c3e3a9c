/** Pure domain: plan feature sets and the rule that turns (plan, subscription status) into entitlements. */
package dev.tollgate.entitlement.plan;
