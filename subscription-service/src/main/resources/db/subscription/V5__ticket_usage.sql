-- GET /api/subscriptions/me's tickets used this period and their limit: a projection of ticket.created.v1 and of
-- entitlements.changed.v1's priority_support_tickets (the grant of the highest version).
CREATE TABLE ticket_created (
    ticket_number TEXT PRIMARY KEY,
    account_id    TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX ticket_created_by_account ON ticket_created (account_id, created_at);

CREATE TABLE ticket_limit (
    account_id   TEXT PRIMARY KEY,
    version      BIGINT NOT NULL,
    ticket_limit BIGINT NOT NULL
);
