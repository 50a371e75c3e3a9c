/**
 * Plans a purchase includes for a while: a completed Build Sprint purchase
 * ({@code billing.one_time_purchase_completed.v1}) grants its catalog's {@code included_plan_tier} for
 * {@code included_plan_duration_months} from the first payment (the deposit or the full price); the
 * second half of a deposit completes the payment without moving the period. The grant is one more
 * subscription of the account (source {@code grant}) that speaks for it while it is above the
 * account's own plan; the lifecycle job ends it.
 */
package dev.tollgate.subscription.grant;
