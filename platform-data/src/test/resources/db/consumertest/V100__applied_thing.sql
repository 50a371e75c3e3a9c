-- What the test consumer applied, in the order it applied it.
CREATE TABLE applied_thing (
    seq      BIGSERIAL PRIMARY KEY,
    event_id TEXT NOT NULL,
    key      TEXT
);
