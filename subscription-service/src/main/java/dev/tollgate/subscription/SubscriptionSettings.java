package dev.tollgate.subscription;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.subscription.*}.
 *
 * @param signupPlan the plan a signup's trial is for; empty means the catalog's default (its first plan with a trial)
 * @param trialDays the trial's length when the catalog's price names none
 * @param pastDueGrace how long a past-due subscription keeps its plan before access stops (it becomes unpaid)
 * @param reminderDays the days before a trial's end at which {@code subscription.trial_expiring.v1} is published
 * @param jobInterval how often the lifecycle job looks for reminders, expiries and grace ends that are due
 * @param sweepCron the daily sweep that catches anything missed while the service was down (UTC)
 */
@ConfigurationProperties("tollgate.subscription")
public record SubscriptionSettings(@DefaultValue("") String signupPlan, @DefaultValue("14") int trialDays,
        @DefaultValue("7d") Duration pastDueGrace, @DefaultValue({ "7", "3", "1" }) List<Integer> reminderDays,
        @DefaultValue("1m") Duration jobInterval, @DefaultValue("0 0 2 * * *") String sweepCron) {
}
