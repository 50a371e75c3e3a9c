-- Which Tollgate account a Stripe customer belongs to, and where we write to them.
CREATE TABLE stripe_customer (
    customer_id TEXT PRIMARY KEY,
    account_id  TEXT        NOT NULL,
    email       TEXT,
    linked_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX stripe_customer_by_account ON stripe_customer (account_id);

-- The latest Stripe state of each subscription; last_event_created rejects events that arrive late.
CREATE TABLE stripe_subscription (
    subscription_id    TEXT PRIMARY KEY,
    customer_id        TEXT        NOT NULL,
    account_id         TEXT        NOT NULL,
    plan_id            TEXT        NOT NULL,
    price_id           TEXT        NOT NULL,
    status             TEXT        NOT NULL,
    last_event_id      TEXT        NOT NULL,
    last_event_created TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Stripe events about a customer we cannot yet tie to an account; replayed when the link arrives.
CREATE TABLE parked_stripe_event (
    event_id    TEXT PRIMARY KEY,
    customer_id TEXT        NOT NULL,
    event_type  TEXT        NOT NULL,
    created     TIMESTAMPTZ NOT NULL,
    payload     TEXT        NOT NULL,
    parked_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX parked_stripe_event_by_customer ON parked_stripe_event (customer_id, created);
