/**
 * Administration for operators with the role {@code platform_admin} (checked here, whatever the
 * gateway let through): account search and detail, trial extension, suspension and reactivation,
 * the lifecycle job's runs and a manual run, and business metrics. Every action is written to the
 * append-only {@code admin_audit} (who, what, why, when, before, after) in the action's transaction.
 */
package dev.tollgate.subscription.admin;
