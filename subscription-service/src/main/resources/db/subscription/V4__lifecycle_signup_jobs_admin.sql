-- The whole lifecycle (issue 7): the real period start, trials started here without Stripe, suspension,
-- the past-due grace clock.
ALTER TABLE subscription
    ADD COLUMN trial_start          TIMESTAMPTZ,
    ADD COLUMN current_period_start TIMESTAMPTZ,
    -- 'stripe': billing reports it; 'local': a trial started by signup, no card and no Stripe subscription yet.
    ADD COLUMN source               TEXT NOT NULL DEFAULT 'stripe',
    -- While suspended: the status a reactivation restores.
    ADD COLUMN suspended_from       TEXT,
    -- While past due: since when; access stops when the grace period after it ends.
    ADD COLUMN past_due_since       TIMESTAMPTZ;
CREATE INDEX subscription_by_status ON subscription (status, trial_end);

-- activated.v1's firstActivation: set with the account's first activation.
ALTER TABLE account
    ADD COLUMN first_activated_at TIMESTAMPTZ;

-- One trial per account and per e-mail address (lower case); the unique keys make a second signup a 409 even
-- when two arrive at once.
CREATE TABLE trial_claim (
    account_id      TEXT PRIMARY KEY,
    email           TEXT UNIQUE,
    subscription_id TEXT        NOT NULL,
    claimed_at      TIMESTAMPTZ NOT NULL
);

-- The catalog's plan prices, from billing's catalog.published.v1 (compacted tollgate.catalog): what signup sells.
CREATE TABLE catalog_price (
    price_id      TEXT PRIMARY KEY,
    plan_id       TEXT    NOT NULL,
    plan_name     TEXT    NOT NULL,
    plan_position INT     NOT NULL,
    amount_minor  BIGINT  NOT NULL,
    currency      TEXT    NOT NULL,
    interval      TEXT,
    trial_days    INT,
    catalog_id    TEXT    NOT NULL,
    catalog_version INT   NOT NULL
);

-- Each trial reminder (days left 7, 3, 1) is claimed here in the transaction that publishes it: exactly once,
-- whichever replica or run gets there first.
CREATE TABLE trial_reminder (
    subscription_id TEXT        NOT NULL,
    days_left       INT         NOT NULL,
    claimed_at      TIMESTAMPTZ NOT NULL,
    published       BOOLEAN     NOT NULL,
    PRIMARY KEY (subscription_id, days_left)
);

-- Every run of a scheduled job (by schedule, by the daily sweep or by an admin's hand), for admins to read.
CREATE TABLE job_run (
    id           BIGSERIAL PRIMARY KEY,
    job          TEXT        NOT NULL,
    trigger      TEXT        NOT NULL,
    triggered_by TEXT,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ,
    outcome      TEXT        NOT NULL,
    reminders    INT         NOT NULL DEFAULT 0,
    expired      INT         NOT NULL DEFAULT 0,
    grace_ended  INT         NOT NULL DEFAULT 0,
    detail       TEXT
);
CREATE INDEX job_run_latest ON job_run (started_at DESC);

-- Every admin action: who, what, why, when, before and after. Append-only: the trigger refuses any change.
CREATE TABLE admin_audit (
    id         BIGSERIAL PRIMARY KEY,
    actor      TEXT        NOT NULL,
    action     TEXT        NOT NULL,
    account_id TEXT,
    reason     TEXT,
    at         TIMESTAMPTZ NOT NULL,
    before     JSONB,
    after      JSONB
);
CREATE INDEX admin_audit_by_account ON admin_audit (account_id, id);

CREATE FUNCTION admin_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'admin_audit is append-only';
END;
$$;
CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE ON admin_audit
    FOR EACH ROW EXECUTE FUNCTION admin_audit_is_append_only();
