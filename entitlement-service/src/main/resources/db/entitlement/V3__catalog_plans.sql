-- What each plan grants, as billing's latest catalog.published.v1 says (replaced whole with every catalog).
CREATE TABLE catalog_plan (
    plan_id          TEXT PRIMARY KEY,
    features         JSONB NOT NULL,
    catalog_id       TEXT NOT NULL,
    catalog_version  INT NOT NULL,
    content_hash     TEXT NOT NULL
);
