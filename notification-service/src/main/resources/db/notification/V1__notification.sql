-- Every message sent to a customer: the in-app feed and the audit of what we told whom.
CREATE TABLE notification (
    id         BIGSERIAL PRIMARY KEY,
    account_id TEXT        NOT NULL,
    event_id   TEXT        NOT NULL,
    channel    TEXT        NOT NULL,
    recipient  TEXT        NOT NULL,
    template   TEXT        NOT NULL,
    subject    TEXT        NOT NULL,
    body       TEXT        NOT NULL,
    sent_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (event_id, channel, template)
);
CREATE INDEX notification_by_account ON notification (account_id, sent_at DESC);
