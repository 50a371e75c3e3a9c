package dev.tollgate.entitlement.grant;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.tollgate.entitlement.plan.EntitlementPolicy;

/**
 * Each account's grant served from memory: checks and consumes ask for it on every gated action, and
 * it changes only with a subscription or catalog event. A change committed here evicts the account
 * at once; the time-to-live ({@code tollgate.entitlements.cache-ttl}, 30 s) bounds how long another
 * replica, whose own consumer did not see the event, can serve the previous grant. Caffeine rather
 * than a hand-written map: bounded size, expiry and atomic loading come with it.
 */
@Component
public class CurrentGrants {

    private final Grants grants;
    private final EntitlementPolicy policy;
    private final Cache<String, Optional<AccountEntitlements>> cache;

    CurrentGrants(Grants grants, EntitlementPolicy policy, @Value("${tollgate.entitlements.cache-ttl:30s}") Duration ttl,
            @Value("${tollgate.entitlements.cache-size:100000}") long size) {
        this.grants = grants;
        this.policy = policy;
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(size).build();
    }

    public Optional<AccountEntitlements> of(String accountId) {
        return cache.get(accountId, account -> grants.find(account, false));
    }

    /**
     * The grant as it stands at {@code now}: a past-due account whose grace period has ended has the
     * free tier from that instant on, even before the sweep that publishes the change has run.
     */
    public Optional<AccountEntitlements> at(String accountId, Instant now) {
        return of(accountId).map(held -> "past_due".equals(held.subscriptionStatus()) && !policy.keepsPlan(held.subscription(), now)
                ? new AccountEntitlements(held.accountId(), held.planId(), held.subscriptionStatus(),
                        policy.entitlementsFor(held.subscription(), now), held.subscriptionVersion(), held.version(), held.asOf(),
                        held.addOns(), held.pastDueSince(), held.periodAnchor())
                : held);
    }

    void evictAfterCommit(String accountId) {
        cache.invalidate(accountId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.invalidate(accountId);
                }
            });
        }
    }
}
