package dev.tollgate.entitlement.grant;

import java.time.Duration;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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
    private final Cache<String, Optional<AccountEntitlements>> cache;

    CurrentGrants(Grants grants, @Value("${tollgate.entitlements.cache-ttl:30s}") Duration ttl,
            @Value("${tollgate.entitlements.cache-size:100000}") long size) {
        this.grants = grants;
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(size).build();
    }

    public Optional<AccountEntitlements> of(String accountId) {
        return cache.get(accountId, account -> grants.find(account, false));
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
