DROP INDEX payment_sessions_open_since;
ALTER TABLE payment_sessions DROP COLUMN gateway_id;
