-- Per-order records as typed tables: a storage prototype for docs/benchmarks-data.md ("Storage per paid order").
CREATE TABLE t_order (tenant text NOT NULL, id uuid NOT NULL, version bigint NOT NULL, learner text NOT NULL, status text NOT NULL,
 currency char(3) NOT NULL, subtotal bigint NOT NULL, discount bigint NOT NULL, total bigint NOT NULL, refunded bigint NOT NULL,
 client_key text, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, expires_at timestamptz, paid_at timestamptz,
 pay_provider text, pay_reference text, pay_amount bigint, extra jsonb, PRIMARY KEY (tenant, id));
CREATE INDEX t_order_learner ON t_order (tenant, learner, created_at, id);
CREATE INDEX t_order_status ON t_order (tenant, status, paid_at, id);
CREATE UNIQUE INDEX t_order_client ON t_order (tenant, learner, client_key);
CREATE TABLE t_order_line (tenant text NOT NULL, order_id uuid NOT NULL, line smallint NOT NULL, kind text NOT NULL, title text NOT NULL,
 offer_id uuid, list_price bigint NOT NULL, discount bigint NOT NULL, net bigint NOT NULL, refunded bigint NOT NULL, courses uuid[] NOT NULL,
 PRIMARY KEY (tenant, order_id, line));
CREATE TABLE t_grant (tenant text NOT NULL, id uuid NOT NULL, version bigint NOT NULL, learner text NOT NULL, order_id uuid, order_line smallint,
 source text NOT NULL, source_key text NOT NULL, starts_at timestamptz NOT NULL, granted_at timestamptz NOT NULL, ends_at timestamptz,
 revoked_at timestamptz, categories text[], PRIMARY KEY (tenant, id));
CREATE UNIQUE INDEX t_grant_source ON t_grant (tenant, source_key);
CREATE INDEX t_grant_learner ON t_grant (tenant, learner);
CREATE INDEX t_grant_order ON t_grant (tenant, order_id);
CREATE TABLE t_grant_course (tenant text NOT NULL, course_id uuid NOT NULL, granted_at timestamptz NOT NULL, grant_id uuid NOT NULL,
 PRIMARY KEY (tenant, course_id, granted_at, grant_id));
CREATE TABLE t_journal (tenant text NOT NULL, id uuid NOT NULL, version bigint NOT NULL, entry_key text NOT NULL, order_id uuid, currency char(3) NOT NULL,
 posted_at timestamptz NOT NULL, operation text NOT NULL, PRIMARY KEY (tenant, id));
CREATE UNIQUE INDEX t_journal_key ON t_journal (tenant, entry_key);
CREATE INDEX t_journal_order ON t_journal (tenant, order_id);
CREATE TABLE t_posting (tenant text NOT NULL, entry_id uuid NOT NULL, n smallint NOT NULL, line smallint, account text NOT NULL,
 amount bigint NOT NULL, posted_at timestamptz NOT NULL, PRIMARY KEY (tenant, entry_id, n));
CREATE INDEX t_posting_account ON t_posting (tenant, account, posted_at, entry_id);
CREATE TABLE t_attempt (tenant text NOT NULL, id text NOT NULL, version bigint NOT NULL, flow text, order_id uuid NOT NULL, state text NOT NULL,
 amount bigint NOT NULL, currency char(3) NOT NULL, attempt smallint NOT NULL, provider text NOT NULL, created_at timestamptz NOT NULL,
 updated_at timestamptz NOT NULL, merchant_reference text NOT NULL, provider_payment_id text, PRIMARY KEY (tenant, id));
CREATE INDEX t_attempt_order ON t_attempt (tenant, order_id);
CREATE INDEX t_attempt_open ON t_attempt (tenant, state) WHERE state IN ('NEW','PENDING','UNKNOWN');
CREATE TABLE t_notification (tenant text NOT NULL, id text NOT NULL, version bigint NOT NULL, type text NOT NULL, detail text, event_id text NOT NULL,
 provider text NOT NULL, received_at timestamptz NOT NULL, disposition text NOT NULL, merchant_reference text, pruned_at timestamptz,
 PRIMARY KEY (tenant, id));
CREATE INDEX t_notification_age ON t_notification (tenant, received_at, id) WHERE pruned_at IS NULL;
CREATE INDEX t_notification_reference ON t_notification (tenant, merchant_reference);
