-- The plan behind the grant: response targets depend on it.
ALTER TABLE ticket_allowance ADD COLUMN plan_id TEXT;

-- Projection of subscription.*.v1: where the account's billing periods fall. The allowance resets
-- at these boundaries, not on the calendar month. The event of the highest version wins.
CREATE TABLE billing_period (
    account_id         TEXT PRIMARY KEY,
    version            BIGINT      NOT NULL,
    plan_id            TEXT,
    status             TEXT,
    billing_interval   TEXT,
    current_period_end TIMESTAMPTZ
);

-- One counter per organization prefix. A number is taken by incrementing the row inside the
-- transaction that inserts the ticket, so the row lock orders creators and a rolled-back
-- creation gives its number back: numbers are sequential, gap-free and never reused.
CREATE TABLE ticket_number (
    prefix      TEXT PRIMARY KEY,
    last_number BIGINT NOT NULL
);

CREATE TABLE ticket (
    number                    TEXT PRIMARY KEY,
    account_id                TEXT        NOT NULL,
    created_by                TEXT        NOT NULL,
    subject                   TEXT        NOT NULL,
    description               TEXT        NOT NULL,
    category                  TEXT        NOT NULL,
    priority                  TEXT        NOT NULL,
    status                    TEXT        NOT NULL,
    plan_id                   TEXT,
    assignee                  TEXT,
    revision                  BIGINT      NOT NULL,
    created_at                TIMESTAMPTZ NOT NULL,
    updated_at                TIMESTAMPTZ NOT NULL,
    response_due_at           TIMESTAMPTZ NOT NULL,
    first_response_at         TIMESTAMPTZ,
    resolved_at               TIMESTAMPTZ,
    closed_at                 TIMESTAMPTZ,
    response_due_notified_at  TIMESTAMPTZ,
    sla_breach_published_at   TIMESTAMPTZ
);
CREATE INDEX ticket_account_created ON ticket (account_id, created_at);
CREATE INDEX ticket_awaiting_response ON ticket (response_due_at) WHERE first_response_at IS NULL;

CREATE TABLE ticket_comment (
    id            BIGSERIAL PRIMARY KEY,
    ticket_number TEXT        NOT NULL REFERENCES ticket (number),
    author_id     TEXT        NOT NULL,
    by_agent      BOOLEAN     NOT NULL,
    internal      BOOLEAN     NOT NULL,
    body          TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX ticket_comment_ticket ON ticket_comment (ticket_number, id);

-- One ticket.quota_exceeded.v1 per account and billing period: the row is the proof it was published.
CREATE TABLE ticket_quota_exceeded (
    account_id   TEXT        NOT NULL,
    period_start TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, period_start)
);
