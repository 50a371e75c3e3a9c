package dev.tollgate.entitlement.grant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tollgate.entitlement.plan.EntitlementPolicy;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Ends the grace period of past-due accounts: their grant falls to the free tier and
 * {@code entitlements.changed.v1} tells the other services. Reads already see the free tier from the
 * instant the grace ends ({@link CurrentGrants#at}); this publishes it. Runs on one replica at a time
 * through the platform's ShedLock executor (the outbox sweep's), each account in its own transaction.
 */
@Component
public class PastDueGraceSweep {

    private static final Logger log = LoggerFactory.getLogger(PastDueGraceSweep.class);
    private static final int BATCH = 200;

    private final Grants grants;
    private final GrantUpdater updater;
    private final EntitlementPolicy policy;
    private final TransactionTemplate transaction;
    private final LockingTaskExecutor locks;
    private final Clock clock;

    PastDueGraceSweep(Grants grants, GrantUpdater updater, EntitlementPolicy policy, TransactionTemplate transaction,
            LockingTaskExecutor locks, Clock clock) {
        this.grants = grants;
        this.updater = updater;
        this.policy = policy;
        this.transaction = transaction;
        this.locks = locks;
        this.clock = clock;
    }

    public void sweepOnOneReplica() {
        locks.executeWithLock((Runnable) this::sweep, new LockConfiguration(Instant.now(), "entitlement-past-due-grace",
                Duration.ofMinutes(5), Duration.ZERO));
    }

    /** Recomputes every past-due grant whose grace period has ended; returns how many. */
    public int sweep() {
        int done = 0;
        for (String account : grants.graceEndedBefore(clock.instant().minus(policy.pastDueGrace()), BATCH)) {
            transaction.executeWithoutResult(status -> updater.reevaluate(account));
            done++;
        }
        if (done > 0) {
            log.info("Grace period ended for {} past-due account(s)", done);
        }
        return done;
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {

        @Bean
        SchedulingConfigurer pastDueGraceSchedule(PastDueGraceSweep sweep,
                @Value("${tollgate.entitlements.grace-sweep-interval:1m}") Duration interval) {
            return registrar -> registrar.addFixedDelayTask(sweep::sweepOnOneReplica, interval);
        }
    }
}
