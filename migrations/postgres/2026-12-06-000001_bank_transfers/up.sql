-- Bank transfers. Each candidate gets a number when they first see the transfer details; their
-- account number is made from it and the configured prefix. `counters` hands out numbers: an
-- UPDATE … RETURNING on its row, which concurrent transactions take in turn.
CREATE TABLE counters (
    name TEXT PRIMARY KEY NOT NULL,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('candidate', 0);

CREATE TABLE candidate_numbers (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    number BIGINT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

-- Every statement file imported: by whom, and what it did.
CREATE TABLE bank_statements (
    id TEXT PRIMARY KEY NOT NULL,
    format TEXT NOT NULL,
    reference TEXT NOT NULL,
    account TEXT NOT NULL,
    file_name TEXT NOT NULL,
    imported_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    imported_at TIMESTAMP NOT NULL,
    credits INTEGER NOT NULL,
    matched INTEGER NOT NULL,
    unmatched INTEGER NOT NULL,
    repeated INTEGER NOT NULL
);

-- Every credit read from a statement, once: `fingerprint` is the same when the same credit
-- comes again (the same statement imported twice, or overlapping statements).
-- `state`: matched (the amount paid fees), balance (the owner is known; money is left over,
-- refundable), unmatched (in the staff queue, `reason` says why).
CREATE TABLE bank_credits (
    id TEXT PRIMARY KEY NOT NULL,
    statement_id TEXT NOT NULL REFERENCES bank_statements(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL UNIQUE,
    value_date DATE NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    account TEXT,
    user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
    payer TEXT NOT NULL,
    title TEXT NOT NULL,
    bank_reference TEXT NOT NULL,
    state TEXT NOT NULL,
    reason TEXT,
    left_minor BIGINT NOT NULL,
    matched_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    matched_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX bank_credits_state ON bank_credits(state, value_date);

-- What part of a credit paid which fee order.
CREATE TABLE credit_allocations (
    credit_id TEXT NOT NULL REFERENCES bank_credits(id) ON DELETE CASCADE,
    order_id TEXT NOT NULL REFERENCES fee_orders(id) ON DELETE CASCADE,
    amount_minor BIGINT NOT NULL,
    PRIMARY KEY (credit_id, order_id)
);
