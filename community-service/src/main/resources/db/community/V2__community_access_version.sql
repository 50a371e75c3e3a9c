-- Grants are ordered by entitlement-service's per-account version, not by time: a version is
-- never shared by two grants of one account, so the order never depends on arrival.
ALTER TABLE community_access ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
