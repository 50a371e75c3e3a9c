-- catalog_plan keeps every product of the catalog now (plans, add-ons, one-time purchases) with
-- Stripe's metadata, which add-ons (requires_plan, *_per_unit) and credits (tokens_included) need.
ALTER TABLE catalog_plan
    ADD COLUMN kind     TEXT  NOT NULL DEFAULT 'plan',
    ADD COLUMN metadata JSONB NOT NULL DEFAULT '{}';

-- The subscription facts a grant is computed from besides (plan, status): the add-ons the
-- subscription carries and since when it is past due (the grace period counts from there).
ALTER TABLE account_entitlements
    ADD COLUMN add_ons        JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN past_due_since TIMESTAMPTZ;
