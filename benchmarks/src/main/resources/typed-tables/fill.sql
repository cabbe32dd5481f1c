-- Rows :lo to :hi of the typed-table prototype, shaped like the documents of a paid order (psql variables lo, hi).
CREATE TEMP TABLE ids AS SELECT g, gen_random_uuid() o, gen_random_uuid() gr, gen_random_uuid() j, gen_random_uuid() ev, gen_random_uuid() pay,
  'll' || substr(replace(gen_random_uuid()::text,'-',''),1,20) || '-1' mref, timestamptz '2026-01-02 01:00:00+00' + g * interval '1 second' t
  FROM generate_series(:lo, :hi) g;
INSERT INTO t_order SELECT 'default', o, 3, 'learner-' || g, 'PAID', 'CNY', 9900, 0, 9900, 0, 'k', t, t, t + interval '30 min', t, 'sandbox', 'sbx_pay_' || pay, 9900, NULL FROM ids;
INSERT INTO t_order_line SELECT 'default', o, 1, 'COURSE', 'Java', 'e33c1e34-daca-4c01-a509-53f878f0d92f', 9900, 0, 9900, 0, ARRAY['f240ca9e-aa61-44e3-b90d-6f6d4a3ef59d'::uuid] FROM ids;
INSERT INTO t_grant SELECT 'default', gr, 1, 'learner-' || g, o, 1, 'PURCHASE', 'purchase:' || o || ':line-1', t, t, NULL, NULL, NULL FROM ids;
INSERT INTO t_grant_course SELECT 'default', 'f240ca9e-aa61-44e3-b90d-6f6d4a3ef59d', t, gr FROM ids;
INSERT INTO t_journal SELECT 'default', j, 1, o || ':PAYMENT', o, 'CNY', t, 'PAYMENT' FROM ids;
INSERT INTO t_posting SELECT 'default', j, 1, 1, 'clearing:sandbox|CNY', -9900, t FROM ids;
INSERT INTO t_posting SELECT 'default', j, 2, 1, 'platform|CNY', 1980, t FROM ids;
INSERT INTO t_posting SELECT 'default', j, 3, 1, 'creator:ada|CNY', 7920, t FROM ids;
INSERT INTO t_attempt SELECT 'default', 'sandbox:' || mref, 2, 'QR_CODE', o, 'PAID', 9900, 'CNY', 1, 'sandbox', t, t, mref, 'sbx_pay_' || pay FROM ids;
INSERT INTO t_notification SELECT 'default', 'sandbox:evt_' || ev, 1, 'PAYMENT_SUCCEEDED', 'order paid', 'evt_' || ev, 'sandbox', t, 'SETTLED', mref, NULL FROM ids;
