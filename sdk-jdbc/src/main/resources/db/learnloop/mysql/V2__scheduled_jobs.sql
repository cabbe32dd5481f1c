-- Learnloop store, version 2: scheduled work (reconciliation, expiry) that host instances claim with leases.
-- Queue and key are VARBINARY for the reasons V1 gives.

CREATE TABLE learnloop_job (
    tenant       VARBINARY(384) NOT NULL,
    queue        VARBINARY(192) NOT NULL,
    job_key      VARBINARY(765) NOT NULL,
    due_at       DATETIME(6)    NOT NULL,
    payload      LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    attempts     INTEGER        NOT NULL,
    claimed_by   VARBINARY(384),
    lease_until  DATETIME(6),
    done_at      DATETIME(6),
    created_at   DATETIME(6)    NOT NULL,
    PRIMARY KEY (tenant, queue, job_key),
    INDEX learnloop_job_due (tenant, queue, done_at, due_at)
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
