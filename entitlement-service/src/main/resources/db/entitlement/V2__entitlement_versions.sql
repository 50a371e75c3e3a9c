-- subscription_version: the version of the account's last subscription event applied (events
-- are ordered by it, never by time). version: the version of the grant, one more with every
-- entitlements.changed.v1 published for the account, so projections order grants by it.
ALTER TABLE account_entitlements
    ADD COLUMN subscription_version BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN version              BIGINT NOT NULL DEFAULT 0;
