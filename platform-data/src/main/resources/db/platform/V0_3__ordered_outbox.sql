-- Ordered outbox: the relay sends an account's publications in publication_seq order, which the
-- publishing transaction's per-account lock makes the account's commit order.
ALTER TABLE event_publication ADD COLUMN routing_key TEXT;
ALTER TABLE event_publication ADD COLUMN publication_seq BIGINT GENERATED ALWAYS AS IDENTITY;

-- Rows written before this release (by Modulith's externalizer): key them by their account, in
-- their publication order, under the relay's listener id, so they are sent by the relay.
UPDATE event_publication SET routing_key = serialized_event::jsonb ->> 'accountId'
 WHERE routing_key IS NULL AND completion_date IS NULL;
UPDATE event_publication SET listener_id = 'tollgate.outbox.kafka'
 WHERE listener_id LIKE 'org.springframework.modulith.events.support.DelegatingEventExternalizer%';

CREATE INDEX event_publication_outstanding_by_key_idx
    ON event_publication (routing_key, publication_seq) WHERE completion_date IS NULL;

-- ShedLock's table: one row per named lock; the outbox resubmission sweep runs on its holder only.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);
