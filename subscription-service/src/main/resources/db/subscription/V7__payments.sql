-- Payment success rate (business metrics): each payment attempt billing reported, from billing.payment_succeeded.v1
-- (once per paid invoice) and billing.payment_failed.v1 (once per invoice and failed attempt). The key makes a
-- redelivery under another event id count once.
CREATE TABLE payment_attempt (
    invoice_id   TEXT        NOT NULL,
    -- 'succeeded' or 'failed'
    outcome      TEXT        NOT NULL,
    -- Stripe's attempt_count for a failure; 0 for the success (one per invoice).
    attempt      INT         NOT NULL,
    account_id   TEXT        NOT NULL,
    amount_minor BIGINT      NOT NULL,
    currency     TEXT        NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (invoice_id, outcome, attempt)
);
CREATE INDEX payment_attempt_by_time ON payment_attempt (occurred_at);
