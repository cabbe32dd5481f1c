-- Learnloop store, version 6: compact keys. An index entry is its primary key and nothing more: the key and the
-- entry's position under it. In a sorted index the position is the aggregate's sort key, a separator and its id; in
-- any other index it is the id. One index serves lookups and ranges alike, so the owner and sorted indexes go: the
-- store now works out an aggregate's stored keys from its stored document, which it reads by primary key.

CREATE TABLE learnloop_index_entry_v6 (
    tenant        VARCHAR(128)  NOT NULL,
    type          VARCHAR(64)   NOT NULL,
    index_name    VARCHAR(64)   NOT NULL,
    index_key     VARCHAR(512)  NOT NULL,
    position_key  VARCHAR(1024) NOT NULL,
    CONSTRAINT learnloop_index_entry_v6_pk PRIMARY KEY (tenant, type, index_name, index_key, position_key)
);

INSERT INTO learnloop_index_entry_v6 (tenant, type, index_name, index_key, position_key)
SELECT tenant, type, index_name, index_key, COALESCE(sort_key, id) FROM learnloop_index_entry;

DROP TABLE learnloop_index_entry;
ALTER TABLE learnloop_index_entry_v6 RENAME TO learnloop_index_entry;
ALTER TABLE learnloop_index_entry RENAME CONSTRAINT learnloop_index_entry_v6_pk TO learnloop_index_entry_pk;

DROP INDEX learnloop_unique_key_owner;

-- Payment attempts are indexed by state only while open, notifications by disposition only while kept for review:
-- nothing reads the others, and they were two entries of every paid order.
DELETE FROM learnloop_index_entry
WHERE type = 'payment_attempt' AND index_name = 'state' AND index_key NOT IN ('NEW', 'PENDING', 'UNKNOWN');
DELETE FROM learnloop_index_entry
WHERE type = 'payment_notification' AND index_name = 'disposition' AND index_key <> 'KEPT_FOR_REVIEW';
