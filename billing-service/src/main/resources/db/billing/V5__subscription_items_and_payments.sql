-- Every item of a subscription with its quantity (price x quantity, sorted): a re-read from Stripe on a tie changes
-- something when an add-on quantity changed, not only the plan. Trial and period start tell checkout whether an
-- account had a trial already.
ALTER TABLE stripe_subscription
    ADD COLUMN items                TEXT NOT NULL DEFAULT '',
    ADD COLUMN trial_start          TIMESTAMPTZ,
    ADD COLUMN trial_end            TIMESTAMPTZ,
    ADD COLUMN current_period_start TIMESTAMPTZ;
CREATE INDEX stripe_subscription_by_account ON stripe_subscription (account_id);

-- When Stripe last told us about the customer itself (customer.created/updated): an older report never overwrites the
-- e-mail of a newer one. deleted_at: Stripe deleted the customer; the link stays for its invoices and history.
ALTER TABLE stripe_customer
    ADD COLUMN details_event_created TIMESTAMPTZ,
    ADD COLUMN deleted_at            TIMESTAMPTZ;

-- Invoices as the webhook events report them, newest report wins (last_event_created, then the status rank).
CREATE TABLE stripe_invoice (
    invoice_id           TEXT PRIMARY KEY,
    account_id           TEXT        NOT NULL,
    customer_id          TEXT        NOT NULL,
    subscription_id      TEXT,
    number               TEXT,
    status               TEXT        NOT NULL,
    amount_due           BIGINT      NOT NULL,
    amount_paid          BIGINT      NOT NULL,
    currency             TEXT        NOT NULL,
    period_start         TIMESTAMPTZ,
    period_end           TIMESTAMPTZ,
    hosted_invoice_url   TEXT,
    invoice_pdf          TEXT,
    attempt_count        INT         NOT NULL DEFAULT 0,
    next_payment_attempt TIMESTAMPTZ,
    invoice_created      TIMESTAMPTZ NOT NULL,
    last_event_created   TIMESTAMPTZ NOT NULL,
    paid_published       BOOLEAN     NOT NULL DEFAULT false
);
CREATE INDEX stripe_invoice_by_account ON stripe_invoice (account_id, invoice_created DESC, invoice_id);

-- Which payment notices were published, once per invoice, kind and attempt (payment_failed, action_required).
CREATE TABLE invoice_notice (
    invoice_id TEXT NOT NULL,
    kind       TEXT NOT NULL,
    attempt    INT  NOT NULL,
    PRIMARY KEY (invoice_id, kind, attempt)
);

-- One-time purchases completed through checkout in payment mode (Build Sprint, AI Token Pack): one row per session,
-- so a purchase is published once, and the account's receipts.
CREATE TABLE one_time_purchase (
    checkout_session_id TEXT PRIMARY KEY,
    account_id          TEXT        NOT NULL,
    customer_id         TEXT        NOT NULL,
    product_id          TEXT        NOT NULL,
    price_id            TEXT        NOT NULL,
    quantity            BIGINT      NOT NULL,
    amount_minor        BIGINT      NOT NULL,
    currency            TEXT        NOT NULL,
    payment_intent_id   TEXT,
    invoice_id          TEXT,
    completed_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX one_time_purchase_by_account ON one_time_purchase (account_id, completed_at DESC);
