-- Learnloop store, version 3: sorted indexes. An entry of a sorted index carries its position (the aggregate's sort
-- key and id), so a bounded range under one key is read from this index alone, whatever the key holds.
-- VARBINARY compares UTF-8 bytes, which is code point order, the order every store uses. InnoDB's 3072-byte key limit
-- leaves 768 bytes beside tenant, type, index name and key; 765 (an id's width) keeps a margin, so the index is 3069
-- bytes like the primary key. The store refuses a longer position before writing. No partial index: entries of
-- unsorted indexes (sort_key NULL) are in it too.

ALTER TABLE learnloop_index_entry ADD COLUMN sort_key VARBINARY(765) NULL;
CREATE INDEX learnloop_index_entry_sorted ON learnloop_index_entry (tenant, type, index_name, index_key, sort_key);

-- Delivered events are pruned per tenant after their retention, oldest first: learnloop_outbox_pending
-- (tenant, delivered_at, seq) from V1 serves that already, so no index is added for it here.
