-- The gateway's own id of a checkout (Przelewy24's token, Stripe's Checkout Session id): the
-- sweeper asks the gateway about a checkout by it when its notification seems lost.
ALTER TABLE payment_sessions ADD COLUMN gateway_id TEXT;
CREATE INDEX payment_sessions_open_since ON payment_sessions(state, created_at);
