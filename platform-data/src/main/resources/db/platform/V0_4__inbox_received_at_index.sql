-- The inbox purge deletes by age; without this index each run would scan the whole table.
CREATE INDEX inbox_received_at ON inbox (received_at);
