-- Learnloop store, version 4: reporting views, with the same names and columns as on PostgreSQL. The documents are
-- read with JSON_VALUE and JSON_TABLE (MySQL 8.0, MariaDB 10.6); keys stored as bytes are shown as text, instants as
-- DATETIME(6) in UTC, amounts as BIGINT minor units beside their currency.

CREATE VIEW learnloop_documents AS
SELECT CONVERT(tenant USING utf8mb4) AS tenant, CONVERT(type USING utf8mb4) AS type, CONVERT(id USING utf8mb4) AS id,
       version, body, created_at, updated_at
FROM learnloop_aggregate;

CREATE VIEW learnloop_orders AS
SELECT CONVERT(a.tenant USING utf8mb4)                                        AS tenant,
       CONVERT(a.id USING utf8mb4)                                            AS order_id,
       JSON_VALUE(a.body, '$.learner')                                        AS learner,
       JSON_VALUE(a.body, '$.status')                                         AS status,
       JSON_VALUE(a.body, '$.total.currency')                                 AS currency,
       CAST(JSON_VALUE(a.body, '$.subtotal.minor') AS SIGNED)                 AS subtotal_minor,
       CAST(JSON_VALUE(a.body, '$.discount.minor') AS SIGNED)                 AS discount_minor,
       CAST(JSON_VALUE(a.body, '$.total.minor') AS SIGNED)                    AS total_minor,
       CAST(JSON_VALUE(a.body, '$.refunded.minor') AS SIGNED)                 AS refunded_minor,
       CAST(REPLACE(REPLACE(JSON_VALUE(a.body, '$.createdAt'), 'T', ' '), 'Z', '') AS DATETIME(6)) AS created_at,
       CAST(REPLACE(REPLACE(JSON_VALUE(a.body, '$.paidAt'), 'T', ' '), 'Z', '') AS DATETIME(6))    AS paid_at,
       JSON_VALUE(a.body, '$.payment.provider')                               AS payment_channel,
       JSON_VALUE(a.body, '$.payment.reference')                              AS payment_reference,
       CAST(REPLACE(REPLACE(JSON_VALUE(a.body, '$.updatedAt'), 'T', ' '), 'Z', '') AS DATETIME(6)) AS updated_at
FROM learnloop_aggregate a
WHERE a.type = 'order';

CREATE VIEW learnloop_order_lines AS
SELECT CONVERT(a.tenant USING utf8mb4) AS tenant, CONVERT(a.id USING utf8mb4) AS order_id, l.line, l.offer_id, l.kind,
       l.title, l.currency, l.list_price_minor, l.discount_minor, l.net_minor, l.refunded_minor, l.courses
FROM learnloop_aggregate a,
     JSON_TABLE(a.body, '$.lines[*]' COLUMNS (
         line             INT          PATH '$.line',
         offer_id         VARCHAR(255) PATH '$.offerId',
         kind             VARCHAR(32)  PATH '$.kind',
         title            VARCHAR(512) PATH '$.title',
         currency         VARCHAR(3)   PATH '$.net.currency',
         list_price_minor BIGINT       PATH '$.listPrice.minor',
         discount_minor   BIGINT       PATH '$.discount.minor',
         net_minor        BIGINT       PATH '$.net.minor',
         refunded_minor   BIGINT       PATH '$.refunded.minor',
         courses          JSON         PATH '$.courses')) AS l
WHERE a.type = 'order';

CREATE VIEW learnloop_order_refunds AS
SELECT CONVERT(a.tenant USING utf8mb4) AS tenant, CONVERT(a.id USING utf8mb4) AS order_id, r.refund_key, r.currency,
       r.amount_minor, r.reason, CAST(REPLACE(REPLACE(r.refunded_at, 'T', ' '), 'Z', '') AS DATETIME(6)) AS refunded_at
FROM learnloop_aggregate a,
     JSON_TABLE(a.body, '$.refunds[*]' COLUMNS (
         refund_key   VARCHAR(255) PATH '$.refundKey',
         currency     VARCHAR(3)   PATH '$.total.currency',
         amount_minor BIGINT       PATH '$.total.minor',
         reason       VARCHAR(512) PATH '$.reason',
         refunded_at  VARCHAR(40)  PATH '$.refundedAt')) AS r
WHERE a.type = 'order';

CREATE VIEW learnloop_grants AS
SELECT CONVERT(a.tenant USING utf8mb4)                                        AS tenant,
       CONVERT(a.id USING utf8mb4)                                            AS grant_id,
       JSON_VALUE(a.body, '$.learner')                                        AS learner,
       JSON_VALUE(a.body, '$.source')                                         AS source,
       JSON_VALUE(a.body, '$.order')                                          AS order_id,
       JSON_VALUE(a.body, '$.orderLine')                                      AS order_line,
       JSON_VALUE(a.body, '$.plan')                                           AS plan,
       JSON_EXTRACT(a.body, '$.courses')                                      AS courses,
       JSON_EXTRACT(a.body, '$.categories')                                   AS categories,
       CAST(REPLACE(REPLACE(JSON_VALUE(a.body, '$.startsAt'), 'T', ' '), 'Z', '') AS DATETIME(6))  AS starts_at,
       CAST(REPLACE(REPLACE(JSON_VALUE(a.body, '$.endsAt'), 'T', ' '), 'Z', '') AS DATETIME(6))    AS ends_at,
       CAST(REPLACE(REPLACE(JSON_VALUE(a.body, '$.grantedAt'), 'T', ' '), 'Z', '') AS DATETIME(6)) AS granted_at,
       JSON_VALUE(a.body, '$.grantedBy')                                      AS granted_by,
       JSON_VALUE(a.body, '$.revocation.reason')                              AS revocation_reason,
       CAST(REPLACE(REPLACE(JSON_VALUE(a.body, '$.revocation.revokedAt'), 'T', ' '), 'Z', '') AS DATETIME(6)) AS revoked_at
FROM learnloop_aggregate a
WHERE a.type = 'access_grant';

CREATE VIEW learnloop_ledger_postings AS
SELECT CONVERT(a.tenant USING utf8mb4)                                        AS tenant,
       CONVERT(a.id USING utf8mb4)                                            AS entry_id,
       JSON_VALUE(a.body, '$.key')                                            AS entry_key,
       JSON_VALUE(a.body, '$.operation')                                      AS operation,
       JSON_VALUE(a.body, '$.orderId')                                        AS order_id,
       CAST(REPLACE(REPLACE(JSON_VALUE(a.body, '$.postedAt'), 'T', ' '), 'Z', '') AS DATETIME(6)) AS posted_at,
       JSON_VALUE(a.body, '$.currency')                                       AS currency,
       p.account_kind, p.account_owner, p.line, p.amount_minor
FROM learnloop_aggregate a,
     JSON_TABLE(a.body, '$.postings[*]' COLUMNS (
         account_kind  VARCHAR(32)  PATH '$.account.kind',
         account_owner VARCHAR(255) PATH '$.account.owner',
         line          INT          PATH '$.line',
         amount_minor  BIGINT       PATH '$.amount.minor')) AS p
WHERE a.type = 'journal_entry';

CREATE VIEW learnloop_provider_refunds AS
SELECT CONVERT(a.tenant USING utf8mb4)                                        AS tenant,
       JSON_VALUE(a.body, '$.order')                                          AS order_id,
       JSON_VALUE(a.body, '$.refundKey')                                      AS refund_key,
       JSON_VALUE(a.body, '$.provider')                                       AS provider,
       JSON_VALUE(a.body, '$.refundReference')                                AS refund_reference,
       JSON_VALUE(a.body, '$.state')                                          AS state,
       JSON_VALUE(a.body, '$.amount.currency')                                AS currency,
       CAST(JSON_VALUE(a.body, '$.amount.minor') AS SIGNED)                   AS amount_minor,
       JSON_VALUE(a.body, '$.providerRefundId')                               AS provider_refund_id,
       CAST(REPLACE(REPLACE(JSON_VALUE(a.body, '$.updatedAt'), 'T', ' '), 'Z', '') AS DATETIME(6)) AS updated_at
FROM learnloop_aggregate a
WHERE a.type = 'payment_refund';

CREATE VIEW learnloop_lesson_progress AS
SELECT CONVERT(a.tenant USING utf8mb4)                                        AS tenant,
       JSON_VALUE(a.body, '$.learner')                                        AS learner,
       JSON_VALUE(a.body, '$.courseId')                                       AS course_id,
       JSON_VALUE(a.body, '$.lessonId')                                       AS lesson_id,
       JSON_VALUE(a.body, '$.kind')                                           AS kind,
       CAST(JSON_VALUE(a.body, '$.durationMillis') AS SIGNED)                 AS duration_ms,
       CAST(JSON_VALUE(a.body, '$.coveredMillis') AS SIGNED)                  AS covered_ms,
       CAST(JSON_VALUE(a.body, '$.timeSpentMillis') AS SIGNED)                AS time_spent_ms,
       CAST(REPLACE(REPLACE(JSON_VALUE(a.body, '$.openedAt'), 'T', ' '), 'Z', '') AS DATETIME(6))    AS opened_at,
       CAST(REPLACE(REPLACE(JSON_VALUE(a.body, '$.completedAt'), 'T', ' '), 'Z', '') AS DATETIME(6)) AS completed_at,
       CAST(REPLACE(REPLACE(JSON_VALUE(a.body, '$.updatedAt'), 'T', ' '), 'Z', '') AS DATETIME(6))   AS updated_at
FROM learnloop_aggregate a
WHERE a.type = 'lesson_progress';

CREATE VIEW learnloop_course_progress AS
SELECT CONVERT(a.tenant USING utf8mb4)                                        AS tenant,
       JSON_VALUE(a.body, '$.learner')                                        AS learner,
       JSON_VALUE(a.body, '$.courseId')                                       AS course_id,
       JSON_LENGTH(a.body, '$.completedLessons')                              AS lessons_completed,
       CAST(REPLACE(REPLACE(JSON_VALUE(a.body, '$.startedAt'), 'T', ' '), 'Z', '') AS DATETIME(6))   AS started_at,
       CAST(REPLACE(REPLACE(JSON_VALUE(a.body, '$.completedAt'), 'T', ' '), 'Z', '') AS DATETIME(6)) AS completed_at,
       CAST(REPLACE(REPLACE(JSON_VALUE(a.body, '$.updatedAt'), 'T', ' '), 'Z', '') AS DATETIME(6))   AS updated_at
FROM learnloop_aggregate a
WHERE a.type = 'course_progress';
