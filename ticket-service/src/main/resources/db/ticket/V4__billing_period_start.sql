-- The subscription's own period start (a 14-day trial is not a month long): the allowance period
-- that holds "now" is exactly [current_period_start, current_period_end) when both are known.
ALTER TABLE billing_period ADD COLUMN current_period_start TIMESTAMPTZ;
