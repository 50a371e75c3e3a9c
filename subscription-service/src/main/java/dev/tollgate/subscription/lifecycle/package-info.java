/**
 * The subscription lifecycle as pure domain logic, free of Spring and SQL: whether a billing
 * report is news for its subscription (the platform's freshness rule, a tie in time settled by
 * billing's per-subscription sequence, or for reports without one by the lifecycle rank of
 * {@link dev.tollgate.subscription.lifecycle.SubscriptionStatus}), which of an account's
 * subscriptions speaks for the account ({@link dev.tollgate.subscription.lifecycle.EffectiveSubscription}),
 * and which lifecycle events (trial started, activated, past due, paused, canceled, plan changed)
 * a change of that effective subscription means.
 */
package dev.tollgate.subscription.lifecycle;
