-- Learnloop store, version 5: counters. A counter is a sum that many transactions add to at once (a ledger balance
-- stripe, an account's movement on one day); additions are upserts of the row, so they never conflict and never
-- read first. Keys are VARBINARY as in version 1 (exact, code point order; within InnoDB's 3072-byte key limit).

CREATE TABLE learnloop_counter (
    tenant  VARBINARY(384)  NOT NULL,
    family  VARBINARY(192)  NOT NULL,
    grp     VARBINARY(1536) NOT NULL,
    member  VARBINARY(765)  NOT NULL,
    amount  BIGINT          NOT NULL,
    PRIMARY KEY (tenant, family, grp, member)
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- Ledger balances, with the same columns as on PostgreSQL.
CREATE VIEW learnloop_ledger_balances AS
SELECT CONVERT(tenant USING utf8mb4)                                   AS tenant,
       CONVERT(LEFT(grp, LENGTH(grp) - 4) USING utf8mb4)               AS account_key,
       CONVERT(RIGHT(grp, 3) USING utf8mb4)                            AS currency,
       CAST(SUM(amount) AS SIGNED)                                     AS balance_minor
FROM learnloop_counter
WHERE family = 'ledger.balance'
GROUP BY tenant, grp;
