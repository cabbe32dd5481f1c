-- Learnloop store, version 6: compact keys. An index entry is its primary key and nothing more: the key and the
-- entry's position under it. In a sorted index the position is the aggregate's sort key, a separator and its id; in
-- any other index it is the id. The clustered primary key serves lookups and ranges alike, so the owner and sorted
-- indexes go: the store now works out an aggregate's stored keys from its stored document, which it reads by primary
-- key. Positions keep V3's width (765 bytes), which an id's width equals, so the key stays within InnoDB's 3072 bytes.

CREATE TABLE learnloop_index_entry_v6 (
    tenant        VARBINARY(384)  NOT NULL,
    type          VARBINARY(192)  NOT NULL,
    index_name    VARBINARY(192)  NOT NULL,
    index_key     VARBINARY(1536) NOT NULL,
    position_key  VARBINARY(765)  NOT NULL,
    PRIMARY KEY (tenant, type, index_name, index_key, position_key)
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

INSERT INTO learnloop_index_entry_v6 (tenant, type, index_name, index_key, position_key)
SELECT tenant, type, index_name, index_key, COALESCE(sort_key, id) FROM learnloop_index_entry;

DROP TABLE learnloop_index_entry;
RENAME TABLE learnloop_index_entry_v6 TO learnloop_index_entry;

DROP INDEX learnloop_unique_key_owner ON learnloop_unique_key;

-- Payment attempts are indexed by state only while open, notifications by disposition only while kept for review:
-- nothing reads the others, and they were two entries of every paid order.
DELETE FROM learnloop_index_entry
WHERE type = 'payment_attempt' AND index_name = 'state' AND index_key NOT IN ('NEW', 'PENDING', 'UNKNOWN');
DELETE FROM learnloop_index_entry
WHERE type = 'payment_notification' AND index_name = 'disposition' AND index_key <> 'KEPT_FOR_REVIEW';
