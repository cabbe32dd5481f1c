-- Learnloop store, version 4: reporting views. H2 has no functions that read fields out of a JSON document, so the
-- typed views of PostgreSQL (learnloop_orders, learnloop_order_lines ...) are not made on the embedded store; this
-- view lists the documents themselves, in the same shape as on every other database.

CREATE VIEW learnloop_documents AS
SELECT tenant, type, id, version, body, created_at, updated_at
FROM learnloop_aggregate;
