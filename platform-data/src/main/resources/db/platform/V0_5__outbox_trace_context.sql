-- The W3C traceparent current when the event was recorded: the relay sends it with the record later,
-- from another thread, so a trace follows an event through the outbox (issue 12). Null: no trace.
ALTER TABLE event_publication ADD COLUMN traceparent text;
