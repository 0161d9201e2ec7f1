ALTER TABLE refunds DROP COLUMN credit_id;
ALTER TABLE refunds DROP COLUMN extra;
