ALTER TABLE payment_sessions DROP COLUMN checkout_url;
