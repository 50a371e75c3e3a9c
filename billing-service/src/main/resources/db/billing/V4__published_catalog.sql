-- The catalog billing last published to tollgate.catalog: one row, since the topic keeps one catalog (key 'catalog').
CREATE TABLE published_catalog (
    topic_key     TEXT PRIMARY KEY,
    catalog_id    TEXT NOT NULL,
    version       INT NOT NULL,
    content_hash  TEXT NOT NULL,
    published_at  TIMESTAMPTZ NOT NULL
);
