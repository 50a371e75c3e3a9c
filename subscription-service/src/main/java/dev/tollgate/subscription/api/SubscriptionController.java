package dev.tollgate.subscription.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;
import dev.tollgate.subscription.lifecycle.SubscriptionState;
import dev.tollgate.subscription.lifecycle.SubscriptionStatus;

@RestController
class SubscriptionController {

    private final Subscriptions subscriptions;
    private final Clock clock;

    SubscriptionController(Subscriptions subscriptions, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /** The caller's account's subscription: what a subscription widget shows. */
    @GetMapping("/api/subscriptions/me")
    SubscriptionView mine(CallerIdentity caller) {
        return subscriptions.currentOf(caller.accountId())
                .map(state -> SubscriptionView.of(state, clock.instant()))
                .orElseThrow(() -> ApiProblem.notFound("Account " + caller.accountId() + " has no subscription yet."));
    }

    /**
     * @param trialDaysLeft whole days of trial left, rounded up (null outside a trial)
     * @param amountMinor the recurring price in the currency's minor unit
     */
    record SubscriptionView(String subscriptionId, String accountId, String planId, String status, String billingInterval,
            Instant trialEnd, Long trialDaysLeft, Instant currentPeriodEnd, boolean cancelAtPeriodEnd, long amountMinor,
            String currency) {

        static SubscriptionView of(SubscriptionState state, Instant now) {
            Long daysLeft = null;
            if (state.status() == SubscriptionStatus.TRIALING && state.trialEnd() != null) {
                Duration left = Duration.between(now, state.trialEnd());
                daysLeft = left.isNegative() ? 0 : (left.toHours() + 23) / 24;
            }
            return new SubscriptionView(state.subscriptionId(), state.accountId(), state.planId(), state.status().wireName(),
                    state.billingInterval(), state.trialEnd(), daysLeft, state.currentPeriodEnd(), state.cancelAtPeriodEnd(),
                    state.amountMinor(), state.currency());
        }
    }
}
