DROP TABLE refunds;
ALTER TABLE payment_sessions DROP COLUMN reference;
