/**
 * Applying lifecycle inputs to an account: every change (a billing report, a signup, the clock, an
 * operator) goes through {@link dev.tollgate.subscription.account.AccountLifecycle} under the
 * account's row lock, is checked by the state machine (refusals logged and counted, never applied),
 * and publishes the events the change of the account's effective subscription means, each with the
 * account's next version, in the same transaction (outbox).
 */
package dev.tollgate.subscription.account;
