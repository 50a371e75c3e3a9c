-- The language an account chose for its mail; without a row the configured default applies.
CREATE TABLE account_language (
    account_id TEXT PRIMARY KEY,
    language   TEXT        NOT NULL,
    chosen_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
