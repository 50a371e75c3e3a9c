package dev.tollgate.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Accounts with a Community Edition trial granted, for the measurements that read or consume. */
final class Setup {

    private Setup() {
    }

    /** Signs up {@code count} accounts through Stripe webhooks and answers their tokens once every grant shows. */
    static List<String> grantedAccounts(StripeWebhooks webhooks, Accounts accounts, String prefix, int count) {
        List<String> tokens = new ArrayList<>();
        long created = System.currentTimeMillis() / 1000;
        for (int i = 0; i < count; i++) {
            String account = prefix + "_" + i;
            webhooks.sendAccepted(StripeWebhooks.event("evt_" + account, "customer.subscription.created", account, "trialing",
                    created, created + 14 * 86_400));
            tokens.add(accounts.token(account));
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        for (String token : tokens) {
            while (accounts.entitlements(token).path("subscriptionStatus").isNull()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("an account's trial was not granted within 2 minutes; see .run/logs/");
                }
                LockSupport.parkNanos(10_000_000);
            }
        }
        return tokens;
    }
}
