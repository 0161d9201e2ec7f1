-- Application fees. One order per application and fee kind, made when the fee falls due (at
-- submission): its amount and currency come from the application's definition version.
-- `status`: due, pending, paid, refunded, partially_refunded, waived or cancelled.
CREATE TABLE fee_orders (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL,
    channel TEXT,
    paid_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (application_id, kind)
);

-- Every change of an order's status: when, from what, to what, through which channel.
CREATE TABLE fee_order_events (
    id TEXT PRIMARY KEY NOT NULL,
    order_id TEXT NOT NULL REFERENCES fee_orders(id) ON DELETE CASCADE,
    at TIMESTAMP NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    channel TEXT,
    reason TEXT NOT NULL
);
CREATE INDEX fee_order_events_order ON fee_order_events(order_id, at);

-- A checkout at a payment provider for an order, for its amount at the time. At most one is
-- open per order: a second "Pay" while one is open goes back to it.
-- `state`: open, paid or failed.
CREATE TABLE payment_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    order_id TEXT NOT NULL REFERENCES fee_orders(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX payment_sessions_one_open ON payment_sessions(order_id) WHERE state = 'open';

-- Every provider notification that was verified, once: a repeat has the same
-- (provider, event_id) and is recognised. `outcome`: what it did (credited, failed, ignored).
CREATE TABLE payment_notifications (
    provider TEXT NOT NULL,
    event_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL,
    PRIMARY KEY (provider, event_id)
);
