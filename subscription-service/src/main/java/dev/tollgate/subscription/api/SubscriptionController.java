package dev.tollgate.subscription.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;
import dev.tollgate.subscription.grant.PlanGrants;
import dev.tollgate.subscription.lifecycle.SubscriptionState;
import dev.tollgate.subscription.lifecycle.SubscriptionStatus;
import dev.tollgate.subscription.tickets.TicketUsage;

@RestController
class SubscriptionController {

    private final Subscriptions subscriptions;
    private final TicketUsage tickets;
    private final Clock clock;
    private final PlanGrants grants;

    SubscriptionController(Subscriptions subscriptions, TicketUsage tickets, Clock clock, PlanGrants grants) {
        this.grants = grants;
        this.subscriptions = subscriptions;
        this.tickets = tickets;
        this.clock = clock;
    }

    /** The caller's account's subscription: what the guide's subscription widget and trial banner show. */
    @GetMapping("/api/subscriptions/me")
    SubscriptionView mine(CallerIdentity caller) {
        return subscriptions.currentOf(caller.accountId())
                .map(state -> SubscriptionView.of(state, clock.instant(), tickets.of(state.accountId(), state.currentPeriodStart()),
                        grants.of(state.accountId()).stream().findFirst().orElse(null)))
                .orElseThrow(() -> ApiProblem.notFound("Account " + caller.accountId() + " has no subscription yet."));
    }

    /**
     * @param trialDaysLeft whole hours of trial left / 24, rounded up (null outside a trial); {@code daysLeft} is the same
     * @param amountMinor the recurring price in the currency's minor unit
     * @param isTrialPeriod whether the account is in its trial now
     * @param nextBillingDate when the card on file is charged next: the period end of a Stripe subscription that
     *        renews; null for a trial without a card, a subscription set to end, or one that ended
     * @param freeTier the status grants no plan: the account has the free tier's limits
     * @param upgradePromptDue the trial ended without a payment: show the upgrade prompt
     * @param ticketsUsedThisPeriod priority tickets created since {@code currentPeriodStart}
     * @param ticketLimit the allowance entitlement-service granted (-1 unlimited; null before any grant arrived)
     * @param planGrant the account's latest plan grant (a Build Sprint's Professional: its plan, start, end, status and
     *        {@code payment} {@code deposit_paid} or {@code paid_in_full}); null without one. While it runs and is above
     *        the account's own plan, it is the subscription above ({@code subscriptionId} = its {@code grantId})
     */
    record SubscriptionView(String subscriptionId, String accountId, String planId, String status, String billingInterval,
            Instant trialEnd, Long trialDaysLeft, Instant currentPeriodEnd, boolean cancelAtPeriodEnd, long amountMinor,
            String currency, boolean isTrialPeriod, Long daysLeft, Instant trialStart, Instant currentPeriodStart,
            Instant nextBillingDate, boolean freeTier, boolean upgradePromptDue, long ticketsUsedThisPeriod, Long ticketLimit,
            PlanGrants.Grant planGrant) {

        static SubscriptionView of(SubscriptionState state, Instant now, TicketUsage.Usage usage, PlanGrants.Grant grant) {
            Long daysLeft = null;
            boolean trial = state.status() == SubscriptionStatus.TRIALING;
            if (trial && state.trialEnd() != null) {
                Duration left = Duration.between(now, state.trialEnd());
                daysLeft = left.isNegative() ? 0 : (left.toHours() + 23) / 24;
            }
            boolean renews = SubscriptionState.STRIPE.equals(state.source()) && !state.cancelAtPeriodEnd()
                    && (trial || state.status() == SubscriptionStatus.ACTIVE || state.status() == SubscriptionStatus.PAST_DUE);
            return new SubscriptionView(state.subscriptionId(), state.accountId(), state.planId(), state.status().wireName(),
                    state.billingInterval(), state.trialEnd(), daysLeft, state.currentPeriodEnd(), state.cancelAtPeriodEnd(),
                    state.amountMinor(), state.currency(), trial, daysLeft, state.trialStart(), state.currentPeriodStart(),
                    renews ? state.currentPeriodEnd() : null, !state.status().grantsPlan(),
                    state.status() == SubscriptionStatus.EXPIRED, usage.used(), usage.limit(), grant);
        }
    }
}
