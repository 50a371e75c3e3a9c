/**
 * Work due by time, exactly once: trial reminders (7, 3 and 1 days left), the expiry of trials
 * started here without a card, and the end of a past-due grace period. One job runs on one replica
 * at a time (ShedLock on the platform's {@code shedlock} table) every
 * {@code tollgate.subscription.job-interval} and in the daily 02:00 UTC sweep; every piece of work
 * is also claimed in the database in the transaction that publishes it, so a second run, a restart
 * or a second replica never repeats it. Each run is written to {@code job_run}.
 */
package dev.tollgate.subscription.jobs;
