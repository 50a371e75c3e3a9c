-- Billing's own order of a subscription's states: one more with every state it stores and publishes. Stripe's
-- created has one-second precision, so two published states of one subscription can share occurredAt; consumers
-- follow this number instead (billing.subscription.changed.v1's sequence). Rows from before it start at 0.
ALTER TABLE stripe_subscription
    ADD COLUMN sequence BIGINT NOT NULL DEFAULT 0;
