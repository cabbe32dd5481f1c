-- Learnloop store, version 2: scheduled work (reconciliation, expiry) that host instances claim with leases.

CREATE TABLE learnloop_job (
    tenant       VARCHAR(128) NOT NULL,
    queue        VARCHAR(64)  NOT NULL,
    job_key      VARCHAR(255) NOT NULL,
    due_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    payload      CHARACTER LARGE OBJECT NOT NULL,
    attempts     INTEGER      NOT NULL,
    claimed_by   VARCHAR(128),
    lease_until  TIMESTAMP WITH TIME ZONE,
    done_at      TIMESTAMP WITH TIME ZONE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT learnloop_job_pk PRIMARY KEY (tenant, queue, job_key)
);
CREATE INDEX learnloop_job_due ON learnloop_job (tenant, queue, done_at, due_at);
