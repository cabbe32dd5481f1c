-- Learnloop store, version 5: counters. A counter is a sum that many transactions add to at once (a ledger balance
-- stripe, an account's movement on one day); additions are upserts of the row, so they never conflict and never
-- read first. Members sort in code point order (collation "C"), as sort keys do.

CREATE TABLE learnloop_counter (
    tenant  VARCHAR(128) NOT NULL,
    family  VARCHAR(64)  NOT NULL,
    grp     VARCHAR(512) NOT NULL,
    member  VARCHAR(255) COLLATE "C" NOT NULL,
    amount  BIGINT       NOT NULL,
    CONSTRAINT learnloop_counter_pk PRIMARY KEY (tenant, family, grp, member)
);

-- Ledger balances: an account's balance is the sum of its stripes. The account key is the ledger's
-- (kind and owner), the currency its ISO 4217 code; amounts are minor units.
CREATE VIEW learnloop_ledger_balances AS
SELECT tenant,
       left(grp, length(grp) - 4)  AS account_key,
       right(grp, 3)               AS currency,
       SUM(amount)                 AS balance_minor
FROM learnloop_counter
WHERE family = 'ledger.balance'
GROUP BY tenant, grp;
