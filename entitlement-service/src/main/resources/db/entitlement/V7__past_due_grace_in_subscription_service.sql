-- The past-due grace period is subscription-service's alone: it reports `unpaid` when the grace ends,
-- and that status grants the free tier here. This service no longer keeps its own clock for it.
DROP INDEX IF EXISTS account_entitlements_past_due;
ALTER TABLE account_entitlements DROP COLUMN grace_ended, DROP COLUMN past_due_since;
