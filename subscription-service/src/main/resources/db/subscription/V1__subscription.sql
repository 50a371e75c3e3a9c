-- The current state of each subscription as billing last reported it; as_of orders the reports.
CREATE TABLE subscription (
    subscription_id      TEXT PRIMARY KEY,
    account_id           TEXT        NOT NULL,
    plan_id              TEXT        NOT NULL,
    status               TEXT        NOT NULL,
    billing_interval     TEXT,
    trial_end            TIMESTAMPTZ,
    current_period_end   TIMESTAMPTZ,
    cancel_at_period_end BOOLEAN     NOT NULL DEFAULT false,
    amount_minor         BIGINT      NOT NULL,
    currency             TEXT        NOT NULL,
    email                TEXT,
    as_of                TIMESTAMPTZ NOT NULL
);
CREATE INDEX subscription_by_account ON subscription (account_id, as_of DESC);
