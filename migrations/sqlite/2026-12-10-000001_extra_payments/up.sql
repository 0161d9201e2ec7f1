-- A refund of a second payment of a fee already paid (the candidate paid twice), given back
-- whole through the gateway that took it, or of a transfer's money left over (`credit_id`, a
-- balance), sent back by transfer: either leaves the fee as it is.
ALTER TABLE refunds ADD COLUMN extra BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE refunds ADD COLUMN credit_id TEXT REFERENCES bank_credits(id) ON DELETE SET NULL;
