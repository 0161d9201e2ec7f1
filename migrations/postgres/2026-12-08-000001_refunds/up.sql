-- The gateway's own id of a paid checkout's payment (Przelewy24's orderId, Stripe's
-- payment_intent): a refund through the gateway names it.
ALTER TABLE payment_sessions ADD COLUMN reference TEXT;

-- Money given back on a paid fee order, asked for by the finance office with a reason.
-- `method`: the channel it goes back through (the gateway that took it, or bank_transfer).
-- `state`: requested (asked of the gateway, not yet confirmed), to_send (a bank transfer the
-- finance office is to make, to `account`), completed, or failed (`problem` says why).
-- Only requested, to_send and completed refunds count against what is left to refund.
CREATE TABLE refunds (
    id TEXT PRIMARY KEY NOT NULL,
    order_id TEXT NOT NULL REFERENCES fee_orders(id) ON DELETE CASCADE,
    session_id TEXT REFERENCES payment_sessions(id) ON DELETE SET NULL,
    method TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    state TEXT NOT NULL,
    reason TEXT NOT NULL,
    account TEXT,
    reference TEXT,
    problem TEXT,
    requested_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    requested_at TIMESTAMP NOT NULL,
    completed_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX refunds_order ON refunds(order_id);
CREATE INDEX refunds_state ON refunds(state, requested_at);
