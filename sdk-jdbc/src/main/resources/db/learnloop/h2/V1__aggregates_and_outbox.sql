-- Learnloop store, version 1: aggregates as JSON documents with their lookup and unique keys, and the outbox.

CREATE TABLE learnloop_aggregate (
    tenant      VARCHAR(128) NOT NULL,
    type        VARCHAR(64)  NOT NULL,
    id          VARCHAR(255) NOT NULL,
    version     BIGINT       NOT NULL,
    seq         BIGINT       GENERATED ALWAYS AS IDENTITY,
    body        CHARACTER LARGE OBJECT NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT learnloop_aggregate_pk PRIMARY KEY (tenant, type, id)
);
CREATE UNIQUE INDEX learnloop_aggregate_order ON learnloop_aggregate (tenant, type, seq);

CREATE TABLE learnloop_index_entry (
    tenant      VARCHAR(128) NOT NULL,
    type        VARCHAR(64)  NOT NULL,
    index_name  VARCHAR(64)  NOT NULL,
    index_key   VARCHAR(512) NOT NULL,
    id          VARCHAR(255) NOT NULL,
    CONSTRAINT learnloop_index_entry_pk PRIMARY KEY (tenant, type, index_name, index_key, id)
);
-- Led by id, so a planner never mistakes it for a way to scan a whole type.
CREATE INDEX learnloop_index_entry_owner ON learnloop_index_entry (id, tenant, type);

-- The primary key is what makes a unique key unique, across every host instance.
CREATE TABLE learnloop_unique_key (
    tenant      VARCHAR(128) NOT NULL,
    type        VARCHAR(64)  NOT NULL,
    key_name    VARCHAR(64)  NOT NULL,
    key_value   VARCHAR(512) NOT NULL,
    id          VARCHAR(255) NOT NULL,
    CONSTRAINT learnloop_unique_key_pk PRIMARY KEY (tenant, type, key_name, key_value)
);
CREATE INDEX learnloop_unique_key_owner ON learnloop_unique_key (id, tenant, type);

CREATE TABLE learnloop_outbox (
    seq           BIGINT       GENERATED ALWAYS AS IDENTITY,
    tenant        VARCHAR(128) NOT NULL,
    event_id      VARCHAR(128) NOT NULL,
    event_type    VARCHAR(64)  NOT NULL,
    aggregate_id  VARCHAR(128) NOT NULL,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    body          CHARACTER LARGE OBJECT NOT NULL,
    claimed_by    VARCHAR(128),
    lease_until   TIMESTAMP WITH TIME ZONE,
    delivered_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT learnloop_outbox_pk PRIMARY KEY (seq),
    CONSTRAINT learnloop_outbox_event UNIQUE (tenant, event_id)
);
CREATE INDEX learnloop_outbox_pending ON learnloop_outbox (tenant, delivered_at, seq);
