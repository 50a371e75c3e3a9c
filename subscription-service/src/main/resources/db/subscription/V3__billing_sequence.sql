-- Billing's sequence of the held report (billing.subscription.changed.v1's sequence): on a tie in as_of it orders two
-- reports of one subscription, since billing may publish Stripe's settled state after one of the same second that
-- ranks higher. Null for reports from before billing numbered them; those fall back to the status rank.
ALTER TABLE subscription
    ADD COLUMN billing_sequence BIGINT;
