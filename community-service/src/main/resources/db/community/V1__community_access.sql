-- Projection of entitlements.changed.v1: may the account use the community?
CREATE TABLE community_access (
    account_id TEXT PRIMARY KEY,
    enabled    BOOLEAN     NOT NULL,
    as_of      TIMESTAMPTZ NOT NULL
);
