-- Set once a past-due account's grace period has ended and its grant was recomputed (and published);
-- cleared by the account's next subscription event. Keeps the grace sweep from revisiting it.
ALTER TABLE account_entitlements ADD COLUMN grace_ended BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX account_entitlements_past_due ON account_entitlements (past_due_since)
    WHERE subscription_status = 'past_due' AND NOT grace_ended;
