-- The paper original of a document: the day staff recorded it as received (YYYY-MM-DD) and who.
ALTER TABLE documents ADD COLUMN original_received_on TEXT;
ALTER TABLE documents ADD COLUMN original_received_by TEXT;
