-- Each account's current entitlements; as_of is the time of the subscription event they follow from.
CREATE TABLE account_entitlements (
    account_id          TEXT PRIMARY KEY,
    plan_id             TEXT        NOT NULL,
    subscription_status TEXT        NOT NULL,
    features            JSONB       NOT NULL,
    as_of               TIMESTAMPTZ NOT NULL
);
