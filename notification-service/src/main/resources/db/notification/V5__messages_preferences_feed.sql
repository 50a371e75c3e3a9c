-- Issue 11: the catalog's limits and metadata (feature lines of the plan mails, tokens of a token pack),
-- invitations remembered for the "accepted" mail, read state and in-app entries in the feed.
ALTER TABLE catalog_product ADD COLUMN limits TEXT;
ALTER TABLE catalog_product ADD COLUMN metadata TEXT;

-- What the invitation mail told the invitee, so the inviter hears who accepted which group.
CREATE TABLE invitation_note (
    invitation_id TEXT PRIMARY KEY,
    group_name    TEXT NOT NULL,
    invitee_email TEXT NOT NULL
);

-- The feed: read state, and entries that are in-app only (channel 'in_app', no mail behind them).
ALTER TABLE notification ADD COLUMN read_at TIMESTAMPTZ;
ALTER TABLE notification ADD COLUMN category TEXT;
CREATE INDEX notification_unread ON notification (account_id) WHERE read_at IS NULL;

-- A ticket's subject from its ticket.created.v1, so the "answered" and "resolved" mails name it.
CREATE TABLE ticket_note (
    ticket_number TEXT PRIMARY KEY,
    account_id    TEXT NOT NULL,
    subject       TEXT NOT NULL
);

-- Per user (by the user's address within the account): language and opted-out non-essential categories.
CREATE TABLE user_preference (
    account_id TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    email      TEXT,
    language   TEXT,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, user_id)
);
CREATE INDEX user_preference_by_email ON user_preference (account_id, lower(email));

CREATE TABLE mail_opt_out (
    account_id    TEXT NOT NULL,
    email         TEXT NOT NULL,
    category      TEXT NOT NULL,
    opted_out_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, email, category)
);

-- Each one-click unsubscribe token works once: its SHA-256 is recorded when used.
CREATE TABLE unsubscribe_use (
    token_hash TEXT PRIMARY KEY,
    used_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
