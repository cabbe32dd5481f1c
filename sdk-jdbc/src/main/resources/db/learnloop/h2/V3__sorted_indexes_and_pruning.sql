-- Learnloop store, version 3: sorted indexes. An entry of a sorted index carries its position (the aggregate's sort
-- key and id), so a bounded range under one key is read from this index alone, whatever the key holds.

ALTER TABLE learnloop_index_entry ADD COLUMN sort_key VARCHAR(1024);
CREATE INDEX learnloop_index_entry_sorted ON learnloop_index_entry (tenant, type, index_name, index_key, sort_key);

-- Delivered events are pruned per tenant after their retention, oldest first.
CREATE INDEX learnloop_outbox_delivered ON learnloop_outbox (tenant, delivered_at);
