-- What a tie in Stripe's created second is compared against: a re-read from Stripe that says what we hold already
-- changes nothing and publishes nothing.
ALTER TABLE stripe_subscription
    ADD COLUMN cancel_at_period_end BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN current_period_end   TIMESTAMPTZ;
