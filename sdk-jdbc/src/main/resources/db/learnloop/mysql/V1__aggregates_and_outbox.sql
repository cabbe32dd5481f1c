-- Learnloop store, version 1: aggregates as JSON documents with their lookup and unique keys, and the outbox.
-- MySQL 8.0+ and MariaDB 10.6+, InnoDB.
--
-- Tenants, types, ids, names and keys are VARBINARY: the driver's UTF-8 bytes, compared byte by byte. So they are
-- exact (no case folding, no trailing-space padding, which every utf8mb4 collation common to MySQL and MariaDB
-- applies) and sort in code point order, as PostgreSQL's collation "C" does. Their widths are 3 bytes for every
-- character the store accepts (tenant 128, type and names 64, keys 512, ids 255): any accepted value fits, and every
-- index stays within InnoDB's 3072-byte key limit (ROW_FORMAT=DYNAMIC, 16 KiB pages).
-- Bodies are LONGTEXT, not JSON: MySQL's JSON type rewrites a document (key order, number forms) and MariaDB's is
-- LONGTEXT anyway; the store reads back exactly the text it wrote. JSON functions work on it in reports.
-- Timestamps are DATETIME(6) holding UTC (TIMESTAMP ends in 2038).

CREATE TABLE learnloop_aggregate (
    tenant      VARBINARY(384) NOT NULL,
    type        VARBINARY(192) NOT NULL,
    id          VARBINARY(765) NOT NULL,
    version     BIGINT         NOT NULL,
    seq         BIGINT         NOT NULL AUTO_INCREMENT,
    body        LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    created_at  DATETIME(6)    NOT NULL,
    updated_at  DATETIME(6)    NOT NULL,
    PRIMARY KEY (tenant, type, id),
    UNIQUE INDEX learnloop_aggregate_order (tenant, type, seq),
    -- InnoDB wants an AUTO_INCREMENT column to lead an index.
    INDEX learnloop_aggregate_seq (seq)
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE learnloop_index_entry (
    tenant      VARBINARY(384)  NOT NULL,
    type        VARBINARY(192)  NOT NULL,
    index_name  VARBINARY(192)  NOT NULL,
    index_key   VARBINARY(1536) NOT NULL,
    id          VARBINARY(765)  NOT NULL,
    PRIMARY KEY (tenant, type, index_name, index_key, id),
    -- Led by id, so a planner never mistakes it for a way to scan a whole type.
    INDEX learnloop_index_entry_owner (id, tenant, type)
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- The primary key is what makes a unique key unique, across every host instance.
CREATE TABLE learnloop_unique_key (
    tenant      VARBINARY(384)  NOT NULL,
    type        VARBINARY(192)  NOT NULL,
    key_name    VARBINARY(192)  NOT NULL,
    key_value   VARBINARY(1536) NOT NULL,
    id          VARBINARY(765)  NOT NULL,
    PRIMARY KEY (tenant, type, key_name, key_value),
    INDEX learnloop_unique_key_owner (id, tenant, type)
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- No partial indexes on MySQL: the pending index holds delivered events too, after the pending ones of a tenant.
CREATE TABLE learnloop_outbox (
    seq           BIGINT         NOT NULL AUTO_INCREMENT,
    tenant        VARBINARY(384) NOT NULL,
    event_id      VARBINARY(384) NOT NULL,
    event_type    VARCHAR(64)    NOT NULL,
    aggregate_id  VARCHAR(128)   NOT NULL,
    occurred_at   DATETIME(6)    NOT NULL,
    body          LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    claimed_by    VARBINARY(384),
    lease_until   DATETIME(6),
    delivered_at  DATETIME(6),
    PRIMARY KEY (seq),
    CONSTRAINT learnloop_outbox_event UNIQUE (tenant, event_id),
    INDEX learnloop_outbox_pending (tenant, delivered_at, seq)
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
