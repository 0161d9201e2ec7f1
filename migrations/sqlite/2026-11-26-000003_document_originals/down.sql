ALTER TABLE documents DROP COLUMN original_received_by;
ALTER TABLE documents DROP COLUMN original_received_on;
