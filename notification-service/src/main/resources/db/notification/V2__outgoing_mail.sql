-- E-mails are written here in the consumer's transaction and sent by the relay after commit
-- (dev.tollgate.notification.mail.MailRelay), so a rolled-back transaction sends nothing and a
-- failed commit never leaves a sent mail behind.
CREATE TABLE outgoing_mail (
    id              BIGSERIAL PRIMARY KEY,
    notification_id BIGINT      NOT NULL REFERENCES notification (id),
    account_id      TEXT        NOT NULL,
    cause_event_id  TEXT        NOT NULL,
    template        TEXT        NOT NULL,
    -- Derived from the cause, so a resend after a crash carries the same id and is recognisable.
    message_id      TEXT        NOT NULL UNIQUE,
    -- NULL while the account's address is unknown (status 'waiting_for_address').
    recipient       TEXT,
    subject         TEXT        NOT NULL,
    text_body       TEXT        NOT NULL,
    html_body       TEXT,
    -- waiting_for_address -> pending -> sent | undeliverable
    status          TEXT        NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- When the relay may next pick the row: the retry backoff, and while a relay is sending, its lease.
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error      TEXT,
    -- Since when SMTP has refused this mail without a success in between: the relay gives up
    -- (status 'undeliverable') once that lasts longer than the configured time.
    failing_since   TIMESTAMPTZ,
    sent_at         TIMESTAMPTZ,
    UNIQUE (cause_event_id, template)
);
-- The relay and the gauges read only the unsent rows, per account in the order they were caused.
CREATE INDEX outgoing_mail_unsent ON outgoing_mail (account_id, id) WHERE status IN ('pending', 'waiting_for_address');

-- The last address an account's events carried, for mails whose own event had none.
CREATE TABLE account_address (
    account_id TEXT PRIMARY KEY,
    email      TEXT        NOT NULL,
    learned_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The feed shows a message when it is caused, with its delivery state; rows written before this
-- migration were sent inside the consumer's transaction.
ALTER TABLE notification ADD COLUMN status TEXT NOT NULL DEFAULT 'sent';
ALTER TABLE notification ALTER COLUMN status DROP DEFAULT;
ALTER TABLE notification ADD COLUMN created_at TIMESTAMPTZ;
UPDATE notification SET created_at = sent_at;
ALTER TABLE notification ALTER COLUMN created_at SET NOT NULL;
ALTER TABLE notification ALTER COLUMN created_at SET DEFAULT now();
ALTER TABLE notification ALTER COLUMN sent_at DROP NOT NULL;
ALTER TABLE notification ALTER COLUMN sent_at DROP DEFAULT;
ALTER TABLE notification ALTER COLUMN recipient DROP NOT NULL;
DROP INDEX notification_by_account;
CREATE INDEX notification_by_account ON notification (account_id, created_at DESC);
