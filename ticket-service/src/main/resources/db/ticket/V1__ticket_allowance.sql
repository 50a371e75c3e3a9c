-- Projection of entitlements.changed.v1: how many priority tickets an account may open per month (-1 unlimited).
CREATE TABLE ticket_allowance (
    account_id    TEXT PRIMARY KEY,
    monthly_limit BIGINT      NOT NULL,
    as_of         TIMESTAMPTZ NOT NULL
);
