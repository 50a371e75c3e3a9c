-- The current catalog's products by id, with the name customers know them by (from catalog.published.v1).
CREATE TABLE catalog_product (
    id              TEXT PRIMARY KEY,
    kind            TEXT,
    name            TEXT    NOT NULL,
    catalog_id      TEXT    NOT NULL,
    catalog_version INT     NOT NULL
);
