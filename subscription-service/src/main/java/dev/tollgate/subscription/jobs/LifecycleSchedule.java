package dev.tollgate.subscription.jobs;

import java.util.TimeZone;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.support.CronTrigger;

import dev.tollgate.subscription.SubscriptionSettings;

/**
 * Runs the lifecycle job every {@code tollgate.subscription.job-interval} (work at its due time) and
 * in the daily sweep at {@code tollgate.subscription.sweep-cron} UTC (02:00), which catches anything
 * missed while the service was down. {@code tollgate.subscription.schedule-enabled=false} leaves
 * both to an admin's hand (tests drive the job themselves).
 */
@Configuration
@ConditionalOnProperty(name = "tollgate.subscription.schedule-enabled", havingValue = "true", matchIfMissing = true)
class LifecycleSchedule {

    @Bean
    SchedulingConfigurer lifecycleJobSchedule(LifecycleJob job, SubscriptionSettings settings) {
        return registrar -> {
            registrar.addFixedDelayTask(() -> job.runOnOneReplica("schedule", null), settings.jobInterval());
            registrar.addCronTask(new CronTask(() -> job.runOnOneReplica("daily-sweep", null),
                    new CronTrigger(settings.sweepCron(), TimeZone.getTimeZone("UTC"))));
        };
    }
}
