package dev.tollgate.subscription.lifecycle;

import java.time.Instant;
import java.util.UUID;

import dev.tollgate.platform.events.DomainEvent;

/**
 * A lifecycle event of an account. All of them carry the full current state of the account's
 * effective subscription (see {@link EffectiveSubscription}), so a consumer (entitlements,
 * notifications) never needs a second source; the type says what just happened:
 * {@code subscription.trial_started.v1}, {@code subscription.activated.v1}, ...
 * <p>
 * The fields after {@code email} were added to v1 later (added fields are not a new version):
 * consumers written before them ignore them.
 *
 * @param occurredAt when the billing fact (or our clock's moment, or the operator's action) that caused this event happened
 * @param version the account's lifecycle sequence: one more than the account's previous event, so
 *        a consumer keeps the state of the highest version and never needs to compare times
 * @param trialStart when the trial began (null without one)
 * @param currentPeriodStart the real start of the current period (the trial's start during a trial)
 * @param freeTier true when the status grants no plan (canceled, expired, suspended, unpaid, paused,
 *        incomplete): the account falls back to the free tier
 * @param fromPlanId {@code plan_changed}: the plan before ({@code toPlanId} is {@code planId})
 * @param direction {@code plan_changed}: {@code upgrade}, {@code downgrade} or {@code lateral} (by price per month)
 * @param daysLeft {@code trial_expiring}: 7, 3 or 1
 * @param reason why ({@code canceled}: {@code canceled}, {@code trial_expired} or {@code suspended};
 *        {@code account_suspended}/{@code account_reactivated}: the operator's reason)
 * @param firstActivation {@code activated}: true only for the account's first activation
 */
public record SubscriptionEvent(Transition transition, UUID eventId, String accountId, Instant occurredAt, long version,
        String subscriptionId, String planId, String status, String billingInterval, Instant trialEnd,
        Instant currentPeriodEnd, boolean cancelAtPeriodEnd, long amountMinor, String currency, String email,
        Instant trialStart, Instant currentPeriodStart, boolean freeTier, String fromPlanId, String toPlanId,
        String direction, Integer daysLeft, String reason, Boolean firstActivation)
        implements DomainEvent {

    /** What some types say beyond the state. */
    public record Details(String fromPlanId, String direction, Integer daysLeft, String reason, Boolean firstActivation) {
        public static final Details NONE = new Details(null, null, null, null, null);
    }

    /** An event saying the account's effective subscription is now {@code state}, caused by a fact of {@code occurredAt}. */
    public static SubscriptionEvent of(Transition transition, SubscriptionState state, long version, Instant occurredAt) {
        return of(transition, state, version, occurredAt, Details.NONE);
    }

    public static SubscriptionEvent of(Transition transition, SubscriptionState state, long version, Instant occurredAt,
            Details details) {
        boolean planChange = transition == Transition.PLAN_CHANGED;
        return new SubscriptionEvent(transition, UUID.randomUUID(), state.accountId(), occurredAt, version,
                state.subscriptionId(), state.planId(), state.status().wireName(), state.billingInterval(), state.trialEnd(),
                state.currentPeriodEnd(), state.cancelAtPeriodEnd(), state.amountMinor(), state.currency(), state.email(),
                state.trialStart(), state.currentPeriodStart(), !state.status().grantsPlan(),
                planChange ? details.fromPlanId() : null, planChange ? state.planId() : null,
                planChange ? details.direction() : null, details.daysLeft(), details.reason(),
                transition == Transition.ACTIVATED ? details.firstActivation() : null);
    }

    @Override
    public String eventType() {
        return "subscription." + transition.wireName() + ".v1";
    }
}
