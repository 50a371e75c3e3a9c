/**
 * Signup: {@code POST /api/subscriptions} starts the 14-day trial of the catalog's default plan
 * without a card, recorded here ({@code source = local}) and announced as
 * {@code subscription.trial_started.v1}; one trial per account and per e-mail address.
 */
package dev.tollgate.subscription.signup;
