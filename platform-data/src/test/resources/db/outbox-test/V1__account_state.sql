-- The test service's own state: one row per account, changed in the same transaction as its event.
CREATE TABLE account_state (
    account_id TEXT   PRIMARY KEY,
    version    BIGINT NOT NULL
);
