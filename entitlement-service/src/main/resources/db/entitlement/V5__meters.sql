-- Where the account's billing months start: a boundary of its subscription (currentPeriodStart, else
-- currentPeriodEnd, else the first grant); monthly meters reset at anchor + n months.
ALTER TABLE account_entitlements ADD COLUMN period_anchor TIMESTAMPTZ;

-- One row per account and metered feature. period_start is the start of the period 'used' counts;
-- a consume, reservation or read in a later period starts from 0 (lazy reset: never twice, never
-- missed after downtime). credits: purchased units (AI token packs) that never expire, spent after
-- the period's allowance. The *_period columns hold the period a notice was published for, so each
-- is published at most once per period.
CREATE TABLE meter (
    account_id         TEXT        NOT NULL,
    feature            TEXT        NOT NULL,
    period_start       TIMESTAMPTZ NOT NULL,
    used               BIGINT      NOT NULL DEFAULT 0 CHECK (used >= 0),
    credits            BIGINT      NOT NULL DEFAULT 0 CHECK (credits >= 0),
    threshold_80_for   TIMESTAMPTZ,
    threshold_100_for  TIMESTAMPTZ,
    exceeded_for       TIMESTAMPTZ,
    PRIMARY KEY (account_id, feature)
);

-- Units held for a caller until it confirms (they become used) or releases them; a held
-- reservation past expires_at has lapsed and no longer counts.
CREATE TABLE meter_reservation (
    reservation_id UUID PRIMARY KEY,
    account_id     TEXT        NOT NULL,
    feature        TEXT        NOT NULL,
    amount         BIGINT      NOT NULL CHECK (amount > 0),
    state          TEXT        NOT NULL CHECK (state IN ('held', 'confirmed', 'released')),
    created_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX meter_reservation_held ON meter_reservation (account_id, feature, expires_at) WHERE state = 'held';

-- A consume's idempotency key: the same key consumes once; a repeat answers what the first did.
CREATE TABLE meter_consumption (
    account_id      TEXT        NOT NULL,
    feature         TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    amount          BIGINT      NOT NULL,
    granted         BOOLEAN     NOT NULL,
    consumed_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, feature, idempotency_key)
);
