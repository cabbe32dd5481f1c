-- Learnloop store, version 4: reporting views. The SDK keeps each aggregate as one JSON document; these views give
-- hosts and their BI tools plain rows with stable column names over those documents. Columns are only ever added,
-- never renamed or re-typed (the wire format's rule). Amounts are minor units (fen, cents) with their currency;
-- instants are timestamps in UTC.

CREATE VIEW learnloop_documents AS
SELECT tenant, type, id, version, body, created_at, updated_at
FROM learnloop_aggregate;

CREATE VIEW learnloop_orders AS
SELECT a.tenant,
       a.id                                        AS order_id,
       a.body ->> 'learner'                        AS learner,
       a.body ->> 'status'                         AS status,
       a.body -> 'total' ->> 'currency'            AS currency,
       (a.body -> 'subtotal' ->> 'minor')::bigint  AS subtotal_minor,
       (a.body -> 'discount' ->> 'minor')::bigint  AS discount_minor,
       (a.body -> 'total' ->> 'minor')::bigint     AS total_minor,
       (a.body -> 'refunded' ->> 'minor')::bigint  AS refunded_minor,
       (a.body ->> 'createdAt')::timestamptz       AS created_at,
       (a.body ->> 'paidAt')::timestamptz          AS paid_at,
       a.body -> 'payment' ->> 'provider'          AS payment_channel,
       a.body -> 'payment' ->> 'reference'         AS payment_reference,
       (a.body ->> 'updatedAt')::timestamptz       AS updated_at
FROM learnloop_aggregate a
WHERE a.type = 'order';

CREATE VIEW learnloop_order_lines AS
SELECT a.tenant,
       a.id                                        AS order_id,
       (l ->> 'line')::int                         AS line,
       l ->> 'offerId'                             AS offer_id,
       l ->> 'kind'                                AS kind,
       l ->> 'title'                               AS title,
       l -> 'net' ->> 'currency'                   AS currency,
       (l -> 'listPrice' ->> 'minor')::bigint      AS list_price_minor,
       (l -> 'discount' ->> 'minor')::bigint       AS discount_minor,
       (l -> 'net' ->> 'minor')::bigint            AS net_minor,
       (l -> 'refunded' ->> 'minor')::bigint       AS refunded_minor,
       ARRAY(SELECT jsonb_array_elements_text(COALESCE(l -> 'courses', '[]'::jsonb)))   AS courses
FROM learnloop_aggregate a, jsonb_array_elements(a.body -> 'lines') AS l
WHERE a.type = 'order';

CREATE VIEW learnloop_order_refunds AS
SELECT a.tenant,
       a.id                                        AS order_id,
       r ->> 'refundKey'                           AS refund_key,
       r -> 'total' ->> 'currency'                 AS currency,
       (r -> 'total' ->> 'minor')::bigint          AS amount_minor,
       r ->> 'reason'                              AS reason,
       (r ->> 'refundedAt')::timestamptz           AS refunded_at
FROM learnloop_aggregate a, jsonb_array_elements(a.body -> 'refunds') AS r
WHERE a.type = 'order';

CREATE VIEW learnloop_grants AS
SELECT a.tenant,
       a.id                                        AS grant_id,
       a.body ->> 'learner'                        AS learner,
       a.body ->> 'source'                         AS source,
       a.body ->> 'order'                          AS order_id,
       a.body ->> 'orderLine'                      AS order_line,
       a.body ->> 'plan'                           AS plan,
       ARRAY(SELECT jsonb_array_elements_text(a.body -> 'courses'))     AS courses,
       ARRAY(SELECT jsonb_array_elements_text(a.body -> 'categories'))  AS categories,
       (a.body ->> 'startsAt')::timestamptz        AS starts_at,
       (a.body ->> 'endsAt')::timestamptz          AS ends_at,
       (a.body ->> 'grantedAt')::timestamptz       AS granted_at,
       a.body ->> 'grantedBy'                      AS granted_by,
       a.body -> 'revocation' ->> 'reason'         AS revocation_reason,
       (a.body -> 'revocation' ->> 'revokedAt')::timestamptz AS revoked_at
FROM learnloop_aggregate a
WHERE a.type = 'access_grant';

CREATE VIEW learnloop_ledger_postings AS
SELECT a.tenant,
       a.id                                        AS entry_id,
       a.body ->> 'key'                            AS entry_key,
       a.body ->> 'operation'                      AS operation,
       a.body ->> 'orderId'                        AS order_id,
       (a.body ->> 'postedAt')::timestamptz        AS posted_at,
       a.body ->> 'currency'                       AS currency,
       p -> 'account' ->> 'kind'                   AS account_kind,
       p -> 'account' ->> 'owner'                  AS account_owner,
       (p ->> 'line')::int                         AS line,
       (p -> 'amount' ->> 'minor')::bigint         AS amount_minor
FROM learnloop_aggregate a, jsonb_array_elements(a.body -> 'postings') AS p
WHERE a.type = 'journal_entry';

CREATE VIEW learnloop_provider_refunds AS
SELECT a.tenant,
       a.body ->> 'order'                          AS order_id,
       a.body ->> 'refundKey'                      AS refund_key,
       a.body ->> 'provider'                       AS provider,
       a.body ->> 'refundReference'                AS refund_reference,
       a.body ->> 'state'                          AS state,
       a.body -> 'amount' ->> 'currency'           AS currency,
       (a.body -> 'amount' ->> 'minor')::bigint    AS amount_minor,
       a.body ->> 'providerRefundId'               AS provider_refund_id,
       (a.body ->> 'updatedAt')::timestamptz       AS updated_at
FROM learnloop_aggregate a
WHERE a.type = 'payment_refund';

CREATE VIEW learnloop_lesson_progress AS
SELECT a.tenant,
       a.body ->> 'learner'                        AS learner,
       a.body ->> 'courseId'                       AS course_id,
       a.body ->> 'lessonId'                       AS lesson_id,
       a.body ->> 'kind'                           AS kind,
       (a.body ->> 'durationMillis')::bigint       AS duration_ms,
       (a.body ->> 'coveredMillis')::bigint        AS covered_ms,
       (a.body ->> 'timeSpentMillis')::bigint      AS time_spent_ms,
       (a.body ->> 'openedAt')::timestamptz        AS opened_at,
       (a.body ->> 'completedAt')::timestamptz     AS completed_at,
       (a.body ->> 'updatedAt')::timestamptz       AS updated_at
FROM learnloop_aggregate a
WHERE a.type = 'lesson_progress';

CREATE VIEW learnloop_course_progress AS
SELECT a.tenant,
       a.body ->> 'learner'                        AS learner,
       a.body ->> 'courseId'                       AS course_id,
       jsonb_array_length(a.body -> 'completedLessons') AS lessons_completed,
       (a.body ->> 'startedAt')::timestamptz       AS started_at,
       (a.body ->> 'completedAt')::timestamptz     AS completed_at,
       (a.body ->> 'updatedAt')::timestamptz       AS updated_at
FROM learnloop_aggregate a
WHERE a.type = 'course_progress';
