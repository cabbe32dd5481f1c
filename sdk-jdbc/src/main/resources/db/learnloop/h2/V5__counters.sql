-- Learnloop store, version 5: counters. A counter is a sum that many transactions add to at once (a ledger balance
-- stripe, an account's movement on one day); an addition updates the row in place and never conflicts.

CREATE TABLE learnloop_counter (
    tenant  VARCHAR(128) NOT NULL,
    family  VARCHAR(64)  NOT NULL,
    grp     VARCHAR(512) NOT NULL,
    member  VARCHAR(255) NOT NULL,
    amount  BIGINT       NOT NULL,
    CONSTRAINT learnloop_counter_pk PRIMARY KEY (tenant, family, grp, member)
);

-- Ledger balances, with the same columns as on PostgreSQL.
CREATE VIEW learnloop_ledger_balances AS
SELECT tenant,
       LEFT(grp, CHAR_LENGTH(grp) - 4)  AS account_key,
       RIGHT(grp, 3)                    AS currency,
       SUM(amount)                      AS balance_minor
FROM learnloop_counter
WHERE family = 'ledger.balance'
GROUP BY tenant, grp;
