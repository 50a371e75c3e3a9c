-- Bucket4j's PostgreSQL proxy manager (select-for-update) keeps one row per bucket: every gateway replica
-- reads and writes the same row under a row lock, so N replicas spend one budget per account and window.
-- id: '<account>:<window>:<quota>' (a plan change names a new, full bucket); state: Bucket4j's serialized
-- bucket; expires_at: epoch millis after which the row equals a full bucket and may be deleted.
CREATE TABLE rate_limit_bucket (
    id         TEXT PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);

CREATE INDEX rate_limit_bucket_expires_at ON rate_limit_bucket (expires_at);
