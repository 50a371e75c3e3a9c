-- Build Sprint grants (issue 7): a one-time product whose catalog metadata names an included plan
-- (included_plan_tier, included_plan_duration_months) grants that plan for that long.

-- From catalog.published.v1 (compacted tollgate.catalog): which one-time products grant which plan for how long.
CREATE TABLE catalog_grant_product (
    product_id      TEXT PRIMARY KEY,
    plan_id         TEXT NOT NULL,
    duration_months INT  NOT NULL
);

-- One row per granting purchase (a Build Sprint): its plan and period, and how far it is paid. The grant
-- itself is a subscription row (source 'grant', subscription_id = grant_id), so the lifecycle, the effective
-- subscription, suspension and the events treat it as one more subscription of the account.
CREATE TABLE plan_grant (
    grant_id     TEXT PRIMARY KEY,
    account_id   TEXT        NOT NULL,
    product_id   TEXT        NOT NULL,
    plan_id      TEXT        NOT NULL,
    starts_at    TIMESTAMPTZ NOT NULL,
    ends_at      TIMESTAMPTZ NOT NULL,
    -- 'deposit_paid' (one half paid) or 'paid_in_full' (the full price, or both halves).
    payment      TEXT        NOT NULL,
    -- Which half was paid first ('deposit' or 'second'), null when bought in full: the other half completes it.
    first_half   TEXT,
    paid_minor   BIGINT      NOT NULL,
    currency     TEXT        NOT NULL,
    paid_in_full_at TIMESTAMPTZ
);
CREATE INDEX plan_grant_by_account ON plan_grant (account_id, starts_at);

-- Each purchase line (checkout session and price) counts once, whatever event id it arrives with.
CREATE TABLE plan_grant_purchase (
    checkout_session_id TEXT        NOT NULL,
    price_id            TEXT        NOT NULL,
    grant_id            TEXT        NOT NULL,
    lookup_key          TEXT,
    amount_minor        BIGINT      NOT NULL,
    currency            TEXT        NOT NULL,
    occurred_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (checkout_session_id, price_id)
);

ALTER TABLE job_run
    ADD COLUMN grants_ended INT NOT NULL DEFAULT 0;
